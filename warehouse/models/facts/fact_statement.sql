-- Each reported speech act ("noted", "stressed", "called for", ...) with its speaker and the sentence span.
SELECT release_id,
       stable_id(release_id || ':' || statement_seq) AS statement_id,
       stable_id(coalesce(pid.person_key, speaker)) AS person_id,
       stable_id(org_name) AS org_id,
       act_type, cue, text, char_start, char_end, rule, confidence,
       cameo_code, is_low_confidence(confidence) AS is_low_confidence
FROM stg_statement
LEFT JOIN (SELECT canonical_name AS identity_name, person_key FROM stg_person_identity) AS pid
    ON pid.identity_name = speaker
ORDER BY release_id, char_start, statement_id
