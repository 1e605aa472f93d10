-- The reminder a confirmed delegate got last before the conference: how
-- many days before (7, then 1), so that each is sent once.
ALTER TABLE registrations ADD COLUMN reminded_days INTEGER;
