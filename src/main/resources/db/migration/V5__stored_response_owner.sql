-- A stored response belongs to the client key that created it: the key's id, "env" for NEXUS_API_KEY. Only that key
-- may read, delete or continue it. Rows stored before this column existed have no owner and are refused to every key.
ALTER TABLE stored_responses ADD COLUMN owner_key_id TEXT;
