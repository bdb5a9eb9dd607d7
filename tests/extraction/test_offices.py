"""Titles as written mapped to canonical offices; reference terms of office with their offices."""
from __future__ import annotations

from datetime import date

import pytest

from pipelines.extraction.offices import OfficeResolver, default_resolver

SCO = "Shanghai Cooperation Organisation"


@pytest.fixture(scope="module")
def resolver() -> OfficeResolver:
    return default_resolver()


@pytest.mark.parametrize(
    ("title", "org", "country", "office", "iso3"),
    [
        ("Minister of Foreign Affairs of the Republic of Kazakhstan", None, "KAZ", "Minister of Foreign Affairs", "KAZ"),
        ("Kazakh Minister of Foreign Affairs", None, "KAZ", "Minister of Foreign Affairs", "KAZ"),
        ("Kazakhstan's Minister of Foreign Affairs", None, "KAZ", "Minister of Foreign Affairs", "KAZ"),
        ("Prime Minister of Mongolia", None, "MNG", "Prime Minister", "MNG"),
        ("Speaker of the Senate of the Oliy Majlis of the Republic of Uzbekistan", None, "UZB",
         "Speaker of the Senate of the Oliy Majlis", "UZB"),
        ("President of the Republic of Azerbaijan", None, "AZE", "President", "AZE"),
        ("Russian President", None, "RUS", "President", "RUS"),  # a reference form: the state read from the office
        ("President of the Kyrgyz Republic", None, None, "President", "KGZ"),
    ],
)
def test_national_offices_keep_the_state_apart(resolver, title, org, country, office, iso3) -> None:
    match = resolver.resolve(title, org, country)
    assert (match.office, match.country_iso3) == (office, iso3)


def test_one_office_of_one_state_has_one_key(resolver) -> None:
    keys = {resolver.resolve(t, None, "KAZ").office_key for t in (
        "Minister of Foreign Affairs of the Republic of Kazakhstan", "Minister of Foreign Affairs of Kazakhstan",
        "Kazakh Minister of Foreign Affairs", "Foreign Minister of the Republic of Kazakhstan")}
    assert len(keys) == 1
    assert resolver.resolve("Minister of Foreign Affairs of the Russian Federation", None, "RUS").office_key not in keys


@pytest.mark.parametrize(
    ("title", "rule"),
    [
        ("SCO Secretary-General", "reference_form"),
        ("Secretary-General of the Shanghai Cooperation Organisation", "reference_form"),
        ("SCO General-Secretary", "reference_form"),
        ("Secretary-General", "reference_tail"),
    ],
)
def test_sco_secretary_general_forms_are_one_office(resolver, title, rule) -> None:
    match = resolver.resolve(title, SCO, None)
    assert (match.office, match.org_name, match.country_iso3, match.rule) == ("SCO Secretary-General", SCO, None, rule)


def test_international_offices_are_keyed_by_organisation(resolver) -> None:
    sco = resolver.resolve("Deputy Secretary-General", SCO, None)
    un = resolver.resolve("Deputy Secretary-General", "United Nations", None)
    assert sco.office == un.office == "Deputy Secretary-General"
    assert sco.office_key != un.office_key


def test_no_title_no_office(resolver) -> None:
    assert resolver.resolve(None) is None
    assert resolver.resolve("  ") is None


def test_reference_holdings_carry_their_office(resolver) -> None:
    holdings = resolver.reference_holdings()
    norov = next(h for h in holdings if h.person == "Vladimir Norov")
    assert norov.office.office == "SCO Secretary-General" and norov.office.org_name == SCO
    assert norov.valid_from == date(2019, 1, 1) and norov.valid_to == date(2021, 12, 31)
    putin = [h for h in holdings if h.person == "Vladimir Putin"]
    assert {(h.office.office, h.office.country_iso3) for h in putin} == {("President", "RUS")}
    assert len(putin) == 2  # two terms, one office


def test_compound_title_holds_each_office(resolver) -> None:
    title = ("member of the Political Bureau of the 19th Central Committee of the Communist Party of China and "
             "Secretary of the CPC Chongqing Municipal Committee")
    org = "Chongqing Municipal Committee of the Communist Party of China"
    offices = resolver.resolve_all(title, org, "CHN")
    assert [(m.office, m.org_name) for m in offices] == [
        ("Member of the Political Bureau of the 19th Central Committee of the Communist Party", None),
        ("Secretary of the CPC Chongqing Municipal Committee", org),  # the principal office takes the organisation
    ]
    plenipotentiary = resolver.resolve_all("Ambassador Extraordinary and Plenipotentiary of the Kingdom of Cambodia",
                                           None, "KHM")
    assert [m.office for m in plenipotentiary] == ["Ambassador Extraordinary and Plenipotentiary"]
    assert resolver.resolve_all("SCO Secretary-General", SCO) == (resolver.resolve("SCO Secretary-General", SCO),)
    assert resolver.resolve_all(None) == ()


def test_unnamed_office_of_the_release_resolves_to_its_holder_on_the_date() -> None:
    from pipelines.extraction.release import Extractor

    text = ("SCO Secretary-General addresses a conference\n\nOn 15 April 2021, the SCO Secretary-General took part "
            "in a conference of the Shanghai Cooperation Organisation. The Secretary-General noted the threats of "
            "terrorism. He stressed the need for cooperation.")
    extraction = Extractor.load().extract(text, date(2021, 4, 15))
    (holder,) = extraction.persons
    assert (holder.canonical_name, holder.title, holder.rule) == ("Vladimir Norov", "SCO Secretary-General",
                                                                  "office_holder")
    assert holder.confidence < 0.7  # inferred from the date, not read: flagged
    assert [(s.speaker, s.cue) for s in extraction.statements] == [("Vladimir Norov", "noted"),
                                                                   ("Vladimir Norov", "stressed")]
    later = Extractor.load().extract(text.replace("2021", "2023"), date(2023, 4, 15))
    assert [p.canonical_name for p in later.persons] == ["Zhang Ming"]
    other_body = Extractor.load().extract(
        "Meeting\n\nOn 15 April 2021, the SCO Secretary-General met the UN Secretary-General in Geneva.",
        date(2021, 4, 15))
    assert "António Guterres" not in {p.canonical_name for p in other_body.persons}  # not the release's own body
