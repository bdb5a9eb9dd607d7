"""The assembler: one call runs every matcher; offsets hold; output is deterministic."""
from __future__ import annotations

from datetime import date

import pytest

from pipelines.extraction.release import Extractor

TEXT = ("SCO Secretary-General Vladimir Norov meets with Secretary of the CPC Chongqing Municipal Committee Chen "
        "Min'er\n\nOn 24 August 2019, SCO Secretary-General Vladimir Norov held a meeting with Secretary of the CPC "
        "Chongqing Municipal Committee Chen Min'er in Chongqing.\n\nChen Min'er said that the city was interested "
        "in ties with the SCO countries. Mr Norov thanked his host.")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def test_every_matcher_runs_and_offsets_hold(extractor: Extractor) -> None:
    result = extractor.extract(TEXT, date(2019, 8, 24))
    assert {p.canonical_name for p in result.persons} == {"Vladimir Norov", "Chen Min'er"}
    assert result.events and result.events[0].kind == "meeting"
    assert {s.speaker for s in result.statements} == {"Vladimir Norov", "Chen Min'er"}
    assert any(o.canonical_name == "Shanghai Cooperation Organisation" for o in result.organisations)
    mentions = [m for p in result.persons for m in p.mentions] + [e.mention for e in result.events] + [
        s.mention for s in result.statements] + [o.mention for o in result.organisations]
    for mention in mentions:
        assert TEXT[mention.start:mention.end] == mention.text


def test_output_is_deterministic(extractor: Extractor) -> None:
    assert extractor.extract(TEXT, date(2019, 8, 24)) == extractor.extract(TEXT, date(2019, 8, 24))


def test_statement_speakers_and_event_participants_are_persons(extractor: Extractor) -> None:
    result = extractor.extract(TEXT, date(2019, 8, 24))
    names = {p.canonical_name for p in result.persons}
    assert {s.speaker for s in result.statements if s.speaker} <= names
    assert {n for e in result.events for n in e.participants} <= names


def test_empty_and_personless_text(extractor: Extractor) -> None:
    assert extractor.extract("", None).persons == ()
    result = extractor.extract("The member states discussed cooperation.", None)
    assert result.persons == () and result.statements == ()
