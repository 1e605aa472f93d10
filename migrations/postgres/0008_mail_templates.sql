-- A conference's own wording of a kind of message, in one language; the
-- built-in text is used where there is none.
CREATE TABLE mail_templates (
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (conference_id, kind, lang)
);
