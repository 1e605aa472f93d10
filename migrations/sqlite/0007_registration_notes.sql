-- Staff notes on a registration, kept in its history beside the changes.
ALTER TABLE registration_events ADD COLUMN note TEXT;
