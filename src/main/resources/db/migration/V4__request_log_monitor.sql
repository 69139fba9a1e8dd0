-- Request monitor: the account's masked label and the client key's name are kept beside their ids, so the history shows
-- and searches them even after the account or key is gone. History pages read newest first by (started_at, id).
ALTER TABLE request_logs ADD COLUMN account_label TEXT;
ALTER TABLE request_logs ADD COLUMN key_name TEXT;
DROP INDEX request_logs_started_at;
CREATE INDEX request_logs_started_id ON request_logs (started_at, id);
CREATE INDEX request_logs_status_started ON request_logs (status, started_at);
