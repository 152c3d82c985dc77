-- OAuth2 storage schema for SQLite. Idempotent: safe to run at every start.
-- {{prefix}} is the configured table prefix (empty by default).
-- Times are Unix milliseconds (UTC); lists and property bags are JSON text; digests are SHA-256 (32 bytes).
-- WAL lets readers run while the single writer commits; it is a property of the database file.
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS "{{prefix}}clients" (
    client_id                    TEXT    NOT NULL PRIMARY KEY,
    client_type                  TEXT    NOT NULL,
    secret_hash                  TEXT    NULL,
    redirect_uris                TEXT    NOT NULL,
    grants                       TEXT    NOT NULL,
    scopes                       TEXT    NULL,
    access_token_lifetime_ticks  INTEGER NULL,
    refresh_token_lifetime_ticks INTEGER NULL,
    require_pkce                 INTEGER NOT NULL,
    properties                   TEXT    NOT NULL,
    require_par                  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS "{{prefix}}access_tokens" (
    digest              BLOB    NOT NULL PRIMARY KEY CHECK (length(digest) = 32),
    client_id           TEXT    NOT NULL,
    user_id             TEXT    NOT NULL,
    user_properties     TEXT    NOT NULL,
    scope               TEXT    NOT NULL,
    issued_at           INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL,
    grant_id            TEXT    NOT NULL,
    extended_attributes TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}access_tokens_grant_id" ON "{{prefix}}access_tokens" (grant_id);
CREATE INDEX IF NOT EXISTS "{{prefix}}access_tokens_expires_at" ON "{{prefix}}access_tokens" (expires_at);

CREATE TABLE IF NOT EXISTS "{{prefix}}refresh_tokens" (
    digest          BLOB    NOT NULL PRIMARY KEY CHECK (length(digest) = 32),
    client_id       TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    user_properties TEXT    NOT NULL,
    scope           TEXT    NOT NULL,
    issued_at       INTEGER NOT NULL,
    expires_at      INTEGER NULL,
    grant_id        TEXT    NOT NULL,
    redeemed_at     INTEGER NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}refresh_tokens_grant_id" ON "{{prefix}}refresh_tokens" (grant_id);
CREATE INDEX IF NOT EXISTS "{{prefix}}refresh_tokens_expires_at" ON "{{prefix}}refresh_tokens" (expires_at);

CREATE TABLE IF NOT EXISTS "{{prefix}}authorization_codes" (
    digest                BLOB    NOT NULL PRIMARY KEY CHECK (length(digest) = 32),
    client_id             TEXT    NOT NULL,
    user_id               TEXT    NOT NULL,
    user_properties       TEXT    NOT NULL,
    scope                 TEXT    NOT NULL,
    issued_at             INTEGER NOT NULL,
    expires_at            INTEGER NOT NULL,
    redirect_uri          TEXT    NULL,
    redirect_uri_supplied INTEGER NOT NULL,
    code_challenge        TEXT    NULL,
    code_challenge_method TEXT    NULL,
    grant_id              TEXT    NOT NULL,
    redeemed_at           INTEGER NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}authorization_codes_grant_id" ON "{{prefix}}authorization_codes" (grant_id);
CREATE INDEX IF NOT EXISTS "{{prefix}}authorization_codes_expires_at" ON "{{prefix}}authorization_codes" (expires_at);

-- Device authorizations (RFC 8628), added after the first release: additive, so running this script on an existing
-- database creates only this table and its index. Kept until retain_until (later than expires_at), pruned by it.
-- status is the DeviceAuthorizationStatus name; user_id and user_properties are null while no user has decided.
CREATE TABLE IF NOT EXISTS "{{prefix}}device_authorizations" (
    device_digest            BLOB    NOT NULL PRIMARY KEY CHECK (length(device_digest) = 32),
    user_digest              BLOB    NOT NULL CHECK (length(user_digest) = 32),
    client_id                TEXT    NOT NULL,
    scope                    TEXT    NOT NULL,
    issued_at                INTEGER NOT NULL,
    expires_at               INTEGER NOT NULL,
    retain_until             INTEGER NOT NULL,
    grant_id                 TEXT    NOT NULL,
    polling_interval_seconds INTEGER NOT NULL,
    status                   TEXT    NOT NULL,
    user_id                  TEXT    NULL,
    user_properties          TEXT    NULL,
    last_polled_at           INTEGER NULL,
    redeemed_at              INTEGER NULL,
    revision                 INTEGER NOT NULL,
    CONSTRAINT "{{prefix}}device_authorizations_user_digest" UNIQUE (user_digest)
);
CREATE INDEX IF NOT EXISTS "{{prefix}}device_authorizations_retain_until" ON "{{prefix}}device_authorizations" (retain_until);

-- Failed-authentication counters behind the throttle, added after the first release: additive, like the device table.
-- One row per throttle key (printable ASCII; TEXT keys compare with BINARY collation, so exactly); a fixed window that
-- ends at window_ends_at, after which the row is never read again and goes with the expired-data prune.
CREATE TABLE IF NOT EXISTS "{{prefix}}failed_attempts" (
    attempt_key    TEXT    NOT NULL PRIMARY KEY,
    attempt_count  INTEGER NOT NULL,
    window_ends_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}failed_attempts_window_ends_at" ON "{{prefix}}failed_attempts" (window_ends_at);

-- private_key_jwt, added after the first release: the replay cache that makes each assertion's jti single-use (one row
-- per key, BINARY collated, until expires_at), and two nullable client columns. SQLite has no ADD COLUMN IF NOT
-- EXISTS: each ALTER is a batch of its own, and "duplicate column" means already done (SqliteDialect.IsAlreadyApplied).
CREATE TABLE IF NOT EXISTS "{{prefix}}replay_cache" (
    replay_key TEXT    NOT NULL PRIMARY KEY,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}replay_cache_expires_at" ON "{{prefix}}replay_cache" (expires_at);
ALTER TABLE "{{prefix}}clients" ADD COLUMN token_endpoint_auth_method TEXT NULL;
ALTER TABLE "{{prefix}}clients" ADD COLUMN jwks TEXT NULL;

-- Resource indicators (RFC 8707), added after the first release: the resources a client is registered for and a
-- grant carries, and an access token's audience, as JSON lists. NULL in rows written before (read as empty).
-- SQLite has no ADD COLUMN IF NOT EXISTS: each ALTER runs as a batch of its own and one that finds its column
-- already there is skipped (SqliteDialect.IsAlreadyApplied).
ALTER TABLE "{{prefix}}clients" ADD COLUMN resources TEXT NULL;
ALTER TABLE "{{prefix}}access_tokens" ADD COLUMN audience TEXT NULL;
ALTER TABLE "{{prefix}}refresh_tokens" ADD COLUMN resources TEXT NULL;
ALTER TABLE "{{prefix}}authorization_codes" ADD COLUMN resources TEXT NULL;
ALTER TABLE "{{prefix}}device_authorizations" ADD COLUMN resources TEXT NULL;

-- DPoP (RFC 9449), added after the first release: the key thumbprint a token is bound to (cnf.jkt; null for a bearer
-- token) and the client's dpop_bound_access_tokens; each ALTER a batch of its own, as above.
-- batch
ALTER TABLE "{{prefix}}access_tokens" ADD COLUMN jkt TEXT NULL;
-- batch
ALTER TABLE "{{prefix}}refresh_tokens" ADD COLUMN jkt TEXT NULL;
-- batch
ALTER TABLE "{{prefix}}clients" ADD COLUMN dpop_bound_access_tokens INTEGER NOT NULL DEFAULT 0;

-- Pushed authorization requests (RFC 9126), added after the first release: additive. One row per request_uri digest;
-- parameters are JSON text; consumed_at is null until the authorization completes. Expired rows go with the prune.
CREATE TABLE IF NOT EXISTS "{{prefix}}pushed_authorizations" (
    digest      BLOB    NOT NULL PRIMARY KEY CHECK (length(digest) = 32),
    client_id   TEXT    NOT NULL,
    parameters  TEXT    NOT NULL,
    issued_at   INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    consumed_at INTEGER NULL
);
CREATE INDEX IF NOT EXISTS "{{prefix}}pushed_authorizations_expires_at" ON "{{prefix}}pushed_authorizations" (expires_at);
-- A clients table made before require_par gets it here (a batch of its own; "duplicate column name" means done).
ALTER TABLE "{{prefix}}clients" ADD COLUMN require_par INTEGER NOT NULL DEFAULT 0;

-- Dynamic client registration (RFC 7591/7592), added after the first release: the hash of the registration access
-- token. SQLite has no ADD COLUMN IF NOT EXISTS, so each ALTER TABLE line runs as its own batch and
-- EnsureSchemaAsync treats "duplicate column name" as already done (run by hand, ignore that error the same way).
ALTER TABLE "{{prefix}}clients" ADD COLUMN registration_token_hash TEXT NULL;

-- JWT signing keys shared by every instance, added after the first release: additive. One row per generation (the
-- primary key makes a rotation insert-once); protected_key holds the private key only as sealed by the server.
CREATE TABLE IF NOT EXISTS "{{prefix}}signing_keys" (
    generation    INTEGER NOT NULL PRIMARY KEY,
    key_id        TEXT    NOT NULL,
    algorithm     TEXT    NOT NULL,
    protected_key BLOB    NOT NULL,
    created_at    INTEGER NOT NULL,
    activates_at  INTEGER NOT NULL
);

-- Revoking a deleted client's tokens (RFC 7592 section 2.3), added after the first release: an index on client_id of
-- each token table, so that DELETE ... WHERE client_id = @client_id does not scan. Created once, at the next start.
CREATE INDEX IF NOT EXISTS "{{prefix}}access_tokens_client_id" ON "{{prefix}}access_tokens" (client_id);
CREATE INDEX IF NOT EXISTS "{{prefix}}refresh_tokens_client_id" ON "{{prefix}}refresh_tokens" (client_id);

-- Client secret lifetime (RFC 7591 client_secret_expires_at), added after the first release: when the secret stops
-- authenticating the client (Unix ms); NULL (every row written before) means never. A batch of its own; "duplicate
-- column name" means already added (SqliteDialect.IsAlreadyApplied).
ALTER TABLE "{{prefix}}clients" ADD COLUMN secret_expires_at INTEGER NULL;

-- DPoP authorization code binding (RFC 9449 section 10), added after the first release: the dpop_jkt thumbprint a
-- code is bound to (null for an unbound code); a batch of its own, "duplicate column name" means done.
ALTER TABLE "{{prefix}}authorization_codes" ADD COLUMN dpop_jkt TEXT NULL;
