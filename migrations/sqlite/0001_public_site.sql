-- The public site: topics, conferences, rooms, tracks, people, sessions.
-- Localized texts are JSON objects {"original": "en", "text": {"en": "...", "fr": "..."}};
-- times are UTC (sqlx writes them as RFC 3339 text in SQLite).

CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE conferences (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    venue TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    hosts TEXT NOT NULL,
    partners TEXT NOT NULL,
    languages TEXT NOT NULL,
    published BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE TABLE conference_topics (
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    topic_id INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    PRIMARY KEY (conference_id, topic_id)
);

CREATE TABLE rooms (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    capacity INTEGER,
    position INTEGER NOT NULL,
    UNIQUE (conference_id, slug)
);

CREATE TABLE tracks (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (conference_id, slug)
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    UNIQUE (conference_id, slug)
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    room_id INTEGER REFERENCES rooms (id) ON DELETE SET NULL,
    track_id INTEGER REFERENCES tracks (id) ON DELETE SET NULL,
    seats INTEGER,
    UNIQUE (conference_id, slug)
);
CREATE INDEX sessions_by_conference_start ON sessions (conference_id, starts_at);

CREATE TABLE session_people (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (session_id, person_id, role)
);
CREATE INDEX session_people_by_person ON session_people (person_id);
