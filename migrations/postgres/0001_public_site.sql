-- The public site: topics, conferences, rooms, tracks, people, sessions.
-- Localized texts are JSON objects {"original": "en", "text": {"en": "...", "fr": "..."}}
-- kept as TEXT (the same value on both backends); times are TIMESTAMPTZ.

CREATE TABLE topics (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE conferences (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    time_zone TEXT NOT NULL,
    venue TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    hosts TEXT NOT NULL,
    partners TEXT NOT NULL,
    languages TEXT NOT NULL,
    published BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at TIMESTAMPTZ NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE TABLE conference_topics (
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    PRIMARY KEY (conference_id, topic_id)
);

CREATE TABLE rooms (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    capacity INTEGER,
    position INTEGER NOT NULL,
    UNIQUE (conference_id, slug)
);

CREATE TABLE tracks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (conference_id, slug)
);

CREATE TABLE people (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    UNIQUE (conference_id, slug)
);

CREATE TABLE sessions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    room_id BIGINT REFERENCES rooms (id) ON DELETE SET NULL,
    track_id BIGINT REFERENCES tracks (id) ON DELETE SET NULL,
    seats INTEGER,
    UNIQUE (conference_id, slug)
);
CREATE INDEX sessions_by_conference_start ON sessions (conference_id, starts_at);

CREATE TABLE session_people (
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (session_id, person_id, role)
);
CREATE INDEX session_people_by_person ON session_people (person_id);
