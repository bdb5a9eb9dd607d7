-- Who met whom: one row per pair of distinct persons taking part in the same reported event, with the event's date,
-- kind and place and the release that reports it. Each pair once per event (person_a sorts before person_b).
WITH attendees AS (
    SELECT fp.event_id, fp.person_id, p.canonical_name,
           min(fp.title_as_written) AS title_as_written,
           min(fp.country_iso3) AS country_iso3
    FROM fact_participation AS fp
    JOIN dim_person AS p USING (person_id)
    WHERE fp.event_id IS NOT NULL
    GROUP BY fp.event_id, fp.person_id, p.canonical_name
)
SELECT e.event_id,
       e.release_id,
       r.published_date,
       e.event_date,
       e.kind AS event_kind,
       e.name AS event_name,
       e.place,
       e.is_virtual,
       a.person_id AS person_a_id,
       a.canonical_name AS person_a,
       a.title_as_written AS person_a_title,
       a.country_iso3 AS person_a_country_iso3,
       b.person_id AS person_b_id,
       b.canonical_name AS person_b,
       b.title_as_written AS person_b_title,
       b.country_iso3 AS person_b_country_iso3
FROM attendees AS a
JOIN attendees AS b
    ON b.event_id = a.event_id
   AND (a.canonical_name < b.canonical_name OR (a.canonical_name = b.canonical_name AND a.person_id < b.person_id))
JOIN dim_event AS e ON e.event_id = a.event_id
JOIN dim_release AS r ON r.release_id = e.release_id
ORDER BY coalesce(e.event_date, r.published_date), e.event_id, person_a, person_b
