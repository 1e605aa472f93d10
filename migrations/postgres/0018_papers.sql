-- Papers issued to delegates: visa invitation letters and certificates of
-- attendance. Each has a number per conference and kind (its reference)
-- and a verification code (its public address). The PDF is not kept: it is
-- set again from the registration when downloaded, so that passport
-- details leave with the registration's.
CREATE TABLE papers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id BIGINT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    number BIGINT NOT NULL,
    verify_code TEXT NOT NULL UNIQUE,
    -- The name it was issued to (a letter's: as in the passport).
    holder TEXT NOT NULL,
    issued_at TIMESTAMPTZ NOT NULL,
    issued_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    withdrawn_at TIMESTAMPTZ,
    withdrawn_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    UNIQUE (conference_id, kind, number)
);
-- One standing paper of a kind per registration: asking twice at once
-- gives the same one.
CREATE UNIQUE INDEX papers_one_standing ON papers (registration_id, kind) WHERE withdrawn_at IS NULL;
