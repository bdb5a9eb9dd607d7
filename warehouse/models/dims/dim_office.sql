-- One row per office, a position persons hold over time: the long-lived offices of the reference list and every
-- office a release's title names. The state is kept apart from the name ("Minister of Foreign Affairs", KAZ); a
-- national office is keyed by name and state, an international one by name and organisation (see offices.py).
WITH offices AS (
    SELECT office_key, office_name, org_name, country_iso3, TRUE AS from_reference FROM ref_office
    UNION ALL
    SELECT office_key, office_name, org_name, country_iso3, FALSE FROM stg_person_office
),
by_key AS (
    SELECT office_key,
           min(office_name) AS canonical_name,
           min(country_iso3) AS country_iso3,
           coalesce(min(org_name) FILTER (WHERE from_reference), min(org_name)) AS org_name,
           bool_or(from_reference) AS from_reference
    FROM offices
    GROUP BY office_key
)
SELECT stable_id(b.office_key) AS office_id,
       b.canonical_name,
       o.org_id,
       b.country_iso3,
       b.office_key,
       b.from_reference
FROM by_key AS b
LEFT JOIN dim_organisation AS o ON o.org_id = stable_id(b.org_name)
ORDER BY office_id
