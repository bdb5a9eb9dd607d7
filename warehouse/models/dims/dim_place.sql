-- Named places (cities, regions, sites) mentioned in releases; a place's country never counts as a country mention.
SELECT stable_id(entity_key) AS place_id,
       max(entity_key) AS name,
       max(country_iso3) AS country_iso3
FROM stg_mention
WHERE entity_type = 'place'
GROUP BY stable_id(entity_key)
ORDER BY place_id
