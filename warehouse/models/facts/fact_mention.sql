-- Every span of a release that names an entity; surface_text is exactly body_text[char_start:char_end].
SELECT release_id,
       entity_type,
       CASE WHEN entity_type = 'country' THEN entity_key
            WHEN entity_type = 'person' THEN stable_id(coalesce(pid.person_key, entity_key))
            ELSE stable_id(entity_key) END AS entity_id,
       surface_text, char_start, char_end, rule, confidence,
       is_low_confidence(confidence) AS is_low_confidence
FROM stg_mention
LEFT JOIN (SELECT canonical_name AS identity_name, person_key FROM stg_person_identity) AS pid
    ON entity_type = 'person' AND pid.identity_name = entity_key
ORDER BY release_id, char_start, char_end, entity_type, entity_id
