"""Properties of the extraction library on generated text: it never crashes, and every offset points at its text.

Two generators: arbitrary Unicode (control, invisible and astral characters included), and genre-like sentences
assembled from the reference data's offices, names, countries, organisations and places, so the matchers' deep
paths run on inputs that nobody wrote by hand. Example counts stay modest to keep the suite fast.
"""
from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from pipelines.extraction.records import Mention, ReleaseExtraction
from pipelines.extraction.reference import load_rows
from pipelines.extraction.release import Extractor

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ODD_CHARACTERS = ["\u00a0", "\u200b", "\u200d", "\ufeff", "\u2060", "\u202f", "\t", "\r\n", "\n\n", "’", "–", "…",
                  "\U0001f600", "\u0301", "İ", "ß", "ﬁ"]


@cache
def extractor() -> Extractor:
    return Extractor.load()


def _column(file: str, column: str) -> list[str]:
    return sorted({row[column] for row in load_rows(file) if row.get(column)})


def _aliases(file: str, column: str) -> list[str]:
    return sorted({alias for row in load_rows(file) for alias in row.get(column, "").split("|") if alias})


OFFICES = st.sampled_from(_aliases("offices.csv", "office_forms") + _column("title_words.csv", "phrase"))
PERSONS = st.sampled_from(_column("persons.csv", "canonical_name") + _aliases("persons.csv", "aliases"))
COUNTRIES = st.sampled_from(_column("countries.csv", "name") + _aliases("countries.csv", "adjectives"))
ORGANISATIONS = st.sampled_from(_column("organisations.csv", "canonical_name") + _column("organisations.csv", "acronym"))
PLACES = st.sampled_from(_column("places.csv", "name"))
VERBS = st.sampled_from(_column("speech_verbs.csv", "cue"))
EVENTS = st.sampled_from(_column("event_kinds.csv", "phrase"))
DATES = st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(1, 31), st.sampled_from(MONTHS), st.integers(1990, 2030))
WORDS = st.sampled_from(["the", "of", "and", "met", "with", "Mr", "Ms", "the Secretary-General", "on", "in", ",",
                         ".", "said", "that", "Republic", "Minister", "Ambassador", "Council", "SCO", "UN", "Head"])


def _sentence() -> st.SearchStrategy[str]:
    lead = st.builds(
        lambda when, office, person, office2, country, person2, place: (
            f"On {when}, {office} {person} met {office2} of {country} {person2} in {place}."
        ),
        DATES, OFFICES, PERSONS, OFFICES, COUNTRIES, PERSONS, PLACES,
    )
    speech = st.builds(
        lambda person, verb, org, country: f"{person} {verb} that the {org} and {country} would cooperate.",
        PERSONS, VERBS, ORGANISATIONS, COUNTRIES,
    )
    event = st.builds(
        lambda org, event, place, when: f"The {org} {event} was held in {place} on {when}.",
        ORGANISATIONS, EVENTS, PLACES, DATES,
    )
    jumble = st.lists(st.one_of(WORDS, OFFICES, PERSONS, COUNTRIES, ORGANISATIONS, PLACES), max_size=25).map(" ".join)
    return st.one_of(lead, speech, event, jumble)


GENRE_TEXT = st.builds(
    lambda title, sentences, glue: title + "\n\n" + glue.join(sentences),
    st.one_of(st.just(""), _sentence()),
    st.lists(_sentence(), min_size=1, max_size=8),
    st.sampled_from([" ", "\n\n", " \u00a0", "\u200b "]),
)
SPICED_TEXT = st.lists(st.one_of(_sentence(), st.sampled_from(ODD_CHARACTERS), st.text(max_size=8)), max_size=12).map(
    "".join
)
PUBLISHED = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31)))


def _all_mentions(result: ReleaseExtraction) -> list[Mention]:
    mentions: list[Mention] = []
    for person in result.persons:
        mentions.extend(person.mentions)
        if person.title_mention is not None:
            mentions.append(person.title_mention)
    mentions += [item.mention for item in (*result.organisations, *result.countries, *result.places)]
    mentions += [item.mention for item in (*result.documents, *result.events, *result.statements)]
    return mentions


def _assert_offsets_valid(text: str, result: ReleaseExtraction) -> None:
    for mention in _all_mentions(result):
        assert 0 <= mention.start < mention.end <= len(text), mention
        assert text[mention.start : mention.end] == mention.text, mention


@SETTINGS
@given(text=st.text(max_size=400), published=PUBLISHED)
def test_arbitrary_text_never_crashes_and_offsets_hold(text: str, published: date | None) -> None:
    _assert_offsets_valid(text, extractor().extract(text, published))


@SETTINGS
@given(text=GENRE_TEXT, published=PUBLISHED)
def test_genre_like_text_never_crashes_and_offsets_hold(text: str, published: date | None) -> None:
    _assert_offsets_valid(text, extractor().extract(text, published))


@SETTINGS
@given(text=SPICED_TEXT, published=PUBLISHED)
def test_genre_text_with_odd_characters_keeps_offsets(text: str, published: date | None) -> None:
    _assert_offsets_valid(text, extractor().extract(text, published))


def test_the_genre_generator_reaches_the_matchers() -> None:
    """Guard against a vacuous property: generated genre text does yield persons, countries and organisations."""

    def rich(text: str) -> bool:
        result = extractor().extract(text, None)
        return bool(result.persons and result.countries and result.organisations)

    found = find(GENRE_TEXT, rich, settings=settings(max_examples=200, database=None, phases=[Phase.generate]))
    assert rich(found)
