-- Every request the web sources sent (append-only): URL, status, headers and validators; bodies are in raw_blob.
CREATE TABLE IF NOT EXISTS raw_web_page (
    source VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    final_url VARCHAR NOT NULL,
    status INTEGER NOT NULL,
    error VARCHAR,
    headers_json VARCHAR NOT NULL,
    etag VARCHAR,
    last_modified VARCHAR,
    content_sha256 VARCHAR,
    size_bytes BIGINT,
    attempts INTEGER NOT NULL,
    fetched_at TIMESTAMP NOT NULL,
    run_id VARCHAR
);
