-- Each reported speech act ("noted", "stressed", "called for", ...) with its speaker and the sentence span.
SELECT release_id,
       stable_id(release_id || ':' || statement_seq) AS statement_id,
       stable_id(speaker) AS person_id,
       stable_id(org_name) AS org_id,
       act_type, cue, text, char_start, char_end, rule, confidence
FROM stg_statement
ORDER BY release_id, char_start, statement_id
