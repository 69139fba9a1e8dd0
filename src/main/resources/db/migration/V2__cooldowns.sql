-- Rate-limit rests per (account, model), written through from the server so the CLI, other instances and a
-- restarted server know them too.
CREATE TABLE cooldowns (
    account_id TEXT   NOT NULL,
    model      TEXT   NOT NULL,
    until_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, model)
);
