"""Statements on short strings: cue verbs, subjects, pronouns, quotes and sides."""
from __future__ import annotations

from datetime import date

import pytest

from pipelines.extraction.records import StatementRef
from pipelines.extraction.release import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def statements(extractor: Extractor, text: str) -> tuple[StatementRef, ...]:
    found = extractor.extract(text, date(2021, 4, 15)).statements
    for statement in found:
        assert text[statement.mention.start:statement.mention.end] == statement.mention.text
    return found


def test_pronoun_goes_to_the_last_speaker(extractor: Extractor) -> None:
    found = statements(extractor, "SCO Secretary-General Vladimir Norov noted the risks. He also called for "
                                  "consensus. In addition, he urged the states to act.")
    assert [(s.speaker, s.act_type, s.cue) for s in found] == [
        ("Vladimir Norov", "note", "noted"), ("Vladimir Norov", "call_for", "called for"),
        ("Vladimir Norov", "urge", "urged")]


def test_role_subject_and_quote_attribution(extractor: Extractor) -> None:
    found = statements(extractor, "SCO Secretary-General Rashid Alimov met pupils. \"You are the SCO generation,\" "
                                  "the Secretary-General stressed.")
    assert [(s.speaker, s.act_type) for s in found] == [("Rashid Alimov", "meet"), ("Rashid Alimov", "emphasize")]


def test_cue_inside_a_quotation_is_not_a_statement(extractor: Extractor) -> None:
    found = statements(extractor, "Minister of Foreign Affairs of the Republic of Azerbaijan Elmar Mammadyarov spoke. "
                                  "\"We stressed and noted many things,\" Mr Mammadyarov said.")
    assert [(s.speaker, s.cue) for s in found] == [("Elmar Mammadyarov", "said")]


def test_according_to_and_side_subjects(extractor: Extractor) -> None:
    found = statements(extractor, "President of the Kyrgyz Republic Sadyr Japarov made a statement. According to "
                                  "Sadyr Japarov, trade matters. The Kyrgyz side also intends to build roads.")
    assert [(s.speaker, s.act_type) for s in found] == [("Sadyr Japarov", "state"), ("Sadyr Japarov", "intend")]


def test_sentence_without_a_person_subject_is_skipped(extractor: Extractor) -> None:
    assert statements(extractor, "The leaders of the member states stressed the need for unity.") == ()
