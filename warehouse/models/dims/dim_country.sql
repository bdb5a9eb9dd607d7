-- Every ISO 3166-1 country from the reference list, with its SCO status.
SELECT iso3, iso2, name, official_name, nullif(sco_status, '') AS sco_status
FROM ref_country
ORDER BY iso3
