-- The back office's accounts, their roles per conference, their signed-in
-- sessions, and what slows down password guessing.

CREATE TABLE accounts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL,
    -- lower(email): one account per address, whatever its case.
    email_key TEXT NOT NULL UNIQUE,
    -- Argon2id, in the PHC string format (parameters and salt included).
    password_hash TEXT NOT NULL,
    -- All conferences and all accounts.
    administrator BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);

-- What an account may do in one conference: organiser or staff.
CREATE TABLE memberships (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (account_id, conference_id)
);

-- Signed-in sessions, by the SHA-256 of the secret in their cookie.
CREATE TABLE sign_ins (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_ins_by_account ON sign_ins (account_id);

-- Failed sign-ins per key (an address, an account, an account from an
-- address) in the current window.
CREATE TABLE sign_in_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_started_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_failures_by_window ON sign_in_failures (window_started_at);

-- Password resets, by the SHA-256 of the token in the emailed link.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
