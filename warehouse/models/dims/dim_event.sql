-- One row per occurrence a release reports (a release reporting three meetings has three events).
SELECT stable_id(release_id || ':' || event_seq) AS event_id,
       release_id, event_seq, name, kind, event_date, is_virtual, place,
       char_start, char_end, rule, confidence,
       is_low_confidence(confidence) AS is_low_confidence
FROM stg_event
ORDER BY event_id
