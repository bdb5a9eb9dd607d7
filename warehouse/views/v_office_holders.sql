-- Office holders over time: one row per term of an office (fact_office_holding), with the office's name,
-- organisation and state, the holder's name, and how many releases show the holder in office.
SELECT h.office_id,
       o.canonical_name AS office,
       org.canonical_name AS organisation,
       o.country_iso3,
       h.person_id,
       p.canonical_name AS person,
       h.valid_from,
       h.valid_to,
       h.source,
       h.evidence_release_ids,
       len(h.evidence_release_ids) AS evidence_count
FROM fact_office_holding AS h
JOIN dim_office AS o USING (office_id)
JOIN dim_person AS p USING (person_id)
LEFT JOIN dim_organisation AS org ON org.org_id = o.org_id
ORDER BY office, h.valid_from NULLS LAST, person
