-- Several instances on one database (issue 18): what decides a request lives here, not in one process's memory.

-- Cooldowns get a revision of their own, so every instance reloads them when one learns a rest.
INSERT INTO revisions (name, value) VALUES ('cooldowns', 0);

-- Which account a conversation sticks to, per pool (the account's provider); rows unused for an hour are ignored and
-- purged.
CREATE TABLE sticky_sessions (
    pool        TEXT   NOT NULL,
    session_key TEXT   NOT NULL,
    account_id  TEXT   NOT NULL,
    used_at     BIGINT NOT NULL,
    PRIMARY KEY (pool, session_key)
);

-- The reasoning signature an upstream attached to a tool call (Gemini thought signatures, Codex encrypted reasoning),
-- by call id, for clients that replay the call without it; kept for a day.
CREATE TABLE tool_signatures (
    call_id    TEXT   PRIMARY KEY,
    signature  TEXT   NOT NULL,
    origin     TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

-- Short leases that make one instance at a time do a job: refresh one account's token, trim the request log. A lease
-- whose holder died lapses at until_at.
CREATE TABLE leases (
    name     TEXT   PRIMARY KEY,
    holder   TEXT   NOT NULL,
    until_at BIGINT NOT NULL
);
