-- An account can be disabled (`convene admin disable`): it no longer signs
-- in, its sessions end, and a password reset for it sends nothing.
ALTER TABLE accounts ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
