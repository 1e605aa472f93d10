-- The colour of each category's band on a conference's badges, as its
-- organisers set it (#RRGGBB); a category without one has the default.
CREATE TABLE badge_colours (
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    colour TEXT NOT NULL,
    PRIMARY KEY (conference_id, category)
);
