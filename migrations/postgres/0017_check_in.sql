-- At the door: a registration's pass, the code its QR carries (12 hex
-- digits). It admits nobody by itself: the desk shows who it belongs to and
-- admits only a confirmed registration. It is kept as it is, not hashed,
-- since the private link's page, the confirmation and the badge show it
-- again.
ALTER TABLE registrations ADD COLUMN pass_code TEXT;
UPDATE registrations SET pass_code = upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12));
CREATE UNIQUE INDEX registrations_by_pass_code ON registrations (pass_code);

-- A delegate let in at a desk, once a day (the venue's day); an undone
-- check-in is kept, with who undid it, and no longer counts.
CREATE TABLE check_ins (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id BIGINT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    conference_id BIGINT NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    desk TEXT NOT NULL,
    account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    undone_at TIMESTAMPTZ,
    undone_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL
);
-- Several desks at once count a delegate once a day: the second insert
-- finds this index taken.
CREATE UNIQUE INDEX check_ins_once_a_day ON check_ins (registration_id, day) WHERE undone_at IS NULL;
CREATE INDEX check_ins_by_conference ON check_ins (conference_id, day);
