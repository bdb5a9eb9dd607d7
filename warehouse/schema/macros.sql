-- Stable keys from content: the same name always yields the same 16-hex id, whatever the run or row order.
-- Case, accents and surrounding spaces do not change the id ("Greceanîi" and "Greceanii" share one).
CREATE OR REPLACE MACRO stable_id(natural_key) AS
    substr(sha256(lower(strip_accents(trim(natural_key)))), 1, 16);

-- Provenance: every extracted row keeps its confidence, and one bar for all of them says which rows are unsure.
-- Rows below the bar are flagged (is_low_confidence), never dropped; a row without a confidence counts as unsure.
CREATE OR REPLACE MACRO low_confidence_threshold() AS 0.6;
CREATE OR REPLACE MACRO is_low_confidence(confidence) AS coalesce(confidence < low_confidence_threshold(), true);
