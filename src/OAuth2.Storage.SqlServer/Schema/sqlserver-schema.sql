-- OAuth2 storage schema for SQL Server 2019 and later (Azure SQL too). Idempotent: safe to run at every start.
-- {{schema}} is the configured schema (default oauth2), {{prefix}} the table prefix (empty by default).
-- Batches are separated by GO (sqlcmd, SSMS and EnsureSchemaAsync all understand it).
-- Times are Unix milliseconds (UTC); lists and property bags are JSON text; digests are SHA-256 (32 bytes).
-- Client and grant ids use the binary collation Latin1_General_100_BIN2: comparisons are exact and case-sensitive
-- whatever the database's default collation.
IF SCHEMA_ID(N'{{schema}}') IS NULL
    EXEC (N'CREATE SCHEMA [{{schema}}]');
GO
IF OBJECT_ID(N'[{{schema}}].[{{prefix}}clients]', N'U') IS NULL
CREATE TABLE [{{schema}}].[{{prefix}}clients] (
    client_id                    nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT [{{prefix}}clients_pk] PRIMARY KEY,
    client_type                  varchar(32)   NOT NULL,
    secret_hash                  nvarchar(max) NULL,
    redirect_uris                nvarchar(max) NOT NULL,
    grants                       nvarchar(max) NOT NULL,
    scopes                       nvarchar(max) NULL,
    access_token_lifetime_ticks  bigint        NULL,
    refresh_token_lifetime_ticks bigint        NULL,
    require_pkce                 bit           NOT NULL,
    properties                   nvarchar(max) NOT NULL,
    require_par                  bit           NOT NULL CONSTRAINT [{{prefix}}clients_require_par_df] DEFAULT 0
);
GO
IF OBJECT_ID(N'[{{schema}}].[{{prefix}}access_tokens]', N'U') IS NULL
CREATE TABLE [{{schema}}].[{{prefix}}access_tokens] (
    digest              binary(32)    NOT NULL CONSTRAINT [{{prefix}}access_tokens_pk] PRIMARY KEY,
    client_id           nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_id             nvarchar(max) NOT NULL,
    user_properties     nvarchar(max) NOT NULL,
    scope               nvarchar(max) NOT NULL,
    issued_at           bigint        NOT NULL,
    expires_at          bigint        NOT NULL,
    grant_id            nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    extended_attributes nvarchar(max) NOT NULL
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}access_tokens_grant_id' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}access_tokens]'))
    CREATE INDEX [{{prefix}}access_tokens_grant_id] ON [{{schema}}].[{{prefix}}access_tokens] (grant_id);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}access_tokens_expires_at' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}access_tokens]'))
    CREATE INDEX [{{prefix}}access_tokens_expires_at] ON [{{schema}}].[{{prefix}}access_tokens] (expires_at);
GO
IF OBJECT_ID(N'[{{schema}}].[{{prefix}}refresh_tokens]', N'U') IS NULL
CREATE TABLE [{{schema}}].[{{prefix}}refresh_tokens] (
    digest              binary(32)    NOT NULL CONSTRAINT [{{prefix}}refresh_tokens_pk] PRIMARY KEY,
    client_id           nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_id             nvarchar(max) NOT NULL,
    user_properties     nvarchar(max) NOT NULL,
    scope               nvarchar(max) NOT NULL,
    issued_at           bigint        NOT NULL,
    expires_at          bigint        NULL,
    grant_id            nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    redeemed_at         bigint        NULL
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}refresh_tokens_grant_id' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}refresh_tokens]'))
    CREATE INDEX [{{prefix}}refresh_tokens_grant_id] ON [{{schema}}].[{{prefix}}refresh_tokens] (grant_id);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}refresh_tokens_expires_at' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}refresh_tokens]'))
    CREATE INDEX [{{prefix}}refresh_tokens_expires_at] ON [{{schema}}].[{{prefix}}refresh_tokens] (expires_at);
GO
IF OBJECT_ID(N'[{{schema}}].[{{prefix}}authorization_codes]', N'U') IS NULL
CREATE TABLE [{{schema}}].[{{prefix}}authorization_codes] (
    digest                binary(32)    NOT NULL CONSTRAINT [{{prefix}}authorization_codes_pk] PRIMARY KEY,
    client_id           nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_id             nvarchar(max) NOT NULL,
    user_properties     nvarchar(max) NOT NULL,
    scope               nvarchar(max) NOT NULL,
    issued_at           bigint        NOT NULL,
    expires_at            bigint        NOT NULL,
    redirect_uri          nvarchar(max) NULL,
    redirect_uri_supplied bit           NOT NULL,
    code_challenge        nvarchar(max) NULL,
    code_challenge_method nvarchar(max) NULL,
    grant_id              nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    redeemed_at           bigint        NULL
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}authorization_codes_grant_id' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}authorization_codes]'))
    CREATE INDEX [{{prefix}}authorization_codes_grant_id] ON [{{schema}}].[{{prefix}}authorization_codes] (grant_id);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}authorization_codes_expires_at' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}authorization_codes]'))
    CREATE INDEX [{{prefix}}authorization_codes_expires_at] ON [{{schema}}].[{{prefix}}authorization_codes] (expires_at);
GO
-- Device authorizations (RFC 8628), added after the first release: additive, so running this script on an existing
-- database creates only this table and its index. Kept until retain_until (later than expires_at), pruned by it.
-- status is the DeviceAuthorizationStatus name; user_id and user_properties are null while no user has decided.
IF OBJECT_ID(N'[{{schema}}].[{{prefix}}device_authorizations]', N'U') IS NULL
CREATE TABLE [{{schema}}].[{{prefix}}device_authorizations] (
    device_digest            binary(32)    NOT NULL CONSTRAINT [{{prefix}}device_authorizations_pk] PRIMARY KEY,
    user_digest              binary(32)    NOT NULL CONSTRAINT [{{prefix}}device_authorizations_user_digest] UNIQUE,
    client_id                nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    scope                    nvarchar(max) NOT NULL,
    issued_at                bigint        NOT NULL,
    expires_at               bigint        NOT NULL,
    retain_until             bigint        NOT NULL,
    grant_id                 nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    polling_interval_seconds int           NOT NULL,
    status                   varchar(16)   NOT NULL,
    user_id                  nvarchar(max) NULL,
    user_properties          nvarchar(max) NULL,
    last_polled_at           bigint        NULL,
    redeemed_at              bigint        NULL,
    revision                 bigint        NOT NULL
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}device_authorizations_retain_until' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}device_authorizations]'))
    CREATE INDEX [{{prefix}}device_authorizations_retain_until] ON [{{schema}}].[{{prefix}}device_authorizations] (retain_until);
GO
-- Failed-authentication counters behind the throttle, added after the first release: additive, like the device table.
-- One row per throttle key (printable ASCII), binary collated so keys that differ only in case are different keys;
-- a fixed window that ends at window_ends_at, after which the row is never read again and goes with the prune.
IF OBJECT_ID(N'[{{schema}}].[{{prefix}}failed_attempts]', N'U') IS NULL
CREATE TABLE [{{schema}}].[{{prefix}}failed_attempts] (
    attempt_key    nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT [{{prefix}}failed_attempts_pk] PRIMARY KEY,
    attempt_count  bigint        NOT NULL,
    window_ends_at bigint        NOT NULL
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}failed_attempts_window_ends_at' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}failed_attempts]'))
    CREATE INDEX [{{prefix}}failed_attempts_window_ends_at] ON [{{schema}}].[{{prefix}}failed_attempts] (window_ends_at);
GO
-- private_key_jwt, added after the first release: two nullable client columns (each added only when missing) and the
-- replay cache that makes each assertion's jti single-use across instances, binary collated like the attempt keys.
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}clients]', N'token_endpoint_auth_method') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}clients] ADD token_endpoint_auth_method nvarchar(64) NULL;
GO
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}clients]', N'jwks') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}clients] ADD jwks nvarchar(max) NULL;
GO
IF OBJECT_ID(N'[{{schema}}].[{{prefix}}replay_cache]', N'U') IS NULL
CREATE TABLE [{{schema}}].[{{prefix}}replay_cache] (
    replay_key nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT [{{prefix}}replay_cache_pk] PRIMARY KEY,
    expires_at bigint        NOT NULL
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}replay_cache_expires_at' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}replay_cache]'))
    CREATE INDEX [{{prefix}}replay_cache_expires_at] ON [{{schema}}].[{{prefix}}replay_cache] (expires_at);
GO
-- Resource indicators (RFC 8707), added after the first release: the resources a client is registered for and a
-- grant carries, and an access token's audience, as JSON lists. NULL in rows written before (read as empty).
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}clients]', N'resources') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}clients] ADD resources nvarchar(max) NULL;
GO
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}access_tokens]', N'audience') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}access_tokens] ADD audience nvarchar(max) NULL;
GO
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}refresh_tokens]', N'resources') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}refresh_tokens] ADD resources nvarchar(max) NULL;
GO
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}authorization_codes]', N'resources') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}authorization_codes] ADD resources nvarchar(max) NULL;
GO
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}device_authorizations]', N'resources') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}device_authorizations] ADD resources nvarchar(max) NULL;
GO
GO
-- DPoP (RFC 9449), added after the first release: the key thumbprint a token is bound to (cnf.jkt; null for a bearer
-- token) and the client's dpop_bound_access_tokens. Added in place, so an existing database keeps its rows.
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}access_tokens]', N'jkt') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}access_tokens] ADD jkt nvarchar(128) NULL;
GO
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}refresh_tokens]', N'jkt') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}refresh_tokens] ADD jkt nvarchar(128) NULL;
GO
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}clients]', N'dpop_bound_access_tokens') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}clients] ADD dpop_bound_access_tokens bit NOT NULL CONSTRAINT [{{prefix}}clients_dpop_bound_default] DEFAULT 0;
-- Pushed authorization requests (RFC 9126), added after the first release: additive. One row per request_uri digest;
-- parameters are JSON text; consumed_at is null until the authorization completes. Expired rows go with the prune.
IF OBJECT_ID(N'[{{schema}}].[{{prefix}}pushed_authorizations]', N'U') IS NULL
CREATE TABLE [{{schema}}].[{{prefix}}pushed_authorizations] (
    digest      binary(32)    NOT NULL CONSTRAINT [{{prefix}}pushed_authorizations_pk] PRIMARY KEY,
    client_id   nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    parameters  nvarchar(max) NOT NULL,
    issued_at   bigint        NOT NULL,
    expires_at  bigint        NOT NULL,
    consumed_at bigint        NULL
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}pushed_authorizations_expires_at' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}pushed_authorizations]'))
    CREATE INDEX [{{prefix}}pushed_authorizations_expires_at] ON [{{schema}}].[{{prefix}}pushed_authorizations] (expires_at);
GO
-- A client may require pushed requests (RFC 9126 require_pushed_authorization_requests): created above for a new
-- database, added here to a clients table made before it.
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}clients]', N'require_par') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}clients] ADD require_par bit NOT NULL CONSTRAINT [{{prefix}}clients_require_par_df] DEFAULT 0;
GO

-- Dynamic client registration (RFC 7591/7592), added after the first release: the hash of the registration access
-- token (same format as secret_hash; the token itself is never stored).
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}clients]', N'registration_token_hash') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}clients] ADD registration_token_hash nvarchar(max) NULL;
GO
-- JWT signing keys shared by every instance, added after the first release: additive. One row per generation (the
-- primary key makes a rotation insert-once); protected_key holds the private key only as sealed by the server.
IF OBJECT_ID(N'[{{schema}}].[{{prefix}}signing_keys]', N'U') IS NULL
CREATE TABLE [{{schema}}].[{{prefix}}signing_keys] (
    generation    bigint         NOT NULL CONSTRAINT [{{prefix}}signing_keys_pk] PRIMARY KEY,
    key_id        nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    algorithm     nvarchar(16)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    protected_key varbinary(max) NOT NULL,
    created_at    bigint         NOT NULL,
    activates_at  bigint         NOT NULL
);
GO
-- Revoking a deleted client's tokens (RFC 7592 section 2.3), added after the first release: an index on client_id of
-- each token table, so that DELETE ... WHERE client_id = @client_id does not scan. Created once, at the next start.
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}access_tokens_client_id' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}access_tokens]'))
    CREATE INDEX [{{prefix}}access_tokens_client_id] ON [{{schema}}].[{{prefix}}access_tokens] (client_id);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{{prefix}}refresh_tokens_client_id' AND object_id = OBJECT_ID(N'[{{schema}}].[{{prefix}}refresh_tokens]'))
    CREATE INDEX [{{prefix}}refresh_tokens_client_id] ON [{{schema}}].[{{prefix}}refresh_tokens] (client_id);
GO
-- Client secret lifetime (RFC 7591 client_secret_expires_at), added after the first release: when the secret stops
-- authenticating the client (Unix ms); NULL (every row written before) means never.
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}clients]', N'secret_expires_at') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}clients] ADD secret_expires_at bigint NULL;
GO
-- DPoP authorization code binding (RFC 9449 section 10), added after the first release: the dpop_jkt thumbprint a
-- code is bound to (null for an unbound code). Added in place, so an existing database keeps its rows.
IF COL_LENGTH(N'[{{schema}}].[{{prefix}}authorization_codes]', N'dpop_jkt') IS NULL
    ALTER TABLE [{{schema}}].[{{prefix}}authorization_codes] ADD dpop_jkt nvarchar(128) NULL;
GO
