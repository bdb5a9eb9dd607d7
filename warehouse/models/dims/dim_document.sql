-- Referenced documents (treaties, charters, declarations, programmes, memoranda...) by their fullest written name.
SELECT stable_id(entity_key) AS document_id,
       max(entity_key) AS canonical_name,
       coalesce(mode(kind), 'other') AS kind
FROM stg_mention
WHERE entity_type = 'document'
GROUP BY stable_id(entity_key)
ORDER BY document_id
