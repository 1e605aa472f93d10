-- Changes made in the back office that concern no one registration (the
-- agenda, the settings): who did what, and when. Changes to registrations
-- are in registration_events.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    -- What was changed, such as a session's slug.
    subject TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX audit_log_by_conference ON audit_log (conference_id, id);
