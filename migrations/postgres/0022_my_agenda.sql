-- A delegate's own agenda: the sessions they starred from their private
-- link. Their calendar feed is these with the seats they hold.
CREATE TABLE stars (
    registration_id BIGINT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    starred_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (registration_id, session_id)
);
CREATE INDEX stars_by_session ON stars (session_id);

-- The categories whose delegates, those who agreed, the public list of
-- participants shows: a JSON list of category codes. Empty: no list.
ALTER TABLE conferences ADD COLUMN listed_categories TEXT NOT NULL DEFAULT '[]';
