-- The news belongs to the whole site as often as to one conference: an
-- audit entry may now concern no conference (a post without one). SQLite
-- cannot drop a NOT NULL, so the table is made again with its rows.
CREATE TABLE audit_log_new (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER REFERENCES conferences (id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    at TEXT NOT NULL
);
INSERT INTO audit_log_new (id, conference_id, account_id, action, subject, at)
    SELECT id, conference_id, account_id, action, subject, at FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_conference ON audit_log (conference_id, id);

-- The token of the form a new post was written in: the same form sent
-- twice (a double click) finds its post instead of writing it again.
ALTER TABLE posts ADD COLUMN form_token TEXT;
CREATE UNIQUE INDEX posts_by_form_token ON posts (form_token);
