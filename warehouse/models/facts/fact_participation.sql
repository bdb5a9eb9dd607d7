-- Who took part, in which capacity: one row per person and reported event (event_id null when none is reported).
SELECT p.release_id,
       e.event_id,
       stable_id(coalesce(pid.person_key, p.canonical_name)) AS person_id,
       p.title AS title_as_written,
       stable_id(p.org_name) AS org_id,
       p.country_iso3,
       p.title_start, p.title_end, p.rule, p.confidence,
       p.char_start, p.char_end, is_low_confidence(p.confidence) AS is_low_confidence
FROM stg_person AS p
LEFT JOIN stg_person_identity AS pid ON pid.canonical_name = p.canonical_name
LEFT JOIN stg_event_participant AS ep
    ON ep.release_id = p.release_id AND ep.canonical_name = p.canonical_name
LEFT JOIN dim_event AS e
    ON e.release_id = ep.release_id AND e.event_seq = ep.event_seq
ORDER BY p.release_id, person_id, e.event_id NULLS FIRST
