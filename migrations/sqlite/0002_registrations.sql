-- Registrations, and the outbox every email goes through (written in the
-- same transaction as the change that causes it).

ALTER TABLE conferences ADD COLUMN registration_mode TEXT NOT NULL DEFAULT 'open';
-- NULL: no limit.
ALTER TABLE conferences ADD COLUMN capacity INTEGER;
-- Confirmed registrations, kept beside the capacity so that taking a seat is
-- one conditional UPDATE of this row.
ALTER TABLE conferences ADD COLUMN confirmed_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    -- lower(email): the same person, whatever the case they typed.
    email_key TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    job_title TEXT,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    category TEXT NOT NULL,
    lang TEXT NOT NULL,
    status TEXT NOT NULL,
    -- SHA-256 of the tokens in the emailed links; the tokens themselves are
    -- not kept here.
    verify_token_hash TEXT UNIQUE,
    verify_expires_at TEXT,
    manage_token_hash TEXT NOT NULL UNIQUE,
    -- When the delegate joined the waiting list: who is first in line.
    waiting_since TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (conference_id, email_key)
);
CREATE INDEX registrations_by_status ON registrations (conference_id, status, waiting_since);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    -- The Message-ID header, fixed when the row is written: a message sent
    -- twice after a crash is recognisable as one.
    message_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    registration_id INTEGER REFERENCES registrations (id) ON DELETE SET NULL,
    recipient TEXT NOT NULL,
    lang TEXT NOT NULL,
    -- What the message needs to be rendered (JSON), links included.
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_registration ON outbox (registration_id, kind, created_at);
