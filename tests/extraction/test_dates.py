"""Date mentions in release text: the forms the genre writes, offsets, ranges and year-less dates."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.extraction.dates import DateMention, find_date_mentions, parse_date_string, resolve_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 15 April 2021 the SCO", (2021, 4, 15)),
        ("15-16 April 2021", (2021, 4, 15)),
        ("April 15, 2021", (2021, 4, 15)),
        ("15.04.2021", (2021, 4, 15)),
        ("2021-04-15", (2021, 4, 15)),
        ("2021-04-15T10:30:00+08:00", (2021, 4, 15)),
        ("Sept. 3, 2020", (2020, 9, 3)),
        ("3 Sept 2020", (2020, 9, 3)),
        ("1st of May 2020", (2020, 5, 1)),
        ("MARCH 14, 2016", (2016, 3, 14)),
        ("on 13 November", (None, 11, 13)),
        ("in July 2015", (2015, 7, None)),
        ("Dec 5, 2019", (2019, 12, 5)),
    ],
)
def test_each_written_form_gives_year_month_day(text: str, expected: tuple[int | None, int, int | None]) -> None:
    mentions = find_date_mentions(text)
    assert len(mentions) == 1
    assert (mentions[0].year, mentions[0].month, mentions[0].day) == expected


def test_mentions_carry_exact_offsets() -> None:
    text = "On 15 April 2021 the meeting, and on 16 May 2021 the summit."
    for mention in find_date_mentions(text):
        assert text[mention.start : mention.end] == mention.text
    assert [m.text for m in find_date_mentions(text)] == ["15 April 2021", "16 May 2021"]


def test_a_sentence_full_stop_is_not_part_of_the_month() -> None:
    assert find_date_mentions("runs from 20 to 24 September.")[0].text == "20 to 24 September"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("15-16 April 2021", (4, 15), (4, 16)),
        ("from 20 to 24 September", (9, 20), (9, 24)),
        ("on 8–9 June", (6, 8), (6, 9)),
        ("30 June - 2 July 2021", (6, 30), (7, 2)),
        ("April 15-17, 2021", (4, 15), (4, 17)),
    ],
)
def test_ranges_give_first_and_last_day(text: str, first: tuple[int, int], last: tuple[int, int]) -> None:
    mention = find_date_mentions(text)[0]
    assert (mention.month, mention.day) == first
    assert (mention.last_month, mention.last_day) == last


def test_a_range_across_new_year_starts_in_the_previous_year() -> None:
    assert find_date_mentions("30 December - 2 January 2022")[0].date == date(2021, 12, 30)


@pytest.mark.parametrize(
    "text",
    ["you may 5 times", "5,500 troops in March", "the 2019-2021 programme", "31 February", "No. 55", "Mark 12"],
)
def test_non_dates_are_not_mentions(text: str) -> None:
    assert [m for m in find_date_mentions(text) if m.day is not None] == []


def test_month_day_order_is_swapped_only_when_it_must_be() -> None:
    assert parse_date_string("04/15/2021") == date(2021, 4, 15)
    assert parse_date_string("05.04.2021") == date(2021, 4, 5)


def test_parse_date_string_takes_the_first_complete_date() -> None:
    assert parse_date_string("Published: 14 March 2016, 10:35") == date(2016, 3, 14)
    assert parse_date_string("in July 2015 and on 3 May 2016") == date(2016, 5, 3)
    assert parse_date_string("no date here") is None
    assert parse_date_string("") is None


def test_date_property_needs_year_and_day() -> None:
    assert DateMention(0, 11, "13 November", None, 11, 13).date is None
    assert DateMention(0, 9, "July 2015", 2015, 7, None).date is None
    assert DateMention(0, 11, "13 November", None, 11, 13).resolved(2020) == date(2020, 11, 13)


def test_year_less_mention_takes_the_nearest_dated_mention() -> None:
    text = "The forum of 2 May 2019 was recalled. On 13 November, the Council met. It meets again on 1 March 2021."
    mention = next(m for m in find_date_mentions(text) if m.year is None)
    assert resolve_year(mention, text) == 2019


def test_year_less_mention_falls_back_to_a_bare_year_then_the_default() -> None:
    text = "On 13 November, the Council reviewed its work in 2022."
    mention = find_date_mentions(text)[0]
    assert resolve_year(mention, text) == 2022
    assert resolve_year(mention, "On 13 November, it met.", default_year=2020) == 2020
    assert resolve_year(mention, "On 13 November, it met.") is None
