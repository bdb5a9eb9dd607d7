-- One row per person across releases, keyed by the normalised canonical name; the accented spelling wins.
SELECT stable_id(canonical_name) AS person_id,
       max(canonical_name) AS canonical_name,
       count(DISTINCT release_id) AS release_count
FROM stg_person
GROUP BY stable_id(canonical_name)
ORDER BY person_id
