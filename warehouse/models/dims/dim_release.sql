-- One row per current parsed release: the clean article text that every char offset refers to, and its metadata.
SELECT release_id, source, source_uri, url, title, published_date, date_source, language, encoding, body_text,
       content_sha256
FROM stg_release
ORDER BY release_id
