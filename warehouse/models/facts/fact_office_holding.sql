-- Who held which office when, in the slowly-changing-dimension style: one row per term. A term of the reference
-- list (offices.csv) keeps its dates and collects the releases that show its holder in office (a later release
-- recalling a past holder adds no term); any other holding seen in releases runs from the first to the last release
-- date that shows it.
WITH sightings AS (
    SELECT stable_id(coalesce(pid.person_key, po.canonical_name)) AS person_id,
           stable_id(po.office_key) AS office_id,
           po.release_id,
           r.published_date
    FROM stg_person_office AS po
    JOIN dim_release AS r ON r.release_id = po.release_id
    LEFT JOIN stg_person_identity AS pid ON pid.canonical_name = po.canonical_name
    WHERE r.published_date IS NOT NULL
),
reference AS (
    SELECT stable_id(coalesce(pid.person_key, ro.person)) AS person_id,
           stable_id(ro.office_key) AS office_id,
           ro.valid_from,
           ro.valid_to
    FROM ref_office AS ro
    LEFT JOIN stg_person_identity AS pid ON pid.canonical_name = ro.person
),
reference_terms AS (
    SELECT t.person_id, t.office_id, t.valid_from, t.valid_to, 'reference' AS source,
           coalesce(list(DISTINCT s.release_id ORDER BY s.release_id) FILTER (WHERE s.release_id IS NOT NULL),
                    []::VARCHAR[]) AS evidence_release_ids,
           min(s.published_date) AS first_seen_date,
           max(s.published_date) AS last_seen_date
    FROM reference AS t
    LEFT JOIN sightings AS s
        ON s.person_id = t.person_id AND s.office_id = t.office_id
       AND s.published_date BETWEEN t.valid_from AND t.valid_to
    GROUP BY t.person_id, t.office_id, t.valid_from, t.valid_to
),
release_terms AS (
    SELECT s.person_id, s.office_id,
           min(s.published_date) AS valid_from,
           max(s.published_date) AS valid_to,
           'releases' AS source,
           list(DISTINCT s.release_id ORDER BY s.release_id) AS evidence_release_ids,
           min(s.published_date) AS first_seen_date,
           max(s.published_date) AS last_seen_date
    FROM sightings AS s
    WHERE NOT EXISTS (SELECT 1 FROM reference AS t WHERE t.person_id = s.person_id AND t.office_id = s.office_id)
    GROUP BY s.person_id, s.office_id
),
terms AS (
    SELECT * FROM reference_terms
    UNION ALL BY NAME
    SELECT * FROM release_terms
)
SELECT stable_id(person_id || ':' || office_id || ':' || CAST(valid_from AS VARCHAR)) AS holding_id,
       person_id,
       office_id,
       valid_from,
       valid_to,
       valid_to = max(valid_to) OVER (PARTITION BY office_id) AS is_latest,
       source,
       evidence_release_ids,
       len(evidence_release_ids) AS evidence_count,
       first_seen_date,
       last_seen_date
FROM terms
ORDER BY office_id, valid_from, person_id
