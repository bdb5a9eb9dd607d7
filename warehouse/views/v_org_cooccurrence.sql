-- Organisations named together: one row per pair of distinct organisations mentioned in the same releases, with
-- how many releases name both and the first and last publication dates. Each pair once (org_a_id < org_b_id).
WITH named AS (
    SELECT DISTINCT release_id, entity_id AS org_id
    FROM fact_mention
    WHERE entity_type = 'organisation'
)
SELECT a.org_id AS org_a_id,
       oa.canonical_name AS org_a,
       b.org_id AS org_b_id,
       ob.canonical_name AS org_b,
       count(*) AS releases,
       min(r.published_date) AS first_published,
       max(r.published_date) AS last_published
FROM named AS a
JOIN named AS b ON b.release_id = a.release_id AND a.org_id < b.org_id
JOIN dim_organisation AS oa ON oa.org_id = a.org_id
JOIN dim_organisation AS ob ON ob.org_id = b.org_id
JOIN dim_release AS r ON r.release_id = a.release_id
GROUP BY ALL
ORDER BY releases DESC, org_a, org_b
