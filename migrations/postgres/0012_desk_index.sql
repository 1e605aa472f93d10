-- The back office's table filters a conference's registrations by status,
-- category and country, newest first. (SQLite's index also holds the search
-- text; a PostgreSQL index entry is limited to about 2.7 KB, which a long
-- name in four-byte characters could pass.)
CREATE INDEX registrations_for_the_desk
    ON registrations (conference_id, status, category, country, created_at);
