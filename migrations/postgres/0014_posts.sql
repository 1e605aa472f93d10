-- News around the conferences: posts, each in the languages it was written
-- in (title, teaser and Markdown body as localized JSON, like every other
-- text), listed under topics and, if it has one, under its conference. A
-- post without `publish_at` is a draft; one whose time has not come is
-- scheduled.
CREATE TABLE posts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    kind_label TEXT,
    conference_id BIGINT REFERENCES conferences (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    teaser TEXT NOT NULL,
    body TEXT NOT NULL,
    publish_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL
);
CREATE INDEX posts_by_publication ON posts (publish_at, id);

CREATE TABLE post_topics (
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, topic_id)
);
