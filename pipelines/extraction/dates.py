"""Date mentions in English release text, with char offsets, for the published date and for event dates.

Releases write dates as "15 April 2021", "15-16 April 2021", "20 to 24 September", "April 15, 2021",
"15.04.2021", "2021-04-15", "in July 2015" and, year-less, "On 13 November". A mention keeps what the text
says and no more: the year is None when the text leaves it out, the day is None for "July 2015".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


# Month names are matched capitalised or in capitals only: "may" and "march" are also verbs. Only abbreviations
# take a period ("Sept."), so a sentence's full stop after "24 September." stays outside the mention.
# Every alternative starts with a literal letter, so the regex engine skips straight to a month's first letter.
def _alternatives(names: list[str], suffix: str) -> str:
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(alternative + suffix for name in ordered for alternative in (name.capitalize(), name.upper()))


_FULL_NAMES = [name for name in MONTHS if name == "may" or (len(name) > 3 and name != "sept")]
_ABBREVIATIONS = [name for name in MONTHS if name not in _FULL_NAMES]
_MONTH = "(?:" + _alternatives(_FULL_NAMES, r"\b") + "|" + _alternatives(_ABBREVIATIONS, r"\b\.?") + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d\w])"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)(?!\d)"
_DASH = r"\s*(?:-|–|—)\s*|\s+(?:to|until|till|and)\s+"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 30 June - 2 July 2021
    (
        "dmy_cross_month",
        re.compile(
            rf"(?<![\d.])(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})(?:{_DASH})"
            rf"(?P<last_day>{_DAY})\s+(?:of\s+)?(?P<last_month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?"
        ),
    ),
    # 15 April 2021, 15-16 April 2021, 20 to 24 September, 13 November
    (
        "dmy",
        re.compile(
            rf"(?<![\d.])(?P<day>{_DAY})(?:(?:{_DASH})(?P<last_day>{_DAY}))?\s+(?:of\s+)?(?P<month>{_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?"
        ),
    ),
    # April 15, 2021, April 15-16, 2021, April 15
    (
        "mdy",
        re.compile(
            rf"(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:(?:{_DASH})(?P<last_day>{_DAY}))?(?:,?\s+(?P<year>{_YEAR}))?"
        ),
    ),
    # July 2015
    ("my", re.compile(rf"(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})")),
    # 2021-04-15, 2021-04-15T10:00
    ("iso", re.compile(r"(?<![\d.\-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d\-])")),
    # 15.04.2021, 15/04/2021
    (
        "numeric",
        re.compile(r"(?<![\d.\-/])(?P<day>\d{1,2})(?P<sep>[./])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d])"),
    ),
)


@dataclass(frozen=True)
class DateMention:
    """A date as written at `text[start:end]`; `last_month`/`last_day` end a range ("15-16 April": last_day 16)."""

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int | None
    last_month: int | None = None
    last_day: int | None = None

    @property
    def date(self) -> datetime.date | None:
        """The (first) day as a date, when the text gives year, month and day."""
        return self.resolved(self.year) if self.year is not None else None

    def resolved(self, year: int) -> datetime.date | None:
        """The (first) day in `year` when the mention gives no year of its own; None without a day."""
        return _safe_date(self.year if self.year is not None else year, self.month, self.day)


def _safe_date(year: int, month: int, day: int | None) -> date | None:
    if day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


_NON_DIGITS = re.compile(r"\D")


def _number(text: str | None) -> int | None:
    return int(_NON_DIGITS.sub("", text)) if text else None


def _month(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else MONTHS.get(text.rstrip(".").lower())


# The fields of a DateMention, in order: a mention that overlaps a longer one is dropped before it is built.
_Fields = tuple[int, int, str, int | None, int, int | None, int | None, int | None]


def _fields(kind: str, match: re.Match[str]) -> _Fields | None:
    groups = match.groupdict()
    year, month, day = _number(groups.get("year")), _month(groups.get("month")), _number(groups.get("day"))
    last_day, last_month = _number(groups.get("last_day")), _month(groups.get("last_month"))
    if kind == "numeric" and month is not None and day is not None and month > 12 >= day:
        day, month = month, day  # 04/15/2021 written month-first
    if month is None or not 1 <= month <= 12:
        return None
    if last_day is not None and last_month is None:
        if last_day <= (day or 0):
            return None  # "15-3 April" is not a range
        last_month = month
    if kind == "dmy_cross_month" and year is not None and last_month is not None and last_month < month:
        year -= 1  # "30 December - 2 January 2022" starts in 2021
    if day is not None and _safe_date(year or 2000, month, day) is None:
        return None
    if year is not None and not 1800 <= year <= 2199:
        return None
    return match.start(), match.end(), match.group(0), year, month, day, last_month, last_day


# Patterns whose match starts with the first digit of a run of digits (they open with a look-behind, which
# keeps the regex engine from skipping ahead on its own), by the lengths such a run can have (a day has one or
# two digits, an ISO date opens with four) and the characters that can follow the run ("" for any).
_DIGIT_LED = {"dmy_cross_month": ((1, 2), ""), "dmy": ((1, 2), ""), "iso": ((4,), "-"), "numeric": ((1, 2), "./")}
_MONTH_LED = frozenset({"mdy", "my"})  # patterns whose match starts with a month name
# `\d\d*`, not `\d+`: a pattern that opens with a single class lets the engine skip ahead to it (same runs).
_DIGITS = re.compile(r"\d\d*")
_ASCII_DIGITS = bytes(ord("0") if byte in b"0123456789" else ord(" ") for byte in range(256))  # others: spaces
_MONTH_NAME = re.compile(_MONTH)
_LONGEST_MONTH = 9  # characters of the longest month name ("September"; "Sept." has 5)


def _digit_runs(text: str) -> list[tuple[int, int]]:
    """The (start, stop) of every run of digits (`_DIGITS`). The regex engine takes ~90 instructions a character to
    look for them; an ASCII text is scanned as bytes with only the digits left, by `bytes.find`, many times faster."""
    if not text.isascii():
        return list(map(re.Match.span, _DIGITS.finditer(text)))
    digits = text.encode("ascii").translate(_ASCII_DIGITS)
    runs = []
    start = digits.find(b"0")
    while start >= 0:
        stop = digits.find(b" ", start)
        stop = len(digits) if stop < 0 else stop
        runs.append((start, stop))
        start = digits.find(b"0", stop)
    return runs


def _month_starts(text: str, digit_runs: list[tuple[int, int]]) -> list[int]:
    """Where a month name that can open a month-led date ("April 15", "July, 2015") starts, in order.

    Such a name ends right before the whitespace (and comma) in front of a run of digits, so only the few characters
    before each run are searched: the regex engine is slow over the whole text. No month name begins inside another
    one, so `finditer` misses none there."""
    starts: set[int] = set()
    for start, _stop in digit_runs:
        end = start
        while end > 0 and text[end - 1].isspace():  # `\s`
            end -= 1
        if end == start:
            continue  # a month-led date has whitespace before its digits
        if text[end - 1:end] == ",":
            end -= 1
        starts.update(map(re.Match.start, _MONTH_NAME.finditer(text, max(0, end - _LONGEST_MONTH), end)))
    return sorted(starts)


def _finditer(kind: str, pattern: re.Pattern[str], text: str, digit_runs: list[tuple[int, int]],
              month_starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where a match can start: at a month name or at a run of digits of the
    pattern's length (the regex engine cannot skip ahead to either by itself)."""
    end = 0
    if kind in _MONTH_LED:
        for start in month_starts:
            if start >= end and (match := pattern.match(text, start)):
                yield match
                end = match.end()
        return
    lengths, followers = _DIGIT_LED[kind]
    for start, stop in digit_runs:
        if start < end or stop - start not in lengths or stop == len(text):
            continue  # every digit-led date goes on after its first run of digits
        if (not followers or text[stop] in followers) and (match := pattern.match(text, start)):
            yield match
            end = match.end()


def find_date_mentions(text: str) -> list[DateMention]:
    """Every date mention in `text`, in order; where patterns overlap the longest mention wins."""
    kept: list[DateMention] = []
    digit_runs = _digit_runs(text)
    if not digit_runs:
        return kept  # every date has a day or a year
    month_starts = _month_starts(text, digit_runs)
    found: list[_Fields] = []
    for kind, pattern in _PATTERNS:
        for match in _finditer(kind, pattern, text, digit_runs, month_starts):
            fields = _fields(kind, match)
            if fields is not None:
                found.append(fields)
    found.sort(key=lambda fields: (fields[0], fields[0] - fields[1]))  # by start, the longest first
    for fields in found:
        if kept and fields[0] < kept[-1].end:
            continue
        kept.append(DateMention(*fields))
    return kept


def parse_date_string(text: str) -> date | None:
    """The first complete date (year, month and day) written in `text`, e.g. a date line or a metadata value."""
    for mention in find_date_mentions(text):
        if mention.date is not None:
            return mention.date
    return None


_BARE_YEAR = re.compile(rf"(?<![\d\-./])(?P<year>{_YEAR})")


def resolve_year(mention: DateMention, text: str, default_year: int | None = None) -> int | None:
    """The year for a year-less mention: the year of the nearest dated mention in `text`, else of the nearest bare
    year ("in 2022"), else `default_year` (e.g. from metadata)."""
    if mention.year is not None:
        return mention.year
    dated = [(abs(other.start - mention.start), other.year) for other in find_date_mentions(text) if other.year]
    if dated:
        return min(dated)[1]
    bare = [(abs(m.start() - mention.start), int(m.group("year"))) for m in _BARE_YEAR.finditer(text)]
    return min(bare)[1] if bare else default_year
