-- The participant categories a conference offers, as a JSON array of
-- codes; an empty array offers every category.
ALTER TABLE conferences ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
