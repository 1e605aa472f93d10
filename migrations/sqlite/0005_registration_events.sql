-- What happened to each registration, and who did it: the registration's
-- history in the back office, and its audit log (`account_id` set when
-- an account of the back office did it; NULL for the delegate or the
-- command line).
CREATE TABLE registration_events (
    id INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX registration_events_by_registration ON registration_events (registration_id, id);
-- The back office lists registrations newest first.
CREATE INDEX registrations_by_conference_created ON registrations (conference_id, created_at);
-- What the table's search looks in (names, email, organisation, city),
-- lowercased and without accents by the application, the same on both
-- databases.
ALTER TABLE registrations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
