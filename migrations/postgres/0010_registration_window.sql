-- When registration opens and closes, as days in the venue's calendar
-- (both included); NULL: no limit.
ALTER TABLE conferences ADD COLUMN registration_opens_on DATE;
ALTER TABLE conferences ADD COLUMN registration_closes_on DATE;
