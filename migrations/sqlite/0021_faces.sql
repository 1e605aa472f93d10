-- Speakers' profiles. Position, organisation and biography are localized
-- JSON; the photo is a picture's JSON (its variants, kept in files, and its
-- text in each language); links are a JSON list of {"label", "url"}.
ALTER TABLE people ADD COLUMN position TEXT;
ALTER TABLE people ADD COLUMN organisation TEXT;
ALTER TABLE people ADD COLUMN bio TEXT;
ALTER TABLE people ADD COLUMN photo TEXT;
ALTER TABLE people ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
-- Shown on the public site; a person being prepared is not.
ALTER TABLE people ADD COLUMN public BOOLEAN NOT NULL DEFAULT TRUE;
-- The one line of before ("President, UCLG") becomes the position, in the
-- conference's first language.
UPDATE people SET position = json_object(
        'original', l.lang,
        'text', json_object(l.lang, people.affiliation))
    FROM (SELECT id, COALESCE(json_extract(languages, '$[0]'), 'en') AS lang FROM conferences) AS l
    WHERE l.id = people.conference_id AND people.affiliation <> '';
ALTER TABLE people DROP COLUMN affiliation;

-- A session's livestream (shown from shortly before its start to its end)
-- and its recording (shown after).
ALTER TABLE sessions ADD COLUMN livestream TEXT;
ALTER TABLE sessions ADD COLUMN recording TEXT;

-- A session's documents (slides, a rapporteur's summary), each in one
-- language: a kept file or a link.
CREATE TABLE session_materials (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    file_hash TEXT REFERENCES files (hash),
    -- The name it was uploaded with, for saving it.
    file_name TEXT,
    url TEXT,
    CHECK ((file_hash IS NULL) <> (url IS NULL))
);
CREATE INDEX session_materials_by_session ON session_materials (session_id, id);

-- A conference's face (JSON): its banner and logo (pictures), its accent
-- colour, and its hosts' and partners' links and logos, by name.
ALTER TABLE conferences ADD COLUMN face TEXT NOT NULL DEFAULT '{}';
