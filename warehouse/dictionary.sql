-- The data dictionary: a comment on every table and column the warehouse builds, for analysts who read it with
-- DESCRIBE, duckdb_tables() / duckdb_columns() or docs/data_dictionary.md (generated from these comments by
-- `make docs`). Applied by the `data_dictionary` asset after the tables are built, one statement at a time;
-- a statement about a table or column that does not exist is skipped and logged. Keep one statement per line
-- group, and double a single quote inside a comment ('').

-- raw_release ------------------------------------------------------------------------------------------------------
COMMENT ON TABLE raw_release IS 'Every input ever seen: one row per source, path (or URL) and content version. Append-only, so nothing that came in is lost; status says whether it became a release, was rejected, or duplicates another input.';
COMMENT ON COLUMN raw_release.source IS 'Where the input came from: files (the RELEASES_SOURCE_DIR folder), sco_web (the SCO website), or a feed name.';
COMMENT ON COLUMN raw_release.source_uri IS 'The input''s path relative to the source folder, or its URL.';
COMMENT ON COLUMN raw_release.content_sha256 IS 'SHA-256 of the raw bytes, 64 hex digits; null only when the bytes could not be read at all.';
COMMENT ON COLUMN raw_release.size_bytes IS 'Size of the raw input in bytes.';
COMMENT ON COLUMN raw_release.status IS 'What became of the input: parsed (a release), rejected (see reason) or duplicate (same bytes as an earlier input).';
COMMENT ON COLUMN raw_release.reason IS 'Why the input was rejected (e.g. empty file, unsupported file type: .pdf, malformed JSON: ...), or which input it duplicates; null when parsed.';
COMMENT ON COLUMN raw_release.release_id IS 'The release this input became (dim_release.release_id; the original''s id for a duplicate); null when rejected.';
COMMENT ON COLUMN raw_release.encoding IS 'The character encoding the bytes were decoded with (utf-8, utf-8-sig, cp1251, latin-1); null when rejected.';
COMMENT ON COLUMN raw_release.is_current IS 'True for the newest version seen of this source_uri; older versions stay with false.';
COMMENT ON COLUMN raw_release.input_format IS 'How the bytes are read: txt, html (or htm) or json, from the file name or the web response; null when unknown.';

-- raw_blob ---------------------------------------------------------------------------------------------------------
COMMENT ON TABLE raw_blob IS 'The raw bytes of every accepted input, one row per distinct content, so releases can be parsed again without reading the source.';
COMMENT ON COLUMN raw_blob.content_sha256 IS 'SHA-256 of the bytes, 64 hex digits; joins raw_release.content_sha256.';
COMMENT ON COLUMN raw_blob.data IS 'The input''s bytes exactly as read (HTML, text or JSON).';

-- raw_web_page -----------------------------------------------------------------------------------------------------
COMMENT ON TABLE raw_web_page IS 'The web archive: one row per page requested from the SCO site or a feed (listing, sitemap, feed, article), with the response metadata; bodies are in raw_blob (also listings, sitemaps and feeds, so parsing and crawling decisions can be replayed without fetching again). Append-only: a 304 or a failure adds a row and changes none.';
COMMENT ON COLUMN raw_web_page.source IS 'sco_web (the SCO news site) or the feed''s name in sources/feeds.csv; raw_release.source of its articles.';
COMMENT ON COLUMN raw_web_page.kind IS 'What the page is: listing, sitemap, article, feed, or robots (a robots.txt that never answered: the host was unreachable).';
COMMENT ON COLUMN raw_web_page.url IS 'The URL requested; for an article its raw_release.source_uri.';
COMMENT ON COLUMN raw_web_page.final_url IS 'Where the answer came from after same-host redirects (equal to url without a redirect).';
COMMENT ON COLUMN raw_web_page.status IS 'HTTP status of the last response (200, 304 not modified, 404, 500 ...); 0 when no response arrived (DNS, refused, timeout).';
COMMENT ON COLUMN raw_web_page.error IS 'Why there is no body to keep after retries (HTTP 500, timeout after 10 s, truncated body, too large, redirect to another host refused); null on 200 and 304.';
COMMENT ON COLUMN raw_web_page.headers_json IS 'The response headers as a JSON object, names lower-cased ({} without a response).';
COMMENT ON COLUMN raw_web_page.etag IS 'The ETag header: sent back as If-None-Match the next time (from the latest 200 of the URL).';
COMMENT ON COLUMN raw_web_page.last_modified IS 'The Last-Modified header: sent back as If-Modified-Since the next time (from the latest 200 of the URL).';
COMMENT ON COLUMN raw_web_page.content_sha256 IS 'SHA-256 of the body (raw_blob.content_sha256); null on 304 and on errors.';
COMMENT ON COLUMN raw_web_page.size_bytes IS 'Size of the body in bytes; null without a body.';
COMMENT ON COLUMN raw_web_page.attempts IS 'HTTP requests spent on the page: 1, plus one per retry (timeouts, 5xx, 429, truncated bodies) and redirect hop.';
COMMENT ON COLUMN raw_web_page.fetched_at IS 'When the answer arrived, UTC.';
COMMENT ON COLUMN raw_web_page.run_id IS 'The Dagster run that fetched the page.';

-- stg_release ------------------------------------------------------------------------------------------------------
COMMENT ON TABLE stg_release IS 'Staging: one row per current accepted input, parsed into clean article text with its title, published date and language. dim_release is built from it.';
COMMENT ON COLUMN stg_release.release_id IS 'The release''s id: the first 16 hex digits of the SHA-256 of its raw bytes.';
COMMENT ON COLUMN stg_release.source IS 'Where the release came from: files, sco_web or a feed name.';
COMMENT ON COLUMN stg_release.source_uri IS 'Path relative to the source folder, or URL.';
COMMENT ON COLUMN stg_release.url IS 'The release''s web address when the input states one (JSON url field, web sources); null otherwise.';
COMMENT ON COLUMN stg_release.title IS 'The headline as published; null when the text has none.';
COMMENT ON COLUMN stg_release.published_date IS 'The release date (see date_source for where it was read).';
COMMENT ON COLUMN stg_release.date_source IS 'Where published_date came from: metadata (JSON field or HTML meta), date_line (the page''s date line), dateline (e.g. Bishkek, 19 March 2025), lead (first date of the opening sentence) or none.';
COMMENT ON COLUMN stg_release.language IS 'ISO 639-1 language code of the text (en, ru, zh, ...); und when unknown.';
COMMENT ON COLUMN stg_release.encoding IS 'The character encoding the raw bytes were decoded with.';
COMMENT ON COLUMN stg_release.body_text IS 'Clean article text (title, dateline, paragraphs separated by blank lines) that every char_start/char_end refers to.';
COMMENT ON COLUMN stg_release.content_sha256 IS 'SHA-256 of the raw bytes; joins raw_release and raw_blob.';
COMMENT ON COLUMN stg_release.body_sha256 IS 'SHA-256 of body_text: when it changes, the release''s entities are extracted again.';
COMMENT ON COLUMN stg_release.parser_version IS 'Fingerprint of the parser code that produced this row: a new parser re-parses the release.';

-- stg_extraction_log -----------------------------------------------------------------------------------------------
COMMENT ON TABLE stg_extraction_log IS 'Bookkeeping: one row per release whose entities are in the staging tables, with the text and extractor they came from, so a run extracts only new or changed releases.';
COMMENT ON COLUMN stg_extraction_log.release_id IS 'The release that was extracted (stg_release.release_id).';
COMMENT ON COLUMN stg_extraction_log.body_sha256 IS 'SHA-256 of the body_text that was extracted (stg_release.body_sha256).';
COMMENT ON COLUMN stg_extraction_log.extractor_version IS 'Fingerprint of the extraction library and reference data used: a change re-extracts the release.';

-- stg_person -------------------------------------------------------------------------------------------------------
COMMENT ON TABLE stg_person IS 'Staging: one row per person named in a release, as the extraction library found them (name, office, organisation, country). Feeds dim_person and fact_participation.';
COMMENT ON COLUMN stg_person.release_id IS 'The release that names the person (dim_release.release_id).';
COMMENT ON COLUMN stg_person.canonical_name IS 'The person''s full name as the release gives it, without honorifics (Mr, H.E.).';
COMMENT ON COLUMN stg_person.title IS 'The office exactly as written at the fullest mention, e.g. SCO Secretary-General; null when the text gives none.';
COMMENT ON COLUMN stg_person.title_start IS 'Char offset in body_text where the title starts (0-based, inclusive); null without a title.';
COMMENT ON COLUMN stg_person.title_end IS 'Char offset in body_text where the title ends (exclusive); null without a title.';
COMMENT ON COLUMN stg_person.org_name IS 'Canonical name of the organisation of the person''s office; null when none.';
COMMENT ON COLUMN stg_person.country_iso3 IS 'ISO 3166-1 alpha-3 code of the state the person represents; null for international officials or when unknown.';
COMMENT ON COLUMN stg_person.rule IS 'The extraction rule that found the person: known_person (reference list of persons) or title_name (an office followed by a name).';
COMMENT ON COLUMN stg_person.confidence IS 'The rule''s confidence, between 0 and 1.';

-- stg_mention ------------------------------------------------------------------------------------------------------
COMMENT ON TABLE stg_mention IS 'Staging: one row per span of a release that names a person, organisation, country, place or document, with the entity''s natural key and attributes. Feeds the dimensions and fact_mention.';
COMMENT ON COLUMN stg_mention.release_id IS 'The release the span is in (dim_release.release_id).';
COMMENT ON COLUMN stg_mention.entity_type IS 'What the span names: person, organisation, country, place or document.';
COMMENT ON COLUMN stg_mention.entity_key IS 'The entity''s natural key: canonical name for persons, organisations, places and documents; ISO alpha-3 code for countries.';
COMMENT ON COLUMN stg_mention.surface_text IS 'The span exactly as written: body_text[char_start:char_end].';
COMMENT ON COLUMN stg_mention.char_start IS 'Char offset in body_text where the span starts (0-based, inclusive).';
COMMENT ON COLUMN stg_mention.char_end IS 'Char offset in body_text where the span ends (exclusive).';
COMMENT ON COLUMN stg_mention.rule IS 'The extraction rule that produced the span, e.g. gazetteer, acronym, country_name, adjective, known_person, pattern:<name>.';
COMMENT ON COLUMN stg_mention.confidence IS 'The rule''s confidence, between 0 and 1.';
COMMENT ON COLUMN stg_mention.acronym IS 'Organisations only: the acronym (e.g. SCO, ICRC); null otherwise.';
COMMENT ON COLUMN stg_mention.org_type IS 'Organisations only: intergovernmental, national_body, ministry, parliament, company, academic, ngo or other.';
COMMENT ON COLUMN stg_mention.country_iso3 IS 'Organisations and places only: ISO alpha-3 code of their country; null for international bodies.';
COMMENT ON COLUMN stg_mention.kind IS 'Documents only: treaty, resolution, declaration, strategy, programme or other.';

-- stg_event --------------------------------------------------------------------------------------------------------
COMMENT ON TABLE stg_event IS 'Staging: one row per occurrence a release reports (meeting, summit, exercise, ...), numbered within the release. Feeds dim_event.';
COMMENT ON COLUMN stg_event.release_id IS 'The release that reports the event (dim_release.release_id).';
COMMENT ON COLUMN stg_event.event_seq IS 'The event''s number within its release, from 1 in order of the text.';
COMMENT ON COLUMN stg_event.kind IS 'meeting, conference, summit, ministerial, video_address, visit, signing, exercise, forum, exhibition, cultural, statement or other.';
COMMENT ON COLUMN stg_event.name IS 'The event''s own name as written (e.g. Peace Mission 2021); null for generic meetings.';
COMMENT ON COLUMN stg_event.event_date IS 'The date the event took place (its first day); null when the text does not give the day.';
COMMENT ON COLUMN stg_event.is_virtual IS 'True when held entirely online, false in person, null when hybrid or unknown.';
COMMENT ON COLUMN stg_event.place IS 'Where it took place as the text states it (city or most specific site); null when not stated.';
COMMENT ON COLUMN stg_event.char_start IS 'Char offset in body_text where the sentence reporting the event starts.';
COMMENT ON COLUMN stg_event.char_end IS 'Char offset in body_text where that sentence ends (exclusive).';
COMMENT ON COLUMN stg_event.rule IS 'The extraction rule that found the event.';
COMMENT ON COLUMN stg_event.confidence IS 'The rule''s confidence, between 0 and 1.';

-- stg_event_participant --------------------------------------------------------------------------------------------
COMMENT ON TABLE stg_event_participant IS 'Staging: one row per person taking part in an event of stg_event. Links fact_participation to dim_event.';
COMMENT ON COLUMN stg_event_participant.release_id IS 'The release that reports the event.';
COMMENT ON COLUMN stg_event_participant.event_seq IS 'The event''s number within the release (stg_event.event_seq).';
COMMENT ON COLUMN stg_event_participant.canonical_name IS 'The participant''s canonical name (stg_person.canonical_name).';

-- stg_statement ----------------------------------------------------------------------------------------------------
COMMENT ON TABLE stg_statement IS 'Staging: one row per reported speech act (noted, stressed, called for, ...), numbered within the release. Feeds fact_statement.';
COMMENT ON COLUMN stg_statement.release_id IS 'The release that reports the statement.';
COMMENT ON COLUMN stg_statement.statement_seq IS 'The statement''s number within its release, from 1 in order of the text.';
COMMENT ON COLUMN stg_statement.speaker IS 'Canonical name of the person speaking; null when not resolved or when an organisation speaks.';
COMMENT ON COLUMN stg_statement.org_name IS 'Canonical name of the organisation speaking when no person does; null otherwise.';
COMMENT ON COLUMN stg_statement.act_type IS 'The kind of speech act, from a closed vocabulary: state, emphasize, note, propose, urge, call_for, praise, ...';
COMMENT ON COLUMN stg_statement.cue IS 'The verb as written that marks the act, e.g. stressed, called for.';
COMMENT ON COLUMN stg_statement.text IS 'The sentence that reports the statement: body_text[char_start:char_end].';
COMMENT ON COLUMN stg_statement.char_start IS 'Char offset in body_text where the sentence starts.';
COMMENT ON COLUMN stg_statement.char_end IS 'Char offset in body_text where the sentence ends (exclusive).';
COMMENT ON COLUMN stg_statement.rule IS 'The extraction rule that found the statement.';
COMMENT ON COLUMN stg_statement.confidence IS 'The rule''s confidence, between 0 and 1.';

-- ref_country ------------------------------------------------------------------------------------------------------
COMMENT ON TABLE ref_country IS 'Reference: every ISO 3166-1 country as listed in sources/reference/countries.csv (where aliases and adjectives also live). dim_country is built from it.';
COMMENT ON COLUMN ref_country.iso3 IS 'ISO 3166-1 alpha-3 code, e.g. KAZ.';
COMMENT ON COLUMN ref_country.iso2 IS 'ISO 3166-1 alpha-2 code, e.g. KZ.';
COMMENT ON COLUMN ref_country.name IS 'Common English short name, e.g. Kazakhstan.';
COMMENT ON COLUMN ref_country.official_name IS 'Full official English name, e.g. Republic of Kazakhstan.';
COMMENT ON COLUMN ref_country.sco_status IS 'The country''s status in the SCO: member, observer or partner (dialogue partner); null when none.';

-- dim_release ------------------------------------------------------------------------------------------------------
COMMENT ON TABLE dim_release IS 'One row per current parsed release: its clean text, which every char offset in the facts refers to, and what is known about it.';
COMMENT ON COLUMN dim_release.release_id IS 'Primary key: the first 16 hex digits of the SHA-256 of the raw bytes (stable across runs).';
COMMENT ON COLUMN dim_release.source IS 'Where the release came from: files (the source folder), sco_web (the SCO website) or a feed name.';
COMMENT ON COLUMN dim_release.source_uri IS 'Path relative to the source folder, or URL.';
COMMENT ON COLUMN dim_release.url IS 'The release''s web address when known (JSON url field, web sources); null otherwise.';
COMMENT ON COLUMN dim_release.title IS 'The headline as published; null when the text has none.';
COMMENT ON COLUMN dim_release.published_date IS 'The release date: the page''s date, else the dateline, else the date of the main event in the lead (see date_source).';
COMMENT ON COLUMN dim_release.date_source IS 'Where published_date came from: metadata, date_line (page date line), dateline (e.g. Bishkek, 19 March 2025), lead (first date of the opening sentence) or none.';
COMMENT ON COLUMN dim_release.language IS 'ISO 639-1 language code (en, ru, zh, ...); und when unknown. Only en and und releases get entity extraction.';
COMMENT ON COLUMN dim_release.encoding IS 'The character encoding the raw bytes were decoded with (utf-8, utf-8-sig, cp1251, latin-1).';
COMMENT ON COLUMN dim_release.body_text IS 'Clean article text (title, dateline, paragraphs separated by blank lines, no page chrome). Offsets are 0-based: a span is substr(body_text, char_start + 1, char_end - char_start).';
COMMENT ON COLUMN dim_release.content_sha256 IS 'SHA-256 of the raw bytes, 64 hex digits; joins raw_release.content_sha256.';

-- dim_person -------------------------------------------------------------------------------------------------------
COMMENT ON TABLE dim_person IS 'One row per person across all releases: every spelling that identity resolution links (stg_person_identity) is one person; holders of reference offices are persons too.';
COMMENT ON COLUMN dim_person.person_id IS 'Primary key: stable_id() of the person''s key (the representative spelling of the identity cluster), 16 hex digits.';
COMMENT ON COLUMN dim_person.canonical_name IS 'The person''s full name (given and family name, no honorifics): the reference spelling, else the most frequent, else the accented one.';
COMMENT ON COLUMN dim_person.release_count IS 'Number of releases that name the person.';
COMMENT ON COLUMN dim_person.aliases IS 'Every spelling of the person seen in releases or reference data, sorted (e.g. Nurlan Ermekbaev, Nurlan Yermekbayev).';

-- dim_organisation -------------------------------------------------------------------------------------------------
COMMENT ON TABLE dim_organisation IS 'One row per organisation named in any release: directly, inside a longer name, as a person''s office or as the side that speaks.';
COMMENT ON COLUMN dim_organisation.org_id IS 'Primary key: stable_id() of the canonical name, 16 hex digits.';
COMMENT ON COLUMN dim_organisation.canonical_name IS 'The organisation''s full English name, e.g. Shanghai Cooperation Organisation.';
COMMENT ON COLUMN dim_organisation.acronym IS 'Its usual acronym, e.g. SCO, CICA; null when none.';
COMMENT ON COLUMN dim_organisation.org_type IS 'intergovernmental, national_body, ministry, parliament, company, academic, ngo or other.';
COMMENT ON COLUMN dim_organisation.country_iso3 IS 'ISO alpha-3 code of the organisation''s country (dim_country.iso3); null for international bodies.';

-- dim_country ------------------------------------------------------------------------------------------------------
COMMENT ON TABLE dim_country IS 'Every ISO 3166-1 country (not only those mentioned), with its SCO status.';
COMMENT ON COLUMN dim_country.iso3 IS 'Primary key: ISO 3166-1 alpha-3 code, e.g. KAZ; fact_mention.entity_id for country mentions.';
COMMENT ON COLUMN dim_country.iso2 IS 'ISO 3166-1 alpha-2 code, e.g. KZ.';
COMMENT ON COLUMN dim_country.name IS 'Common English short name, e.g. Kazakhstan.';
COMMENT ON COLUMN dim_country.official_name IS 'Full official English name, e.g. Republic of Kazakhstan.';
COMMENT ON COLUMN dim_country.sco_status IS 'The country''s status in the SCO: member, observer or partner (dialogue partner); null when none.';

-- dim_place --------------------------------------------------------------------------------------------------------
COMMENT ON TABLE dim_place IS 'One row per named place (city, region, site) mentioned in a release. Naming a city never counts as mentioning its country.';
COMMENT ON COLUMN dim_place.place_id IS 'Primary key: stable_id() of the place''s name, 16 hex digits.';
COMMENT ON COLUMN dim_place.name IS 'The place''s name from the gazetteer, e.g. Tashkent, Donguz training ground.';
COMMENT ON COLUMN dim_place.country_iso3 IS 'ISO alpha-3 code of the country the place is in; null when unknown.';

-- dim_event --------------------------------------------------------------------------------------------------------
COMMENT ON TABLE dim_event IS 'One row per occurrence a release reports: a meeting, summit, conference, exercise, ... A release reporting three meetings has three events.';
COMMENT ON COLUMN dim_event.event_id IS 'Primary key: stable_id() of release_id and event_seq, 16 hex digits.';
COMMENT ON COLUMN dim_event.release_id IS 'The release that reports the event (dim_release.release_id).';
COMMENT ON COLUMN dim_event.event_seq IS 'The event''s number within its release, from 1 in order of the text.';
COMMENT ON COLUMN dim_event.name IS 'The event''s own name as written (e.g. Peace Mission 2021); null for generic meetings.';
COMMENT ON COLUMN dim_event.kind IS 'meeting, conference, summit, ministerial, video_address, visit, signing, exercise, forum, exhibition, cultural, statement or other.';
COMMENT ON COLUMN dim_event.event_date IS 'The date the event took place (its first day for multi-day events); null when the text does not give the day.';
COMMENT ON COLUMN dim_event.is_virtual IS 'True when held entirely online, false in person, null when hybrid or unknown.';
COMMENT ON COLUMN dim_event.place IS 'Where it took place as the text states it (city or most specific named site); null when the text does not say.';
COMMENT ON COLUMN dim_event.char_start IS 'Char offset in body_text where the sentence reporting the event starts.';
COMMENT ON COLUMN dim_event.char_end IS 'Char offset in body_text where that sentence ends (exclusive).';
COMMENT ON COLUMN dim_event.rule IS 'The extraction rule that found the event.';
COMMENT ON COLUMN dim_event.confidence IS 'The rule''s confidence, between 0 and 1.';

-- dim_document -----------------------------------------------------------------------------------------------------
COMMENT ON TABLE dim_document IS 'One row per document a release refers to: treaties, charters, declarations, programmes, memoranda, ...';
COMMENT ON COLUMN dim_document.document_id IS 'Primary key: stable_id() of the document''s name, 16 hex digits.';
COMMENT ON COLUMN dim_document.canonical_name IS 'The fullest name as written, e.g. Charter of the Shanghai Cooperation Organisation.';
COMMENT ON COLUMN dim_document.kind IS 'treaty, resolution, declaration, strategy, programme or other.';

-- fact_mention -----------------------------------------------------------------------------------------------------
COMMENT ON TABLE fact_mention IS 'One row per span of a release that names an entity (person, organisation, country, place, document), with the rule and confidence that produced it.';
COMMENT ON COLUMN fact_mention.release_id IS 'The release the span is in (dim_release.release_id).';
COMMENT ON COLUMN fact_mention.entity_type IS 'What the span names: person, organisation, country, place or document.';
COMMENT ON COLUMN fact_mention.entity_id IS 'The key in the entity type''s dimension: person_id, org_id, iso3 (dim_country), place_id or document_id.';
COMMENT ON COLUMN fact_mention.surface_text IS 'The span exactly as written: substr(body_text, char_start + 1, char_end - char_start).';
COMMENT ON COLUMN fact_mention.char_start IS 'Char offset in dim_release.body_text where the span starts (0-based, inclusive).';
COMMENT ON COLUMN fact_mention.char_end IS 'Char offset in dim_release.body_text where the span ends (exclusive).';
COMMENT ON COLUMN fact_mention.rule IS 'The extraction rule that produced the span, e.g. gazetteer, acronym, country_name, adjective, known_person, title_name, pattern:<name>.';
COMMENT ON COLUMN fact_mention.confidence IS 'The rule''s confidence, between 0 and 1; low values are kept and flagged, not hidden.';

-- fact_participation -----------------------------------------------------------------------------------------------
COMMENT ON TABLE fact_participation IS 'Who took part, in which capacity: one row per person named in a release and event they took part in (event_id null when the release reports no event for them).';
COMMENT ON COLUMN fact_participation.release_id IS 'The release that names the person (dim_release.release_id).';
COMMENT ON COLUMN fact_participation.event_id IS 'The event the person took part in (dim_event.event_id); null when none is reported.';
COMMENT ON COLUMN fact_participation.person_id IS 'The person (dim_person.person_id).';
COMMENT ON COLUMN fact_participation.title_as_written IS 'The office as the release writes it, e.g. Minister of Foreign Affairs of the Russian Federation; null when the text gives none.';
COMMENT ON COLUMN fact_participation.org_id IS 'The organisation of that office (dim_organisation.org_id); null when none.';
COMMENT ON COLUMN fact_participation.country_iso3 IS 'The country the person represents (dim_country.iso3); null for international officials or when unknown.';
COMMENT ON COLUMN fact_participation.title_start IS 'Char offset in body_text where title_as_written starts; null without a title.';
COMMENT ON COLUMN fact_participation.title_end IS 'Char offset in body_text where title_as_written ends (exclusive); null without a title.';
COMMENT ON COLUMN fact_participation.rule IS 'The extraction rule that found the person: known_person (reference list of persons) or title_name (an office followed by a name).';
COMMENT ON COLUMN fact_participation.confidence IS 'The rule''s confidence, between 0 and 1.';

-- fact_statement ---------------------------------------------------------------------------------------------------
COMMENT ON TABLE fact_statement IS 'One row per reported speech act (noted, stressed, proposed, called for, ...) with its speaker and the sentence that reports it.';
COMMENT ON COLUMN fact_statement.release_id IS 'The release that reports the statement (dim_release.release_id).';
COMMENT ON COLUMN fact_statement.statement_id IS 'Key: stable_id() of release_id and the statement''s number in the release, 16 hex digits.';
COMMENT ON COLUMN fact_statement.person_id IS 'The person speaking (dim_person.person_id); null when not resolved or when an organisation speaks.';
COMMENT ON COLUMN fact_statement.org_id IS 'The organisation speaking when no person does (dim_organisation.org_id); null otherwise.';
COMMENT ON COLUMN fact_statement.act_type IS 'The kind of speech act, from a closed vocabulary: state, emphasize, note, propose, urge, call_for, praise, ...';
COMMENT ON COLUMN fact_statement.cue IS 'The verb as written that marks the act, e.g. stressed, called for.';
COMMENT ON COLUMN fact_statement.text IS 'The sentence that reports the statement: substr(body_text, char_start + 1, char_end - char_start).';
COMMENT ON COLUMN fact_statement.char_start IS 'Char offset in dim_release.body_text where the sentence starts (0-based, inclusive).';
COMMENT ON COLUMN fact_statement.char_end IS 'Char offset in dim_release.body_text where the sentence ends (exclusive).';
COMMENT ON COLUMN fact_statement.rule IS 'The extraction rule that found the statement.';
COMMENT ON COLUMN fact_statement.confidence IS 'The rule''s confidence, between 0 and 1.';

-- statements: CAMEO codes; provenance and confidence ---------------------------------------------------------------
COMMENT ON COLUMN stg_statement.cameo_code IS 'The CAMEO event code of act_type (speech_verbs.csv), e.g. 010 make statement, 020 appeal, 111 criticise or denounce; see the README section Statements.';
COMMENT ON COLUMN fact_statement.cameo_code IS 'The CAMEO event code of act_type, three digits: 010 state/emphasize/note, 020 propose/urge/call_for, 030 intend/agree, 040 meet, 042 visit, 043 host, 051 praise/welcome/thank/congratulate, 057 sign, 111 condemn (README section Statements).';
COMMENT ON COLUMN fact_statement.is_low_confidence IS 'True when confidence is below low_confidence_threshold() (0.6, warehouse/schema/macros.sql): the row is kept and flagged, not hidden.';
COMMENT ON COLUMN fact_mention.is_low_confidence IS 'True when confidence is below low_confidence_threshold() (0.6, warehouse/schema/macros.sql): the row is kept and flagged, not hidden.';
COMMENT ON COLUMN fact_participation.is_low_confidence IS 'True when confidence is below low_confidence_threshold() (0.6, warehouse/schema/macros.sql): the row is kept and flagged, not hidden.';
COMMENT ON COLUMN dim_event.is_low_confidence IS 'True when confidence is below low_confidence_threshold() (0.6, warehouse/schema/macros.sql): the row is kept and flagged, not hidden.';
COMMENT ON COLUMN stg_person.char_start IS 'Char offset in body_text where the person''s first mention in the release starts (0-based, inclusive).';
COMMENT ON COLUMN stg_person.char_end IS 'Char offset in body_text where the person''s first mention ends (exclusive).';
COMMENT ON COLUMN fact_participation.char_start IS 'Char offset in dim_release.body_text where the person''s first mention in the release starts (0-based, inclusive): the provenance of the row.';
COMMENT ON COLUMN fact_participation.char_end IS 'Char offset in dim_release.body_text where the person''s first mention ends (exclusive).';

-- topics -----------------------------------------------------------------------------------------------------------
COMMENT ON TABLE ref_topic IS 'Reference: the topic taxonomy of sources/reference/topics.csv with the terms that find each topic. dim_topic is built from it.';
COMMENT ON COLUMN ref_topic.topic_id IS 'The topic''s slug, e.g. terrorism, drug_trafficking, transport.';
COMMENT ON COLUMN ref_topic.name IS 'The topic''s name for people, e.g. Drug trafficking.';
COMMENT ON COLUMN ref_topic.parent IS 'topic_id of the broader topic (security, economy, humanitarian); null for a top-level topic.';
COMMENT ON COLUMN ref_topic.description IS 'What the topic covers.';
COMMENT ON COLUMN ref_topic.keywords IS 'Terms that name the topic unambiguously, separated by |; whole words, any case, last word also in the plural (confidence 0.9).';
COMMENT ON COLUMN ref_topic.weak_keywords IS 'Terms that often mean something else (security, border), separated by |; their matches have confidence 0.5 and are flagged low-confidence.';
COMMENT ON TABLE stg_topic IS 'Staging: one row per sentence and topic of a release, as the extraction library found them (topics.py). Feeds fact_topic.';
COMMENT ON COLUMN stg_topic.release_id IS 'The release the sentence is in (dim_release.release_id).';
COMMENT ON COLUMN stg_topic.topic_id IS 'The topic (ref_topic.topic_id).';
COMMENT ON COLUMN stg_topic.char_start IS 'Char offset in body_text where the sentence starts (0-based, inclusive).';
COMMENT ON COLUMN stg_topic.char_end IS 'Char offset in body_text where the sentence ends (exclusive).';
COMMENT ON COLUMN stg_topic.matched_term IS 'The term as written that gave the topic: body_text[term_start:term_end]; the best match of the topic in the sentence, the first on ties.';
COMMENT ON COLUMN stg_topic.term_start IS 'Char offset in body_text where the matched term starts.';
COMMENT ON COLUMN stg_topic.term_end IS 'Char offset in body_text where the matched term ends (exclusive).';
COMMENT ON COLUMN stg_topic.rule IS 'keyword (an unambiguous term), weak_keyword (a term that can mean something else) or compound_part (a term inside a hyphenated word such as anti-extremist).';
COMMENT ON COLUMN stg_topic.confidence IS 'The rule''s confidence: 0.9 keyword, 0.7 compound_part, 0.5 weak_keyword.';
COMMENT ON TABLE dim_topic IS 'One row per topic of the taxonomy (sources/reference/topics.csv): terrorism, extremism, drug trafficking, transport, energy, health, Afghanistan, ...';
COMMENT ON COLUMN dim_topic.topic_id IS 'Primary key: the topic''s slug, e.g. terrorism, drug_trafficking.';
COMMENT ON COLUMN dim_topic.name IS 'The topic''s name for people.';
COMMENT ON COLUMN dim_topic.parent_topic_id IS 'The broader topic it rolls up to (security, economy, humanitarian); null for a top-level topic.';
COMMENT ON COLUMN dim_topic.description IS 'What the topic covers.';
COMMENT ON COLUMN dim_topic.release_count IS 'How many releases have at least one sentence on the topic (any confidence).';
COMMENT ON TABLE fact_topic IS 'One row per sentence and topic: which sentences of which releases touch which topic, by which term, rule and confidence. A release''s topics are its sentences'' topics; there are no release-level rows.';
COMMENT ON COLUMN fact_topic.release_id IS 'The release the sentence is in (dim_release.release_id).';
COMMENT ON COLUMN fact_topic.topic_id IS 'The topic (dim_topic.topic_id).';
COMMENT ON COLUMN fact_topic.char_start IS 'Char offset in dim_release.body_text where the sentence starts (0-based, inclusive).';
COMMENT ON COLUMN fact_topic.char_end IS 'Char offset in dim_release.body_text where the sentence ends (exclusive).';
COMMENT ON COLUMN fact_topic.text IS 'The sentence: substr(body_text, char_start + 1, char_end - char_start).';
COMMENT ON COLUMN fact_topic.matched_term IS 'The term as written that gave the topic: substr(body_text, term_start + 1, term_end - term_start).';
COMMENT ON COLUMN fact_topic.term_start IS 'Char offset in dim_release.body_text where the matched term starts.';
COMMENT ON COLUMN fact_topic.term_end IS 'Char offset in dim_release.body_text where the matched term ends (exclusive).';
COMMENT ON COLUMN fact_topic.rule IS 'keyword, weak_keyword or compound_part (see stg_topic.rule).';
COMMENT ON COLUMN fact_topic.confidence IS 'The rule''s confidence: 0.9 keyword, 0.7 compound_part, 0.5 weak_keyword.';
COMMENT ON COLUMN fact_topic.is_low_confidence IS 'True when confidence is below low_confidence_threshold() (0.6): weak-keyword matches, kept and flagged, not hidden.';

-- analytical views -------------------------------------------------------------------------------------------------
COMMENT ON VIEW v_meetings IS 'Who met whom: one row per pair of distinct persons taking part in the same reported event, with the event''s date, kind and place and its release. Each pair once per event.';
COMMENT ON COLUMN v_meetings.event_id IS 'The event both took part in (dim_event.event_id).';
COMMENT ON COLUMN v_meetings.release_id IS 'The release that reports the event.';
COMMENT ON COLUMN v_meetings.published_date IS 'The release''s publication date.';
COMMENT ON COLUMN v_meetings.event_date IS 'The date of the event; null when the text does not give the day.';
COMMENT ON COLUMN v_meetings.event_kind IS 'The event''s kind: meeting, visit, conference, summit, ...';
COMMENT ON COLUMN v_meetings.event_name IS 'The event''s own name, when it has one.';
COMMENT ON COLUMN v_meetings.place IS 'Where the event took place, as the text states it.';
COMMENT ON COLUMN v_meetings.is_virtual IS 'True when held online, false in person, null when unknown.';
COMMENT ON COLUMN v_meetings.person_a_id IS 'The first person of the pair (dim_person.person_id); person_a sorts before person_b.';
COMMENT ON COLUMN v_meetings.person_a IS 'The first person''s canonical name.';
COMMENT ON COLUMN v_meetings.person_a_title IS 'The first person''s office as written in the release.';
COMMENT ON COLUMN v_meetings.person_a_country_iso3 IS 'The state the first person represents, ISO alpha-3.';
COMMENT ON COLUMN v_meetings.person_b_id IS 'The second person of the pair (dim_person.person_id).';
COMMENT ON COLUMN v_meetings.person_b IS 'The second person''s canonical name.';
COMMENT ON COLUMN v_meetings.person_b_title IS 'The second person''s office as written in the release.';
COMMENT ON COLUMN v_meetings.person_b_country_iso3 IS 'The state the second person represents, ISO alpha-3.';
COMMENT ON VIEW v_person_timeline IS 'A person''s record over time: one row per participation (title, event) and per statement (act type, CAMEO code, sentence), dated by the event or else the release.';
COMMENT ON COLUMN v_person_timeline.person_id IS 'The person (dim_person.person_id).';
COMMENT ON COLUMN v_person_timeline.canonical_name IS 'The person''s canonical name.';
COMMENT ON COLUMN v_person_timeline.date IS 'The event''s date when known, else the release''s publication date.';
COMMENT ON COLUMN v_person_timeline.published_date IS 'The release''s publication date.';
COMMENT ON COLUMN v_person_timeline.release_id IS 'The release the entry comes from.';
COMMENT ON COLUMN v_person_timeline.entry_type IS 'participation (the person took part, with a title) or statement (the person said something).';
COMMENT ON COLUMN v_person_timeline.event_id IS 'Participations: the event taken part in; null otherwise or when the release reports none.';
COMMENT ON COLUMN v_person_timeline.event_kind IS 'Participations: the event''s kind.';
COMMENT ON COLUMN v_person_timeline.title_as_written IS 'Participations: the office as the release writes it.';
COMMENT ON COLUMN v_person_timeline.organisation IS 'The organisation of the person''s office (participations) or speaking with them (statements).';
COMMENT ON COLUMN v_person_timeline.country_iso3 IS 'Participations: the state the person represents.';
COMMENT ON COLUMN v_person_timeline.act_type IS 'Statements: the act type (state, emphasize, propose, ...).';
COMMENT ON COLUMN v_person_timeline.cameo_code IS 'Statements: the CAMEO event code of the act type.';
COMMENT ON COLUMN v_person_timeline.text IS 'Statements: the sentence that reports it.';
COMMENT ON COLUMN v_person_timeline.char_start IS 'Char offset of the evidence in dim_release.body_text: the person''s first mention (participations) or the sentence (statements).';
COMMENT ON COLUMN v_person_timeline.char_end IS 'Char offset where that evidence ends (exclusive).';
COMMENT ON COLUMN v_person_timeline.is_low_confidence IS 'True when the underlying row is below the low-confidence bar (0.6).';
COMMENT ON VIEW v_office_holders IS 'Office holders over time: one row per term of an office (fact_office_holding), with the office, its organisation and state, the holder and the releases that show them in office.';
COMMENT ON COLUMN v_office_holders.office_id IS 'The office (dim_office.office_id).';
COMMENT ON COLUMN v_office_holders.office IS 'The office''s canonical name.';
COMMENT ON COLUMN v_office_holders.organisation IS 'The organisation of the office; null for national offices without one.';
COMMENT ON COLUMN v_office_holders.country_iso3 IS 'The state of a national office, ISO alpha-3; null for international offices.';
COMMENT ON COLUMN v_office_holders.person_id IS 'The holder (dim_person.person_id).';
COMMENT ON COLUMN v_office_holders.person IS 'The holder''s canonical name.';
COMMENT ON COLUMN v_office_holders.valid_from IS 'First day of the term (reference data), or the first release that shows the holder in office.';
COMMENT ON COLUMN v_office_holders.valid_to IS 'Last day of the term (reference data), or the last release that shows the holder in office.';
COMMENT ON COLUMN v_office_holders.source IS 'Where the term comes from: reference (offices.csv) or releases.';
COMMENT ON COLUMN v_office_holders.evidence_release_ids IS 'The releases that show the holder in this office during the term.';
COMMENT ON COLUMN v_office_holders.evidence_count IS 'How many releases show the holder in office during the term.';
COMMENT ON VIEW v_org_cooccurrence IS 'Organisations named together: one row per pair of distinct organisations mentioned in the same releases, with the number of such releases. Each pair once (org_a_id < org_b_id).';
COMMENT ON COLUMN v_org_cooccurrence.org_a_id IS 'The first organisation of the pair (dim_organisation.org_id, the smaller id).';
COMMENT ON COLUMN v_org_cooccurrence.org_a IS 'The first organisation''s canonical name.';
COMMENT ON COLUMN v_org_cooccurrence.org_b_id IS 'The second organisation of the pair (dim_organisation.org_id).';
COMMENT ON COLUMN v_org_cooccurrence.org_b IS 'The second organisation''s canonical name.';
COMMENT ON COLUMN v_org_cooccurrence.releases IS 'How many releases mention both.';
COMMENT ON COLUMN v_org_cooccurrence.first_published IS 'Publication date of the first release that mentions both.';
COMMENT ON COLUMN v_org_cooccurrence.last_published IS 'Publication date of the last release that mentions both.';
COMMENT ON VIEW v_topics_by_month IS 'Topics by publication month: per month and topic, the releases and sentences that touch it, with the confident ones counted apart.';
COMMENT ON COLUMN v_topics_by_month.month IS 'First day of the publication month.';
COMMENT ON COLUMN v_topics_by_month.topic_id IS 'The topic (dim_topic.topic_id).';
COMMENT ON COLUMN v_topics_by_month.topic IS 'The topic''s name.';
COMMENT ON COLUMN v_topics_by_month.parent_topic_id IS 'The broader topic it rolls up to; null for a top-level topic.';
COMMENT ON COLUMN v_topics_by_month.releases IS 'Releases of the month with at least one sentence on the topic (any confidence).';
COMMENT ON COLUMN v_topics_by_month.confident_releases IS 'Releases of the month with at least one confident (not low-confidence) sentence on the topic.';
COMMENT ON COLUMN v_topics_by_month.sentences IS 'Sentences of the month on the topic (any confidence).';
COMMENT ON COLUMN v_topics_by_month.confident_sentences IS 'Sentences of the month on the topic with a confident match.';
COMMENT ON VIEW v_country_activity IS 'Country activity per publication year: mentions of the country, and persons taking part on its behalf.';
COMMENT ON COLUMN v_country_activity.iso3 IS 'The country, ISO alpha-3 (dim_country.iso3).';
COMMENT ON COLUMN v_country_activity.country IS 'The country''s name.';
COMMENT ON COLUMN v_country_activity.sco_status IS 'The country''s SCO status (member, observer, partner); null otherwise.';
COMMENT ON COLUMN v_country_activity.year IS 'Publication year of the releases.';
COMMENT ON COLUMN v_country_activity.mentions IS 'Spans naming the country in that year''s releases.';
COMMENT ON COLUMN v_country_activity.releases_mentioning IS 'Releases of the year that mention the country.';
COMMENT ON COLUMN v_country_activity.participations IS 'Persons taking part on the country''s behalf, counted once per person and release.';
COMMENT ON COLUMN v_country_activity.persons IS 'Distinct persons taking part on the country''s behalf in the year.';

-- Identities and offices (pipelines/assets/identity.py, ref_office, dim_office, fact_office_holding) ----------------
COMMENT ON TABLE stg_person_identity IS 'Cross-release identity: every person name seen (releases and reference terms of office) and the key of the person it is. One row per distinct spelling.';
COMMENT ON COLUMN stg_person_identity.canonical_name IS 'A spelling as extracted (stg_person.canonical_name, a statement speaker, an event participant or an offices.csv holder).';
COMMENT ON COLUMN stg_person_identity.person_key IS 'The representative spelling of the person''s cluster; dim_person.person_id = stable_id(person_key).';
COMMENT ON COLUMN stg_person_identity.match_rule IS 'How the spelling joined its cluster: singleton, representative, judgement, or the name rule of its strongest link (folded_equal, one_edit, initial, order_swap, extra_names, jaro_winkler...).';
COMMENT ON COLUMN stg_person_identity.match_score IS 'Score of that link between 0 and 1 (1 for a singleton, the representative or a judgement).';
COMMENT ON TABLE stg_org_identity IS 'Organisation names resolved like persons: every organisation name seen -> the representative name of its cluster (same words in any order, the state as a code, British/American spellings, one-edit typos, judgements). Not yet used to key dim_organisation.';
COMMENT ON COLUMN stg_org_identity.canonical_name IS 'An organisation name as extracted (stg_mention, stg_person.org_name, stg_statement.org_name).';
COMMENT ON COLUMN stg_org_identity.org_key IS 'The representative name of the organisation''s cluster (the organisations.csv name when one is in it).';
COMMENT ON COLUMN stg_org_identity.match_rule IS 'How the name joined its cluster: singleton, representative, judgement, same_words, word_overlap or one_edit.';
COMMENT ON COLUMN stg_org_identity.match_score IS 'Score of that link between 0 and 1.';
COMMENT ON TABLE review_identity IS 'Compared name pairs that scored at or above the review threshold, and every judged pair, with the evidence and the decision; the pairs with decision review are for a person to judge in sources/reference/identity_judgements.csv.';
COMMENT ON COLUMN review_identity.entity_type IS 'What the names name: person or organisation.';
COMMENT ON COLUMN review_identity.name_a IS 'The first spelling of the pair (sorts before name_b).';
COMMENT ON COLUMN review_identity.name_b IS 'The second spelling of the pair.';
COMMENT ON COLUMN review_identity.score IS 'Name score adjusted by the evidence (shared office, country, organisation; different countries), between 0 and 1.';
COMMENT ON COLUMN review_identity.rule IS 'The name rules that produced the score, e.g. folded_equal, one_edit, initial, order_swap.';
COMMENT ON COLUMN review_identity.evidence IS 'Why: the folded names compared, shared offices, countries and organisations, or the judgement''s note.';
COMMENT ON COLUMN review_identity.decision IS 'same (merged), review (in doubt, not merged), not_same (kept apart) or unsure (judged unsure, not merged).';
COMMENT ON COLUMN review_identity.decided_by IS 'score (the thresholds), judgement (identity_judgements.csv) or same_release (two persons of one release are never merged by score).';
COMMENT ON COLUMN review_identity.release_ids IS 'The releases that name either spelling.';
COMMENT ON TABLE stg_person_office IS 'Staging: each titled person of each release with each canonical office the title names (a compound title names several; pipelines/extraction/offices.py). Feeds dim_office and fact_office_holding.';
COMMENT ON COLUMN stg_person_office.release_id IS 'The release (stg_release.release_id).';
COMMENT ON COLUMN stg_person_office.canonical_name IS 'The person as extracted (stg_person.canonical_name).';
COMMENT ON COLUMN stg_person_office.title IS 'The title as written (stg_person.title).';
COMMENT ON COLUMN stg_person_office.office_key IS 'Natural key of the office: name|state|organisation (organisation only when no state); dim_office.office_id = stable_id(office_key).';
COMMENT ON COLUMN stg_person_office.office_name IS 'The canonical office, the state left out, e.g. Minister of Foreign Affairs, SCO Secretary-General.';
COMMENT ON COLUMN stg_person_office.org_name IS 'The organisation of the office, when known.';
COMMENT ON COLUMN stg_person_office.country_iso3 IS 'The state whose office it is (ISO alpha-3); null for an international office.';
COMMENT ON COLUMN stg_person_office.office_rule IS 'How the title was mapped: reference_form (a form in offices.csv), reference_tail (its tail for the same organisation) or title (the title without its state).';
COMMENT ON TABLE ref_office IS 'Reference: terms of long-lived offices from sources/reference/offices.csv (SCO Secretaries-General, heads of SCO bodies, heads of state), each with its canonical office. Seeds fact_office_holding.';
COMMENT ON COLUMN ref_office.office_key IS 'Natural key of the office (see stg_person_office.office_key).';
COMMENT ON COLUMN ref_office.office_name IS 'The canonical office, the state left out (President, SCO Secretary-General).';
COMMENT ON COLUMN ref_office.org_name IS 'The organisation of the office; null for a state office.';
COMMENT ON COLUMN ref_office.country_iso3 IS 'The state read from the office''s name (President of the Russian Federation: RUS); null for an international office.';
COMMENT ON COLUMN ref_office.person IS 'The holder''s name as written in offices.csv.';
COMMENT ON COLUMN ref_office.valid_from IS 'First day of the term.';
COMMENT ON COLUMN ref_office.valid_to IS 'Last day of the term (a far date for a term still running).';
COMMENT ON COLUMN ref_office.office_forms IS 'How releases write the office, |-separated; "the SCO Secretary-General" resolves to the holder on the release date.';
COMMENT ON TABLE dim_office IS 'One row per office, a position persons hold over time: the reference offices and every office a release''s title names. National offices are keyed by name and state, international ones by name and organisation.';
COMMENT ON COLUMN dim_office.office_id IS 'Primary key: stable_id(office_key), 16 hex digits.';
COMMENT ON COLUMN dim_office.canonical_name IS 'The office''s name without its state, e.g. Minister of Foreign Affairs, Prime Minister, SCO Secretary-General.';
COMMENT ON COLUMN dim_office.org_id IS 'The organisation the office belongs to (dim_organisation.org_id); null when unknown or not in dim_organisation.';
COMMENT ON COLUMN dim_office.country_iso3 IS 'The state whose office it is (dim_country.iso3); null for an international office.';
COMMENT ON COLUMN dim_office.office_key IS 'The natural key: name|state|organisation.';
COMMENT ON COLUMN dim_office.from_reference IS 'True when offices.csv lists terms of this office.';
COMMENT ON TABLE fact_office_holding IS 'Who held which office when, slowly-changing-dimension style: one row per term. Reference terms keep their dates; holdings seen only in releases run from the first to the last release date that shows them.';
COMMENT ON COLUMN fact_office_holding.holding_id IS 'Primary key: stable_id of person, office and valid_from.';
COMMENT ON COLUMN fact_office_holding.person_id IS 'The holder (dim_person.person_id).';
COMMENT ON COLUMN fact_office_holding.office_id IS 'The office (dim_office.office_id).';
COMMENT ON COLUMN fact_office_holding.valid_from IS 'First day of the term (reference), or the first release date showing the holder in office.';
COMMENT ON COLUMN fact_office_holding.valid_to IS 'Last day of the term (reference), or the last release date showing the holder in office.';
COMMENT ON COLUMN fact_office_holding.is_latest IS 'True for the term of the office that ends last (the current or most recent holder).';
COMMENT ON COLUMN fact_office_holding.source IS 'reference (offices.csv) or releases (seen in releases only).';
COMMENT ON COLUMN fact_office_holding.evidence_release_ids IS 'The releases that show the holder in this office during the term, sorted; empty for a reference term no release shows.';
COMMENT ON COLUMN fact_office_holding.evidence_count IS 'How many releases show the holder in office during the term.';
COMMENT ON COLUMN fact_office_holding.first_seen_date IS 'Publication date of the first release showing the holder in office; null when none.';
COMMENT ON COLUMN fact_office_holding.last_seen_date IS 'Publication date of the last release showing the holder in office; null when none.';
