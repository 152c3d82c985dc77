-- OAuth2 storage schema for PostgreSQL. Idempotent: safe to run at every start.
-- {{schema}} is the configured schema (default oauth2), {{prefix}} the table prefix (empty by default).
-- Times are Unix milliseconds (UTC); lists and property bags are JSON text; digests are SHA-256 (32 bytes).
-- Text comparisons with = are exact (byte-wise), so client ids that differ in case are different clients.
CREATE SCHEMA IF NOT EXISTS "{{schema}}";

CREATE TABLE IF NOT EXISTS "{{schema}}"."{{prefix}}clients" (
    client_id                    text    NOT NULL PRIMARY KEY,
    client_type                  text    NOT NULL,
    secret_hash                  text    NULL,
    redirect_uris                text    NOT NULL,
    grants                       text    NOT NULL,
    scopes                       text    NULL,
    access_token_lifetime_ticks  bigint  NULL,
    refresh_token_lifetime_ticks bigint  NULL,
    require_pkce                 boolean NOT NULL,
    properties                   text    NOT NULL,
    require_par                  boolean NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS "{{schema}}"."{{prefix}}access_tokens" (
    digest              bytea  NOT NULL PRIMARY KEY CHECK (octet_length(digest) = 32),
    client_id           text   NOT NULL,
    user_id             text   NOT NULL,
    user_properties     text   NOT NULL,
    scope               text   NOT NULL,
    issued_at           bigint NOT NULL,
    expires_at          bigint NOT NULL,
    grant_id            text   NOT NULL,
    extended_attributes text   NOT NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}access_tokens_grant_id" ON "{{schema}}"."{{prefix}}access_tokens" (grant_id);
CREATE INDEX IF NOT EXISTS "{{prefix}}access_tokens_expires_at" ON "{{schema}}"."{{prefix}}access_tokens" (expires_at);

CREATE TABLE IF NOT EXISTS "{{schema}}"."{{prefix}}refresh_tokens" (
    digest          bytea  NOT NULL PRIMARY KEY CHECK (octet_length(digest) = 32),
    client_id       text   NOT NULL,
    user_id         text   NOT NULL,
    user_properties text   NOT NULL,
    scope           text   NOT NULL,
    issued_at       bigint NOT NULL,
    expires_at      bigint NULL,
    grant_id        text   NOT NULL,
    redeemed_at     bigint NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}refresh_tokens_grant_id" ON "{{schema}}"."{{prefix}}refresh_tokens" (grant_id);
CREATE INDEX IF NOT EXISTS "{{prefix}}refresh_tokens_expires_at" ON "{{schema}}"."{{prefix}}refresh_tokens" (expires_at);

CREATE TABLE IF NOT EXISTS "{{schema}}"."{{prefix}}authorization_codes" (
    digest                bytea   NOT NULL PRIMARY KEY CHECK (octet_length(digest) = 32),
    client_id             text    NOT NULL,
    user_id               text    NOT NULL,
    user_properties       text    NOT NULL,
    scope                 text    NOT NULL,
    issued_at             bigint  NOT NULL,
    expires_at            bigint  NOT NULL,
    redirect_uri          text    NULL,
    redirect_uri_supplied boolean NOT NULL,
    code_challenge        text    NULL,
    code_challenge_method text    NULL,
    grant_id              text    NOT NULL,
    redeemed_at           bigint  NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}authorization_codes_grant_id" ON "{{schema}}"."{{prefix}}authorization_codes" (grant_id);
CREATE INDEX IF NOT EXISTS "{{prefix}}authorization_codes_expires_at" ON "{{schema}}"."{{prefix}}authorization_codes" (expires_at);

-- Device authorizations (RFC 8628), added after the first release: additive, so running this script on an existing
-- database creates only this table and its index. Kept until retain_until (later than expires_at), pruned by it.
-- status is the DeviceAuthorizationStatus name; user_id and user_properties are null while no user has decided.
CREATE TABLE IF NOT EXISTS "{{schema}}"."{{prefix}}device_authorizations" (
    device_digest            bytea   NOT NULL PRIMARY KEY CHECK (octet_length(device_digest) = 32),
    user_digest              bytea   NOT NULL CHECK (octet_length(user_digest) = 32),
    client_id                text    NOT NULL,
    scope                    text    NOT NULL,
    issued_at                bigint  NOT NULL,
    expires_at               bigint  NOT NULL,
    retain_until             bigint  NOT NULL,
    grant_id                 text    NOT NULL,
    polling_interval_seconds integer NOT NULL,
    status                   text    NOT NULL,
    user_id                  text    NULL,
    user_properties          text    NULL,
    last_polled_at           bigint  NULL,
    redeemed_at              bigint  NULL,
    revision                 bigint  NOT NULL,
    CONSTRAINT "{{prefix}}device_authorizations_user_digest" UNIQUE (user_digest)
);
CREATE INDEX IF NOT EXISTS "{{prefix}}device_authorizations_retain_until" ON "{{schema}}"."{{prefix}}device_authorizations" (retain_until);

-- Failed-authentication counters behind the throttle, added after the first release: additive, like the device table.
-- One row per throttle key (printable ASCII, compared exactly); a fixed window that ends at window_ends_at, after
-- which the row is never read again and goes with the expired-data prune.
CREATE TABLE IF NOT EXISTS "{{schema}}"."{{prefix}}failed_attempts" (
    attempt_key    varchar(128) NOT NULL PRIMARY KEY,
    attempt_count  bigint       NOT NULL,
    window_ends_at bigint       NOT NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}failed_attempts_window_ends_at" ON "{{schema}}"."{{prefix}}failed_attempts" (window_ends_at);

-- private_key_jwt, added after the first release: two nullable client columns (added in place, idempotently) and the
-- replay cache that makes each assertion's jti single-use across instances. One row per key (printable ASCII,
-- compared exactly) until expires_at, after which it is replaced on the next add or goes with the prune.
ALTER TABLE "{{schema}}"."{{prefix}}clients" ADD COLUMN IF NOT EXISTS token_endpoint_auth_method text NULL;
ALTER TABLE "{{schema}}"."{{prefix}}clients" ADD COLUMN IF NOT EXISTS jwks text NULL;
CREATE TABLE IF NOT EXISTS "{{schema}}"."{{prefix}}replay_cache" (
    replay_key varchar(128) NOT NULL PRIMARY KEY,
    expires_at bigint       NOT NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}replay_cache_expires_at" ON "{{schema}}"."{{prefix}}replay_cache" (expires_at);

-- Resource indicators (RFC 8707), added after the first release: the resources a client is registered for and a
-- grant carries, and an access token's audience, as JSON lists. NULL in rows written before (read as empty).
ALTER TABLE "{{schema}}"."{{prefix}}clients" ADD COLUMN IF NOT EXISTS resources text NULL;
ALTER TABLE "{{schema}}"."{{prefix}}access_tokens" ADD COLUMN IF NOT EXISTS audience text NULL;
ALTER TABLE "{{schema}}"."{{prefix}}refresh_tokens" ADD COLUMN IF NOT EXISTS resources text NULL;
ALTER TABLE "{{schema}}"."{{prefix}}authorization_codes" ADD COLUMN IF NOT EXISTS resources text NULL;
ALTER TABLE "{{schema}}"."{{prefix}}device_authorizations" ADD COLUMN IF NOT EXISTS resources text NULL;

-- DPoP (RFC 9449), added after the first release: the key thumbprint a token is bound to (cnf.jkt; null for a bearer
-- token) and the client's dpop_bound_access_tokens. Added in place, so an existing database keeps its rows.
ALTER TABLE "{{schema}}"."{{prefix}}access_tokens" ADD COLUMN IF NOT EXISTS jkt text NULL;
ALTER TABLE "{{schema}}"."{{prefix}}refresh_tokens" ADD COLUMN IF NOT EXISTS jkt text NULL;
ALTER TABLE "{{schema}}"."{{prefix}}clients" ADD COLUMN IF NOT EXISTS dpop_bound_access_tokens boolean NOT NULL DEFAULT false;

-- Pushed authorization requests (RFC 9126), added after the first release: additive. One row per request_uri digest;
-- parameters are JSON text; consumed_at is null until the authorization completes. Expired rows go with the prune.
CREATE TABLE IF NOT EXISTS "{{schema}}"."{{prefix}}pushed_authorizations" (
    digest      bytea  NOT NULL PRIMARY KEY CHECK (octet_length(digest) = 32),
    client_id   text   NOT NULL,
    parameters  text   NOT NULL,
    issued_at   bigint NOT NULL,
    expires_at  bigint NOT NULL,
    consumed_at bigint NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}pushed_authorizations_expires_at" ON "{{schema}}"."{{prefix}}pushed_authorizations" (expires_at);

-- A client may require pushed requests (RFC 9126 require_pushed_authorization_requests): created above for a new
-- database, added here to a clients table made before it.
ALTER TABLE "{{schema}}"."{{prefix}}clients" ADD COLUMN IF NOT EXISTS require_par boolean NOT NULL DEFAULT false;

-- Dynamic client registration (RFC 7591/7592), added after the first release: the hash of the registration access
-- token (same format as secret_hash; the token itself is never stored).
ALTER TABLE "{{schema}}"."{{prefix}}clients" ADD COLUMN IF NOT EXISTS registration_token_hash text NULL;

-- JWT signing keys shared by every instance, added after the first release: additive. One row per generation (the
-- primary key makes a rotation insert-once); protected_key holds the private key only as sealed by the server.
CREATE TABLE IF NOT EXISTS "{{schema}}"."{{prefix}}signing_keys" (
    generation    bigint       NOT NULL PRIMARY KEY,
    key_id        varchar(128) NOT NULL,
    algorithm     varchar(16)  NOT NULL,
    protected_key bytea        NOT NULL,
    created_at    bigint       NOT NULL,
    activates_at  bigint       NOT NULL
);

-- Revoking a deleted client's tokens (RFC 7592 section 2.3), added after the first release: an index on client_id of
-- each token table, so that DELETE ... WHERE client_id = @client_id does not scan. Created once, at the next start.
CREATE INDEX IF NOT EXISTS "{{prefix}}access_tokens_client_id" ON "{{schema}}"."{{prefix}}access_tokens" (client_id);
CREATE INDEX IF NOT EXISTS "{{prefix}}refresh_tokens_client_id" ON "{{schema}}"."{{prefix}}refresh_tokens" (client_id);

-- Client secret lifetime (RFC 7591 client_secret_expires_at), added after the first release: when the secret stops
-- authenticating the client (Unix ms); NULL (every row written before) means never.
ALTER TABLE "{{schema}}"."{{prefix}}clients" ADD COLUMN IF NOT EXISTS secret_expires_at bigint NULL;

-- DPoP authorization code binding (RFC 9449 section 10), added after the first release: the dpop_jkt thumbprint a
-- code is bound to (null for an unbound code). Added in place, so an existing database keeps its rows.
ALTER TABLE "{{schema}}"."{{prefix}}authorization_codes" ADD COLUMN IF NOT EXISTS dpop_jkt text NULL;
