-- A person's record over time: every participation (with the title as written and the event) and every statement
-- (with its act type, CAMEO code and sentence), one row each, dated by the event or else the release.
WITH participations AS (
    SELECT fp.person_id,
           coalesce(e.event_date, r.published_date) AS date,
           r.published_date,
           fp.release_id,
           'participation' AS entry_type,
           fp.event_id,
           e.kind AS event_kind,
           fp.title_as_written,
           o.canonical_name AS organisation,
           fp.country_iso3,
           NULL AS act_type,
           NULL AS cameo_code,
           NULL AS text,
           fp.char_start,
           fp.char_end,
           fp.is_low_confidence
    FROM fact_participation AS fp
    JOIN dim_release AS r USING (release_id)
    LEFT JOIN dim_event AS e USING (event_id)
    LEFT JOIN dim_organisation AS o ON o.org_id = fp.org_id
),
statements AS (
    SELECT s.person_id,
           r.published_date AS date,
           r.published_date,
           s.release_id,
           'statement' AS entry_type,
           NULL AS event_id,
           NULL AS event_kind,
           NULL AS title_as_written,
           o.canonical_name AS organisation,
           NULL AS country_iso3,
           s.act_type,
           s.cameo_code,
           s.text,
           s.char_start,
           s.char_end,
           s.is_low_confidence
    FROM fact_statement AS s
    JOIN dim_release AS r USING (release_id)
    LEFT JOIN dim_organisation AS o ON o.org_id = s.org_id
    WHERE s.person_id IS NOT NULL
)
SELECT t.person_id, p.canonical_name, t.* EXCLUDE (person_id)
FROM (SELECT * FROM participations UNION ALL BY NAME SELECT * FROM statements) AS t
JOIN dim_person AS p USING (person_id)
ORDER BY p.canonical_name, t.person_id, t.date NULLS LAST, t.release_id, t.entry_type, t.char_start
