-- Sigil core schema. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
-- Ids are UUIDs assigned by the application (no IDENTITY columns, no dialect flags in the JDBC URL).
-- Times are TIMESTAMP WITH TIME ZONE, always written in UTC.

CREATE TABLE users (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    username        VARCHAR(64)  NOT NULL,
    -- lower-cased username: the unique key that makes names case-insensitive
    username_key    VARCHAR(64)  NOT NULL,
    password_hash   VARCHAR(512) NOT NULL,
    -- space-separated role names, as OAuth scopes are
    roles           VARCHAR(1024) NOT NULL,
    enabled         BOOLEAN      NOT NULL,
    -- tokens issued before this point are rejected (role change, disable, logout-all)
    revoked_before  TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_username_key_uq UNIQUE (username_key)
);

-- Lock state per login name, for existing and unknown usernames alike.
CREATE TABLE login_attempts (
    username_key     VARCHAR(256) NOT NULL PRIMARY KEY,
    failures         INTEGER      NOT NULL,
    last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE
);

-- A session is one refresh-token family.
CREATE TABLE sessions (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id              VARCHAR(36)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    idle_expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    absolute_expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at           TIMESTAMP WITH TIME ZONE,
    ip                   VARCHAR(64),
    user_agent           VARCHAR(512),
    version              BIGINT       NOT NULL,
    CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_idle_expiry_idx ON sessions (idle_expires_at);

-- Refresh tokens are stored only as the SHA-256 of the token (hex).
CREATE TABLE refresh_tokens (
    id           VARCHAR(36) NOT NULL PRIMARY KEY,
    session_id   VARCHAR(36) NOT NULL,
    token_hash   VARCHAR(64) NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    spent_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT refresh_tokens_hash_uq UNIQUE (token_hash),
    CONSTRAINT refresh_tokens_session_fk FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- Append-only security trail. Never a password, hash or token in it.
CREATE TABLE audit_events (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type   VARCHAR(40)  NOT NULL,
    username     VARCHAR(256),
    ip           VARCHAR(64),
    detail       VARCHAR(1000)
);
CREATE INDEX audit_events_time_idx ON audit_events (occurred_at);
CREATE INDEX audit_events_username_idx ON audit_events (username);

-- Signing keys. Public key: X.509 SubjectPublicKeyInfo, base64. Private key: PKCS#8, base64.
CREATE TABLE signing_keys (
    kid          VARCHAR(64)  NOT NULL PRIMARY KEY,
    algorithm    VARCHAR(10)  NOT NULL,
    public_key   VARCHAR(4000) NOT NULL,
    private_key  VARCHAR(8000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE
);
