-- Every span of a release that names an entity; surface_text is exactly body_text[char_start:char_end].
SELECT release_id,
       entity_type,
       CASE WHEN entity_type = 'country' THEN entity_key ELSE stable_id(entity_key) END AS entity_id,
       surface_text, char_start, char_end, rule, confidence
FROM stg_mention
ORDER BY release_id, char_start, char_end, entity_type, entity_id
