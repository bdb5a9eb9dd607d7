-- The raw bytes of every accepted input, by content hash, so parsing can be re-run without reading the source again.
CREATE TABLE IF NOT EXISTS raw_blob (
    content_sha256 VARCHAR PRIMARY KEY,
    data BLOB NOT NULL
);
