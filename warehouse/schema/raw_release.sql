-- Every input ever seen, one row per (source, source_uri, content version). Never truncated: a later run only adds
-- rows and moves `is_current` to the newest version of each source_uri.
CREATE TABLE IF NOT EXISTS raw_release (
    source VARCHAR NOT NULL,            -- 'files', later 'sco_web', feeds
    source_uri VARCHAR NOT NULL,        -- path relative to the source folder, or URL
    content_sha256 VARCHAR,             -- null only when the bytes could not be read at all
    size_bytes BIGINT NOT NULL,
    status VARCHAR NOT NULL,            -- parsed | rejected | duplicate
    reason VARCHAR,                     -- why rejected, or which release it duplicates
    release_id VARCHAR,                 -- null when rejected; the original's id for a duplicate
    encoding VARCHAR,                   -- how the bytes were decoded
    is_current BOOLEAN NOT NULL         -- the newest version of this source_uri
);

-- A column added after the first release of the schema: older warehouses gain it in place.
ALTER TABLE raw_release ADD COLUMN IF NOT EXISTS input_format VARCHAR;   -- txt | html | json: how to decode the bytes
