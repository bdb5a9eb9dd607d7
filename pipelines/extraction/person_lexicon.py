"""The reference data the person matcher reads, loaded once: title words, name words, known persons, offices.

Kept apart from the matcher so that the matcher's rules read as rules, and a new title word, a spelling of a
known person or an office term is one line in `sources/reference/`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows, split_list
from pipelines.extraction.sentences import fold, tokenize

# Title kinds that may start a title when written in lower case ("member of the Political Bureau").
LOWER_CASE_KINDS = frozenset({"head", "role", "descriptor", "occupation"})


@dataclass(frozen=True)
class KnownPerson:
    canonical_name: str
    country_iso3: str | None


@dataclass(frozen=True)
class Office:
    office: str
    org_name: str | None
    person: str
    valid_from: date
    valid_to: date
    forms: tuple[str, ...]
    folded_forms: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # set once here, not a cached_property: compiled (mypyc) classes have no instance dict to cache in
        object.__setattr__(self, "folded_forms", frozenset(fold(f) for f in self.forms))

    def valid_on(self, day: date | None) -> bool:
        return day is not None and self.valid_from <= day <= self.valid_to


@dataclass
class PhraseTable:
    """Lower-cased token tuples -> value, for longest-match lookups on a token list."""

    entries: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest_by_first: dict[str, int] = field(default_factory=dict)
    lengths_by_first: dict[str, tuple[int, ...]] = field(default_factory=dict)  # the phrase lengths, longest first

    def add(self, key: tuple[str, ...], value: str) -> None:
        if key:
            self.entries.setdefault(key, value)
            self.longest_by_first[key[0]] = max(self.longest_by_first.get(key[0], 0), len(key))
            lengths = {*self.lengths_by_first.get(key[0], ()), len(key)}
            self.lengths_by_first[key[0]] = tuple(sorted(lengths, reverse=True))

    def match(self, keys: list[str], start: int, stop: int | None = None) -> tuple[int, str] | None:
        """(length, value) of the longest phrase at `keys[start:stop]`; only the lengths of phrases that begin with
        `keys[start]` are tried."""
        lengths = self.lengths_by_first.get(keys[start])
        if lengths is None:
            return None
        room = (len(keys) if stop is None else stop) - start
        for length in lengths:
            if length <= room:
                value = self.entries.get(tuple(keys[start:start + length]))
                if value is not None:
                    return length, value
        return None


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(tokenize(phrase).lows)


def folded_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(map(fold, tokenize(phrase).texts))


@dataclass
class PersonLexicon:
    titles: PhraseTable
    role_equivalents: dict[str, tuple[str, ...]]  # "head of state" -> ("president", ...)
    words: dict[str, frozenset[str]]  # kind -> lower-cased words (person_name_words.csv)
    known: dict[tuple[str, ...], KnownPerson]  # folded tokens of every spelling -> person
    known_longest: int
    offices: tuple[Office, ...]
    cues: PhraseTable  # speech verbs, for "X noted" as evidence of a name
    known_first: frozenset[str]  # first folded token of every known spelling
    by_surname: dict[str, KnownPerson | None] = field(default_factory=dict)  # folded family name -> the one
    # known person of that name (None when several share it)
    # derived once here, not cached_property: compiled (mypyc) classes have no instance dict to cache in
    offices_by_person: dict[str, tuple[Office, ...]] = field(init=False, repr=False)  # asked for every person
    # without a title; the offices in file order
    known_prefixes: frozenset[tuple[str, ...]] = field(init=False, repr=False)  # every leading part of a known
    # spelling (the whole included): a match stops where none goes on

    def __post_init__(self) -> None:
        found: dict[str, list[Office]] = {}
        for office in self.offices:
            found.setdefault(office.person, []).append(office)
        self.offices_by_person = {person: tuple(offices) for person, offices in found.items()}
        self.known_prefixes = frozenset(key[:length] for key in self.known for length in range(1, len(key) + 1))

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> PersonLexicon:
        titles = PhraseTable()
        equivalents: dict[str, tuple[str, ...]] = {}
        for row in load_rows("title_words.csv", reference_dir):
            key = phrase_tokens(row["phrase"])
            titles.add(key, row["kind"])
            if row.get("equivalents"):
                equivalents[" ".join(key)] = tuple(" ".join(phrase_tokens(e)) for e in split_list(row["equivalents"]))
        for key, kind in list(titles.entries.items()):
            if len(key) == 1 and kind in {"head", "role"} and "-" not in key[0]:
                titles.add(("vice-" + key[0],), kind)  # "Vice-Chairperson", written as one word
        words: dict[str, set[str]] = {}
        for row in load_rows("person_name_words.csv", reference_dir):
            words.setdefault(row["kind"], set()).add(row["word"].lower())
        known: dict[tuple[str, ...], KnownPerson] = {}
        for row in load_rows("persons.csv", reference_dir):
            person = KnownPerson(row["canonical_name"], row["country_iso3"] or None)
            for spelling in [row["canonical_name"], *split_list(row["aliases"])]:
                known.setdefault(folded_tokens(spelling), person)
        offices = tuple(
            Office(row["office"], row["org_name"] or None, row["person"], date.fromisoformat(row["valid_from"]),
                   date.fromisoformat(row["valid_to"]), tuple(split_list(row["office_forms"])))
            for row in load_rows("offices.csv", reference_dir)
        )
        cues = PhraseTable()
        for row in load_rows("speech_verbs.csv", reference_dir):
            cues.add(phrase_tokens(row["cue"]), row["act_type"])
        by_surname: dict[str, KnownPerson | None] = {}
        for key, person in known.items():
            if len(key) >= 2 and len(key[-1]) > 2:
                by_surname[key[-1]] = person if by_surname.get(key[-1], person) == person else None
        return cls(titles, equivalents, {k: frozenset(v) for k, v in words.items()}, known,
                   max((len(k) for k in known), default=0), offices, cues, frozenset(k[0] for k in known if k),
                   by_surname)

    def is_word(self, kind: str, low: str) -> bool:
        return low in self.words.get(kind, frozenset())
