-- Uploaded files, kept in the database so that every instance serves them,
-- addressed by the SHA-256 of their bytes (the same file uploaded twice is
-- kept once).
CREATE TABLE files (
    hash TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    created_at TEXT NOT NULL
);

-- Outcome documents: a title (localized JSON), the day adopted, the
-- conference it came from, and a file per language.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    adopted_on TEXT NOT NULL,
    conference_id INTEGER REFERENCES conferences (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE document_files (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    file_hash TEXT NOT NULL REFERENCES files (hash),
    -- The name it was uploaded with, for saving it.
    name TEXT NOT NULL,
    PRIMARY KEY (document_id, lang)
);

-- The documents a post refers to.
CREATE TABLE post_documents (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, document_id)
);
CREATE INDEX post_documents_by_document ON post_documents (document_id);

-- A post's picture (a kept file) and its text for those who cannot see it,
-- in each of the post's languages (localized JSON).
ALTER TABLE posts ADD COLUMN image_hash TEXT REFERENCES files (hash);
ALTER TABLE posts ADD COLUMN image_alt TEXT;
