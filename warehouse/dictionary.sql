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
COMMENT ON TABLE dim_person IS 'One row per person across all releases, keyed by the normalised name (case and accents ignored).';
COMMENT ON COLUMN dim_person.person_id IS 'Primary key: stable_id() of the canonical name, 16 hex digits.';
COMMENT ON COLUMN dim_person.canonical_name IS 'The person''s full name (given and family name, no honorifics); the accented spelling wins.';
COMMENT ON COLUMN dim_person.release_count IS 'Number of releases that name the person.';

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
