-- One row per organisation named in any release: directly, nested in a longer name, as a person's office, or as
-- the side that speaks.
WITH named AS (
    SELECT entity_key AS canonical_name, acronym, org_type, country_iso3
    FROM stg_mention WHERE entity_type = 'organisation'
    UNION ALL
    SELECT org_name, NULL, NULL, NULL FROM stg_person WHERE org_name IS NOT NULL
    UNION ALL
    SELECT org_name, NULL, NULL, NULL FROM stg_statement WHERE org_name IS NOT NULL
)
SELECT stable_id(canonical_name) AS org_id,
       max(canonical_name) AS canonical_name,
       max(acronym) AS acronym,
       coalesce(mode(org_type), 'other') AS org_type,
       max(country_iso3) AS country_iso3
FROM named
GROUP BY stable_id(canonical_name)
ORDER BY org_id
