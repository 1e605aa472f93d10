-- Papers issued to delegates: visa invitation letters and certificates of
-- attendance. Each has a number per conference and kind (its reference)
-- and a verification code (its public address). The PDF is not kept: it is
-- set again from the registration when downloaded, so that passport
-- details leave with the registration's.
CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    number INTEGER NOT NULL,
    verify_code TEXT NOT NULL UNIQUE,
    -- The name it was issued to (a letter's: as in the passport).
    holder TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    issued_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    withdrawn_at TEXT,
    withdrawn_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    UNIQUE (conference_id, kind, number)
);
-- One standing paper of a kind per registration: asking twice at once
-- gives the same one.
CREATE UNIQUE INDEX papers_one_standing ON papers (registration_id, kind) WHERE withdrawn_at IS NULL;
