-- Stable keys from content: the same name always yields the same 16-hex id, whatever the run or row order.
-- Case, accents and surrounding spaces do not change the id ("Greceanîi" and "Greceanii" share one).
CREATE OR REPLACE MACRO stable_id(natural_key) AS
    substr(sha256(lower(strip_accents(trim(natural_key)))), 1, 16);
