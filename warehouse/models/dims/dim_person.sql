-- One row per person across releases: every spelling that identity resolution links (stg_person_identity) is one
-- person_id, named by its cluster's representative spelling; holders of reference offices are persons too.
WITH named AS (
    SELECT release_id, canonical_name FROM stg_person
    UNION ALL
    SELECT NULL, person FROM ref_office
),
resolved AS (
    SELECT n.release_id, n.canonical_name, coalesce(pid.person_key, n.canonical_name) AS person_key
    FROM named AS n
    LEFT JOIN stg_person_identity AS pid ON pid.canonical_name = n.canonical_name
)
SELECT stable_id(person_key) AS person_id,
       max(person_key) AS canonical_name,
       count(DISTINCT release_id) AS release_count,
       list(DISTINCT canonical_name ORDER BY canonical_name) AS aliases
FROM resolved
GROUP BY stable_id(person_key)
ORDER BY person_id
