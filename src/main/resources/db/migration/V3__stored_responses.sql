-- Responses API state: what a stored response asked and answered, so previous_response_id can rebuild the
-- conversation. Items are the Responses dialect's JSON; rows expire after NEXUS_RESPONSES_TTL.
CREATE TABLE stored_responses (
    id           TEXT PRIMARY KEY,
    previous_id  TEXT,
    model        TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    input_items  TEXT   NOT NULL,
    output_items TEXT   NOT NULL,
    response     TEXT   NOT NULL
);
CREATE INDEX stored_responses_expires_at ON stored_responses (expires_at);
