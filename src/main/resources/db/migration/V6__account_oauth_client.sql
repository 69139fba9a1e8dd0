-- The OAuth client profile that issued each account's refresh token (antigravity, gemini-cli, custom): a refresh
-- token works only with its own client. NULL for Codex logins.
ALTER TABLE accounts ADD COLUMN oauth_client TEXT;

-- Google accounts stored before this migration were issued by the client the server ran with then: custom when
-- GOOGLE_CLIENT_ID was set, else antigravity. Database.open passes that as the placeholder, read from the environment
-- of the process that runs this migration (once; Flyway checksums the file before placeholders are replaced).
UPDATE accounts SET oauth_client = '${legacy_oauth_client}' WHERE provider = 'google';
