-- The order a customer's tags were first seen in the files (the merge rule: first seen first).
-- NULL for tags given by hand or before this version: they sort by when they were given.
ALTER TABLE customer_tags ADD COLUMN position INTEGER;
