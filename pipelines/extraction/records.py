"""Typed records that flow through the extraction library.

Every record is a frozen dataclass (a `Record`). Every character offset refers to
`ParsedRelease.body_text` (the clean text stored in `dim_release.body_text`), and
`Mention.text == body_text[start:end]` always holds.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Literal

IntakeStatus = Literal["parsed", "rejected"]
SourceFormat = Literal["text", "html", "json"]


class Record:
    """The base of every record: pickled as its class and field values, since the compiled (mypyc) classes cannot be
    restored field by field the way pickle does by default (their fields are frozen)."""

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), tuple(getattr(self, field.name) for field in fields(self))  # type: ignore[arg-type]


@dataclass(frozen=True)
class SourceDocument(Record):
    """A decoded input file: text or HTML markup plus metadata found around it."""

    format: SourceFormat  # how `content` is to be read: plain text or HTML markup
    content: str  # decoded characters (for JSON: the `text` or `html` field)
    encoding: str  # the encoding the bytes were decoded with, e.g. "utf-8", "cp1251"
    title: str | None = None  # from JSON metadata
    url: str | None = None  # from JSON metadata
    published: date | None = None  # from JSON metadata
    language: str | None = None  # from JSON metadata


@dataclass(frozen=True)
class IntakeResult(Record):
    """What intake made of one input: a document, or a specific rejection reason."""

    status: IntakeStatus
    reason: str | None  # set when rejected, e.g. "empty file", "malformed JSON: ..."
    document: SourceDocument | None  # set when parsed


@dataclass(frozen=True)
class ParsedRelease(Record):
    """The article of one release as clean text, with what the page says about it."""

    title: str | None
    published_date: date | None
    date_source: str  # "metadata", "date_line", "dateline", "lead", "none"
    language: str  # ISO 639-1 code, "und" when unknown
    body_text: str  # title + dateline + paragraphs, paragraphs separated by "\n\n"


@dataclass(frozen=True)
class Mention(Record):
    """A span of body_text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CountryRef(Record):
    iso3: str
    mention: Mention
    rule: str  # e.g. "country_name", "adjective", "inside_org_name"


@dataclass(frozen=True)
class PlaceRef(Record):
    """A named place (city, region, site); a city alone never implies a country."""

    name: str
    country_iso3: str | None  # the place's country from the gazetteer (not a country mention)
    mention: Mention
    rule: str


@dataclass(frozen=True)
class OrgRef(Record):
    canonical_name: str
    acronym: str | None
    org_type: str  # intergovernmental, national_body, ministry, parliament, company, academic, ngo, other
    country_iso3: str | None  # None for international bodies
    mention: Mention
    rule: str  # "gazetteer", "acronym", "pattern:<name>", "ellipsis", ...
    confidence: float


@dataclass(frozen=True)
class DocumentRef(Record):
    canonical_name: str  # the fullest form as written
    kind: str  # treaty, resolution, declaration, strategy, programme, other
    mention: Mention
    rule: str
    confidence: float


@dataclass(frozen=True)
class PersonRef(Record):
    """One person named in a release, with every span that refers to them."""

    canonical_name: str  # given name + family name, no honorifics
    title: str | None  # the office exactly as written at the fullest mention
    title_mention: Mention | None
    org_name: str | None  # canonical name of the organisation of the principal office
    country_iso3: str | None  # the state the person represents
    mentions: tuple[Mention, ...]  # full name, "Mr X", surname, "the Secretary-General", ...
    rule: str
    confidence: float


@dataclass(frozen=True)
class EventRef(Record):
    kind: str  # meeting, conference, summit, ministerial, video_address, visit, signing,
    # exercise, forum, exhibition, cultural, statement, other
    name: str | None
    event_date: date | None
    is_virtual: bool | None
    place: str | None
    mention: Mention  # the sentence that reports the event
    participants: tuple[str, ...]  # canonical names of persons taking part
    rule: str
    confidence: float


@dataclass(frozen=True)
class StatementRef(Record):
    speaker: str | None  # canonical name of the person, None when not resolved
    org_name: str | None  # canonical organisation speaking, when no person does
    act_type: str  # state, emphasize, note, propose, urge, call_for, praise, ...
    cue: str  # the verb as written, e.g. "stressed"
    mention: Mention  # the sentence
    rule: str
    confidence: float
    cameo_code: str | None = None  # the act type's CAMEO event code (speech_verbs.csv), e.g. "010", "111"


@dataclass(frozen=True)
class TopicRef(Record):
    """A sentence about a topic of the taxonomy (topics.csv): the term that matched, and how sure the match is."""

    topic_id: str  # slug of topics.csv, e.g. "terrorism", "drug_trafficking"
    mention: Mention  # the sentence
    matched_term: Mention  # the first best term of the topic in the sentence, e.g. "narcotics"
    rule: str  # "keyword" (unambiguous term), "weak_keyword" (can mean something else), "compound_part" (in "anti-x")
    confidence: float


@dataclass(frozen=True)
class ReleaseExtraction(Record):
    persons: tuple[PersonRef, ...]
    organisations: tuple[OrgRef, ...]
    countries: tuple[CountryRef, ...]
    places: tuple[PlaceRef, ...]
    documents: tuple[DocumentRef, ...]
    events: tuple[EventRef, ...]
    statements: tuple[StatementRef, ...]
    topics: tuple[TopicRef, ...] = ()
