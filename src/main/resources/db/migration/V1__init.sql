-- One schema for SQLite and PostgreSQL: TEXT ids, BIGINT epoch milliseconds, BOOLEAN flags.

CREATE TABLE accounts (
    id               TEXT PRIMARY KEY,
    provider         TEXT    NOT NULL,
    email            TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    state_reason     TEXT,
    state_since      BIGINT  NOT NULL,
    is_primary       BOOLEAN NOT NULL DEFAULT FALSE,
    project_id       TEXT,
    tier             TEXT,
    access_token     TEXT,              -- AES-GCM sealed, see SecretBox
    refresh_token    TEXT    NOT NULL,  -- AES-GCM sealed
    token_expires_at BIGINT,
    metadata         TEXT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    last_used_at     BIGINT
);
CREATE UNIQUE INDEX accounts_provider_email ON accounts (provider, email);

CREATE TABLE client_keys (
    id           TEXT PRIMARY KEY,
    name         TEXT   NOT NULL,
    prefix       TEXT   NOT NULL,
    key_hash     TEXT   NOT NULL,       -- SHA-256 hex of the full key; the key itself is never stored
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE UNIQUE INDEX client_keys_hash ON client_keys (key_hash);

CREATE TABLE model_routes (
    id           TEXT PRIMARY KEY,
    client_model TEXT    NOT NULL,
    provider     TEXT    NOT NULL,
    target_model TEXT    NOT NULL,
    fallbacks    TEXT,                  -- JSON array of {provider, model}
    is_active    BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);
CREATE UNIQUE INDEX model_routes_client_provider ON model_routes (client_model, provider);

CREATE TABLE settings (
    name       TEXT PRIMARY KEY,
    value      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE request_logs (
    id            TEXT PRIMARY KEY,
    started_at    BIGINT  NOT NULL,
    request_id    TEXT,
    method        TEXT    NOT NULL,
    path          TEXT    NOT NULL,
    surface       TEXT,
    status        INTEGER,
    duration_ms   BIGINT,
    ttfb_ms       BIGINT,
    client_model  TEXT,
    provider      TEXT,
    target_model  TEXT,
    account_id    TEXT,
    key_id        TEXT,
    input_tokens  BIGINT,
    output_tokens BIGINT,
    attempts      TEXT,
    error         TEXT,
    request_body  TEXT,
    response_body TEXT
);
CREATE INDEX request_logs_started_at ON request_logs (started_at);

-- A counter per aggregate, bumped in the same transaction as every change, so that a running server
-- notices changes made by another process (the CLI, a second instance) without restarting.
CREATE TABLE revisions (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO revisions (name, value) VALUES ('accounts', 0);
INSERT INTO revisions (name, value) VALUES ('client_keys', 0);
INSERT INTO revisions (name, value) VALUES ('model_routes', 0);
INSERT INTO revisions (name, value) VALUES ('settings', 0);
