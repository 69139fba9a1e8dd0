-- ChatGPT (Codex) accounts: the ChatGPT account id the Codex backend expects in ChatGPT-Account-ID (from the id_token's
-- https://api.openai.com/auth claim), and the Codex CLI auth.json an imported account stays linked to (read before
-- every refresh, written after it). Both NULL for Google accounts; auth_file NULL for logins and --no-link imports.
ALTER TABLE accounts ADD COLUMN chatgpt_account_id TEXT;
ALTER TABLE accounts ADD COLUMN auth_file TEXT;
