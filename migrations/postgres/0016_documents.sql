-- Uploaded files, kept in the database so that every instance serves them,
-- addressed by the SHA-256 of their bytes (the same file uploaded twice is
-- kept once).
CREATE TABLE files (
    hash TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
-- Kept uncompressed (PDFs and pictures are compressed already), so that a
-- download's slices are read without the whole file each time.
ALTER TABLE files ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- Outcome documents: a title (localized JSON), the day adopted, the
-- conference it came from, and a file per language.
CREATE TABLE documents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    adopted_on DATE NOT NULL,
    conference_id BIGINT REFERENCES conferences (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE document_files (
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    file_hash TEXT NOT NULL REFERENCES files (hash),
    -- The name it was uploaded with, for saving it.
    name TEXT NOT NULL,
    PRIMARY KEY (document_id, lang)
);

-- The documents a post refers to.
CREATE TABLE post_documents (
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, document_id)
);
CREATE INDEX post_documents_by_document ON post_documents (document_id);

-- A post's picture (a kept file) and its text for those who cannot see it,
-- in each of the post's languages (localized JSON).
ALTER TABLE posts ADD COLUMN image_hash TEXT REFERENCES files (hash);
ALTER TABLE posts ADD COLUMN image_alt TEXT;
