-- A conference's own wording of a kind of paper (a visa invitation letter,
-- a certificate of attendance) in one language; the built-in text is used
-- where there is none. The facts, the reference and the verification
-- address are not part of it: every paper prints them.
CREATE TABLE paper_wordings (
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    heading TEXT NOT NULL,
    opening TEXT NOT NULL,
    closing TEXT NOT NULL,
    PRIMARY KEY (conference_id, kind, lang)
);
