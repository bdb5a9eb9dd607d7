"""Typed records that flow through the extraction library.

Every record is a dataclass (a `Record`), compared and hashed by value, and never changed once built. Every character
offset refers to `ParsedRelease.body_text` (the clean text stored in `dim_release.body_text`), and
`Mention.text == body_text[start:end]` always holds.

The intake records are frozen. The extraction records, built by the hundred for every release, are not: they have an
`__init__` of their own, which mypyc compiles to native code (about 400 instructions for a `Mention`), while the one that
`dataclass` generates runs as interpreted Python, and when frozen sets every field through `object.__setattr__` (about
5,700 instructions). Together that was an eighth of the cost of extraction.
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


@dataclass(init=False, unsafe_hash=True)
class Mention(Record):
    """A span of body_text."""

    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text


@dataclass(init=False, unsafe_hash=True)
class CountryRef(Record):
    iso3: str
    mention: Mention
    rule: str  # e.g. "country_name", "adjective", "inside_org_name"

    def __init__(self, iso3: str, mention: Mention, rule: str) -> None:
        self.iso3 = iso3
        self.mention = mention
        self.rule = rule


@dataclass(init=False, unsafe_hash=True)
class PlaceRef(Record):
    """A named place (city, region, site); a city alone never implies a country."""

    name: str
    country_iso3: str | None  # the place's country from the gazetteer (not a country mention)
    mention: Mention
    rule: str

    def __init__(self, name: str, country_iso3: str | None, mention: Mention, rule: str) -> None:
        self.name = name
        self.country_iso3 = country_iso3
        self.mention = mention
        self.rule = rule


@dataclass(init=False, unsafe_hash=True)
class OrgRef(Record):
    canonical_name: str
    acronym: str | None
    org_type: str  # intergovernmental, national_body, ministry, parliament, company, academic, ngo, other
    country_iso3: str | None  # None for international bodies
    mention: Mention
    rule: str  # "gazetteer", "acronym", "pattern:<name>", "ellipsis", ...
    confidence: float

    def __init__(self, canonical_name: str, acronym: str | None, org_type: str, country_iso3: str | None,
                 mention: Mention, rule: str, confidence: float) -> None:
        self.canonical_name = canonical_name
        self.acronym = acronym
        self.org_type = org_type
        self.country_iso3 = country_iso3
        self.mention = mention
        self.rule = rule
        self.confidence = confidence


@dataclass(init=False, unsafe_hash=True)
class DocumentRef(Record):
    canonical_name: str  # the fullest form as written
    kind: str  # treaty, resolution, declaration, strategy, programme, other
    mention: Mention
    rule: str
    confidence: float

    def __init__(self, canonical_name: str, kind: str, mention: Mention, rule: str, confidence: float) -> None:
        self.canonical_name = canonical_name
        self.kind = kind
        self.mention = mention
        self.rule = rule
        self.confidence = confidence


@dataclass(init=False, unsafe_hash=True)
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

    def __init__(self, canonical_name: str, title: str | None, title_mention: Mention | None, org_name: str | None,
                 country_iso3: str | None, mentions: tuple[Mention, ...], rule: str, confidence: float) -> None:
        self.canonical_name = canonical_name
        self.title = title
        self.title_mention = title_mention
        self.org_name = org_name
        self.country_iso3 = country_iso3
        self.mentions = mentions
        self.rule = rule
        self.confidence = confidence


@dataclass(init=False, unsafe_hash=True)
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

    def __init__(self, kind: str, name: str | None, event_date: date | None, is_virtual: bool | None, place: str | None,
                 mention: Mention, participants: tuple[str, ...], rule: str, confidence: float) -> None:
        self.kind = kind
        self.name = name
        self.event_date = event_date
        self.is_virtual = is_virtual
        self.place = place
        self.mention = mention
        self.participants = participants
        self.rule = rule
        self.confidence = confidence


@dataclass(init=False, unsafe_hash=True)
class StatementRef(Record):
    speaker: str | None  # canonical name of the person, None when not resolved
    org_name: str | None  # canonical organisation speaking, when no person does
    act_type: str  # state, emphasize, note, propose, urge, call_for, praise, ...
    cue: str  # the verb as written, e.g. "stressed"
    mention: Mention  # the sentence
    rule: str
    confidence: float
    cameo_code: str | None = None  # the act type's CAMEO event code (speech_verbs.csv), e.g. "010", "111"

    def __init__(self, speaker: str | None, org_name: str | None, act_type: str, cue: str, mention: Mention, rule: str,
                 confidence: float, cameo_code: str | None = None) -> None:
        self.speaker = speaker
        self.org_name = org_name
        self.act_type = act_type
        self.cue = cue
        self.mention = mention
        self.rule = rule
        self.confidence = confidence
        self.cameo_code = cameo_code


@dataclass(init=False, unsafe_hash=True)
class TopicRef(Record):
    """A sentence about a topic of the taxonomy (topics.csv): the term that matched, and how sure the match is."""

    topic_id: str  # slug of topics.csv, e.g. "terrorism", "drug_trafficking"
    mention: Mention  # the sentence
    matched_term: Mention  # the first best term of the topic in the sentence, e.g. "narcotics"
    rule: str  # "keyword" (unambiguous term), "weak_keyword" (can mean something else), "compound_part" (in "anti-x")
    confidence: float

    def __init__(self, topic_id: str, mention: Mention, matched_term: Mention, rule: str, confidence: float) -> None:
        self.topic_id = topic_id
        self.mention = mention
        self.matched_term = matched_term
        self.rule = rule
        self.confidence = confidence


@dataclass(init=False, unsafe_hash=True)
class ReleaseExtraction(Record):
    persons: tuple[PersonRef, ...]
    organisations: tuple[OrgRef, ...]
    countries: tuple[CountryRef, ...]
    places: tuple[PlaceRef, ...]
    documents: tuple[DocumentRef, ...]
    events: tuple[EventRef, ...]
    statements: tuple[StatementRef, ...]
    topics: tuple[TopicRef, ...] = ()

    def __init__(self, persons: tuple[PersonRef, ...], organisations: tuple[OrgRef, ...],
                 countries: tuple[CountryRef, ...], places: tuple[PlaceRef, ...], documents: tuple[DocumentRef, ...],
                 events: tuple[EventRef, ...], statements: tuple[StatementRef, ...],
                 topics: tuple[TopicRef, ...] = ()) -> None:
        self.persons = persons
        self.organisations = organisations
        self.countries = countries
        self.places = places
        self.documents = documents
        self.events = events
        self.statements = statements
        self.topics = topics