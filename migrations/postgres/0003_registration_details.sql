-- The whole registration form: the delegate's needs, the visa letter, the
-- organiser's own questions, sessions with seats, and invitations.

-- The organiser's questions (JSON, see convene::questions) and the privacy
-- text the consent links to (JSON, per language).
ALTER TABLE conferences ADD COLUMN questions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE conferences ADD COLUMN privacy TEXT NOT NULL DEFAULT '{}';
-- Seats held in a session with a seat limit, beside the limit, so that
-- holding one is one conditional UPDATE (as for the conference).
ALTER TABLE sessions ADD COLUMN taken INTEGER NOT NULL DEFAULT 0;

ALTER TABLE registrations ADD COLUMN honorific TEXT;
-- Working languages, as codes separated by commas ("en,fr").
ALTER TABLE registrations ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN interpretation BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE registrations ADD COLUMN accessibility TEXT;
ALTER TABLE registrations ADD COLUMN dietary TEXT;
ALTER TABLE registrations ADD COLUMN listed BOOLEAN NOT NULL DEFAULT FALSE;
-- Answers to the organiser's questions (JSON [{question, value}]).
ALTER TABLE registrations ADD COLUMN answers TEXT NOT NULL DEFAULT '[]';

-- Passport details, asked only of those who need a visa invitation letter,
-- and kept apart so that they can be shown to fewer people and deleted
-- once the letter is no longer needed.
CREATE TABLE visa_requests (
    registration_id BIGINT PRIMARY KEY REFERENCES registrations (id) ON DELETE CASCADE,
    passport_name TEXT NOT NULL,
    nationality TEXT NOT NULL,
    passport_number TEXT NOT NULL,
    date_of_birth DATE NOT NULL
);

-- Sessions a delegate chose; `held` once a seat is theirs (at confirmation).
-- A confirmed delegate who chose a full session waits in line for a seat,
-- in the order they chose it (`chosen_at`).
CREATE TABLE registration_sessions (
    registration_id BIGINT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    held BOOLEAN NOT NULL DEFAULT FALSE,
    chosen_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (registration_id, session_id)
);
CREATE INDEX registration_sessions_in_line ON registration_sessions (session_id, held, chosen_at);

-- Personal invitations, for conferences open by invitation only.
CREATE TABLE invitations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    -- SHA-256 of the token in the link.
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (conference_id, email_key)
);
