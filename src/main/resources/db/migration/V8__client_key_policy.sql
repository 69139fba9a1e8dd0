-- Client-key policy (issue 17): allowed model globs (comma-separated; NULL = every model), per-minute request and token
-- limits, concurrent requests, UTC daily and monthly token budgets and an expiry; NULL means no limit. enabled is 1 or 0.
ALTER TABLE client_keys ADD COLUMN allowed_models TEXT;
ALTER TABLE client_keys ADD COLUMN rpm BIGINT;
ALTER TABLE client_keys ADD COLUMN tpm BIGINT;
ALTER TABLE client_keys ADD COLUMN concurrency BIGINT;
ALTER TABLE client_keys ADD COLUMN daily_tokens BIGINT;
ALTER TABLE client_keys ADD COLUMN monthly_tokens BIGINT;
ALTER TABLE client_keys ADD COLUMN expires_at BIGINT;
ALTER TABLE client_keys ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;

-- Tokens each key used per UTC day ('d:2026-12-06') and month ('m:2026-12'), so budgets survive a restart; the request
-- log is not enough, as its retention may drop records within a month.
CREATE TABLE client_key_usage (
    key_id TEXT   NOT NULL,
    period TEXT   NOT NULL,
    tokens BIGINT NOT NULL,
    PRIMARY KEY (key_id, period)
);
