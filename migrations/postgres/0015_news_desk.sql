-- The news belongs to the whole site as often as to one conference: an
-- audit entry may now concern no conference (a post without one).
ALTER TABLE audit_log ALTER COLUMN conference_id DROP NOT NULL;

-- The token of the form a new post was written in: the same form sent
-- twice (a double click) finds its post instead of writing it again.
ALTER TABLE posts ADD COLUMN form_token TEXT;
CREATE UNIQUE INDEX posts_by_form_token ON posts (form_token);
