"""Topics per sentence from the taxonomy file: whole words, longest term, plural and compound forms, confidence."""
from __future__ import annotations

import re
from datetime import date

import pytest

from pipelines.extraction.reference import load_rows, split_list
from pipelines.extraction.release import Extractor
from pipelines.extraction.topics import KEYWORD_CONFIDENCE, WEAK_CONFIDENCE, TopicMatcher

LOW_CONFIDENCE_THRESHOLD = 0.6  # low_confidence_threshold() of warehouse/schema/macros.sql


@pytest.fixture(scope="module")
def matcher() -> TopicMatcher:
    return TopicMatcher.load()


def topics(matcher: TopicMatcher, text: str) -> list[tuple[str, str, str]]:
    """(topic_id, matched term, rule) of every TopicRef, after checking its spans against the text."""
    found = matcher.find(text)
    for ref in found:
        assert text[ref.mention.start:ref.mention.end] == ref.mention.text
        assert text[ref.matched_term.start:ref.matched_term.end] == ref.matched_term.text
        assert ref.mention.start <= ref.matched_term.start < ref.matched_term.end <= ref.mention.end
    return [(ref.topic_id, ref.matched_term.text, ref.rule) for ref in found]


def test_taxonomy_file_is_well_formed() -> None:
    rows = load_rows("topics.csv")
    ids = [row["topic_id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z_]*", topic_id) for topic_id in ids)
    assert {row["parent"] for row in rows if row["parent"]} <= set(ids)
    assert all(row["name"] and row["description"] and split_list(row["keywords"]) for row in rows)
    for row in rows:
        strong = {term.lower() for term in split_list(row["keywords"])}
        assert not strong & {term.lower() for term in split_list(row["weak_keywords"])}, row["topic_id"]


def test_taxonomy_covers_the_genre() -> None:
    ids = {row["topic_id"] for row in load_rows("topics.csv")}
    assert {"terrorism", "extremism", "separatism", "drug_trafficking", "organised_crime", "information_security",
            "trade", "transport", "energy", "health", "education_youth", "culture_tourism", "environment",
            "afghanistan", "regional_security", "military_cooperation", "emergencies", "finance", "agriculture",
            "science_technology", "media", "sport", "legal_cooperation", "border_security"} <= ids


def test_whole_words_only(matcher: TopicMatcher) -> None:
    assert topics(matcher, "The drugstore sold sportswear and artefacts.") == []
    assert topics(matcher, "Terrorism remains a threat.") == [("terrorism", "Terrorism", "keyword")]


def test_longest_term_wins_and_plurals_match(matcher: TopicMatcher) -> None:
    found = topics(matcher, "They discussed illicit drug trafficking and terrorists.")
    assert found == [("drug_trafficking", "illicit drug trafficking", "keyword"),
                     ("terrorism", "terrorists", "keyword")]
    assert topics(matcher, "Both economies grew.") == [("economy", "economies", "keyword")]


def test_one_term_can_name_several_topics(matcher: TopicMatcher) -> None:
    assert sorted(topic for topic, _, _ in topics(matcher, "They fight the three evils.")) == [
        "extremism", "separatism", "terrorism"]


def test_part_of_a_hyphenated_word(matcher: TopicMatcher) -> None:
    [ref] = matcher.find("An anti-extremist campaign began.")
    assert (ref.topic_id, ref.matched_term.text, ref.rule) == ("extremism", "anti-extremist", "compound_part")
    assert WEAK_CONFIDENCE < ref.confidence < KEYWORD_CONFIDENCE


def test_one_row_per_sentence_and_topic_with_its_best_term(matcher: TopicMatcher) -> None:
    text = "Security matters. Security and regional security were discussed, and security again.\n\nCOVID-19 hit."
    found = matcher.find(text)
    assert [(ref.mention.text, ref.topic_id, ref.matched_term.text, ref.rule) for ref in found] == [
        ("Security matters.", "regional_security", "Security", "weak_keyword"),
        ("Security and regional security were discussed, and security again.", "regional_security",
         "regional security", "keyword"),
        ("COVID-19 hit.", "health", "COVID-19", "keyword"),
    ]
    assert found[0].confidence == WEAK_CONFIDENCE < LOW_CONFIDENCE_THRESHOLD <= found[1].confidence


def test_case_is_ignored(matcher: TopicMatcher) -> None:
    assert topics(matcher, "covid-19 and AFGHANISTAN") == [
        ("health", "covid-19", "keyword"), ("afghanistan", "AFGHANISTAN", "keyword")]


def test_release_extraction_carries_topics() -> None:
    text = ("SCO Secretary-General Vladimir Norov met students.\n\n"
            "He stressed cooperation against drug trafficking and in energy.")
    extraction = Extractor.load().extract(text, date(2021, 4, 15))
    assert {(ref.topic_id, ref.matched_term.text) for ref in extraction.topics} >= {
        ("drug_trafficking", "drug trafficking"), ("energy", "energy"), ("education_youth", "students")}
    assert all(ref.mention.text == text[ref.mention.start:ref.mention.end] for ref in extraction.topics)


def test_text_without_topics(matcher: TopicMatcher) -> None:
    assert matcher.find("") == ()
    assert matcher.find("The meeting took place on Monday.") == ()


def test_first_word_of_a_longer_term_at_the_end_of_the_text(matcher: TopicMatcher) -> None:
    """"press" starts "press service" too: a text ending on it must not read past its last token."""
    refs = matcher.find("PRESS")
    assert [ref.matched_term.text for ref in refs] == ["PRESS"]
