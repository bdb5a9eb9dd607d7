-- Country activity per publication year: how often releases mention a country, and how many persons take part on
-- its behalf (one participation per person and release).
WITH mentions AS (
    SELECT m.entity_id AS iso3,
           year(r.published_date) AS year,
           count(*) AS mentions,
           count(DISTINCT m.release_id) AS releases_mentioning
    FROM fact_mention AS m
    JOIN dim_release AS r USING (release_id)
    WHERE m.entity_type = 'country' AND r.published_date IS NOT NULL
    GROUP BY ALL
),
participations AS (
    SELECT fp.country_iso3 AS iso3,
           year(r.published_date) AS year,
           count(DISTINCT fp.release_id || ':' || fp.person_id) AS participations,
           count(DISTINCT fp.person_id) AS persons
    FROM fact_participation AS fp
    JOIN dim_release AS r USING (release_id)
    WHERE fp.country_iso3 IS NOT NULL AND r.published_date IS NOT NULL
    GROUP BY ALL
)
SELECT iso3,
       c.name AS country,
       c.sco_status,
       year,
       coalesce(m.mentions, 0) AS mentions,
       coalesce(m.releases_mentioning, 0) AS releases_mentioning,
       coalesce(p.participations, 0) AS participations,
       coalesce(p.persons, 0) AS persons
FROM mentions AS m
FULL JOIN participations AS p USING (iso3, year)
JOIN dim_country AS c USING (iso3)
ORDER BY year, mentions DESC, iso3
