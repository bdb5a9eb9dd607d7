"""Offices as positions that persons hold over time: a title as written mapped to one canonical office.

"Minister of Foreign Affairs of the Republic of Kazakhstan", "Kazakh Minister of Foreign Affairs" and "Foreign
Minister of Kazakhstan" (an equivalent in `title_words.csv`) are one office: "Minister of Foreign Affairs" of KAZ. The state is kept apart from the name so that one office of one
state has one key whatever the spelling of the state. A title that is one of the forms in `offices.csv`
("Secretary-General of the SCO"), or its tail for the same organisation ("Secretary-General" of the SCO), is
that reference office. Keys: national offices by name and state, international ones by name and organisation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows, split_list
from pipelines.extraction.sentences import fold

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class OfficeMatch:
    """The office a title names."""

    office: str  # canonical name, the state left out: "Minister of Foreign Affairs", "SCO Secretary-General"
    org_name: str | None  # the organisation the office belongs to, when known
    country_iso3: str | None  # the state whose office it is; None for an international office
    rule: str  # "reference_form", "reference_tail", "title"

    @property
    def office_key(self) -> str:
        """The natural key: name and state, or name and organisation for an international office."""
        return f"{self.office}|{self.country_iso3 or ''}|{'' if self.country_iso3 else self.org_name or ''}"


@dataclass(frozen=True)
class ReferenceHolding:
    """A term of office from `offices.csv`."""

    office: OfficeMatch
    person: str
    valid_from: date
    valid_to: date
    forms: tuple[str, ...]


@dataclass(frozen=True)
class _CountryForms:
    iso3: str
    names: tuple[str, ...]  # longest first: "Republic of Kazakhstan" before "Kazakhstan"
    adjectives: tuple[str, ...]


class OfficeResolver:
    """Maps titles to offices; loaded once from `countries.csv` and `offices.csv`."""

    def __init__(self, countries: dict[str, _CountryForms], reference: tuple[tuple[str, str | None, str], ...],
                 heads: tuple[str, ...] = (), synonyms: dict[str, str] | None = None):
        self._countries = countries
        self._synonyms = synonyms or {}  # folded office name -> its usual full form ("Foreign Minister" -> ...)
        # " and " followed by an office word starts a second office: "Director of X and Chair of Y"
        self._second_office = (re.compile(rf"\s+and\s+(?=(?:{'|'.join(re.escape(h) for h in heads)})\b)")
                               if heads else None)
        self._patterns = {iso3: self._compile(forms) for iso3, forms in countries.items()}
        self._any_state = self._any_state_patterns(countries)
        self._reference_forms: dict[str, tuple[str, str | None]] = {}
        for form, org_name, office in reference:
            self._reference_forms.setdefault(fold(form), (office, org_name))

    @staticmethod
    def _compile(forms: _CountryForms) -> tuple[re.Pattern[str], re.Pattern[str]]:
        names = "|".join(re.escape(n) for n in forms.names)
        leading = "|".join([*(re.escape(a) for a in forms.adjectives), rf"(?:{names})'s"])
        return (re.compile(rf"\s+of\s+(?:the\s+)?(?:{names})\b"),
                re.compile(rf"^(?:the\s+)?(?:{leading})\s+"))

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> OfficeResolver:
        countries = {}
        for row in load_rows("countries.csv", reference_dir):
            names = {row["name"], row["official_name"], *split_list(row["aliases"])} - {""}
            countries[row["iso3"]] = _CountryForms(row["iso3"], tuple(sorted(names, key=lambda n: (-len(n), n))),
                                                   tuple(sorted(split_list(row["adjectives"]),
                                                                key=lambda n: (-len(n), n))))
        reference = tuple(
            (form, row["org_name"] or None, row["office"])
            for row in load_rows("offices.csv", reference_dir)
            for form in [row["office"], *split_list(row["office_forms"])]
        )
        title_words = load_rows("title_words.csv", reference_dir)
        heads = tuple(sorted({row["phrase"] for row in title_words if row["kind"] == "head" and row["phrase"][:1].isupper()},
                             key=lambda h: (-len(h), h)))
        synonyms = {fold(row["phrase"]): split_list(row["equivalents"])[0] for row in title_words
                    if row["kind"] == "head" and split_list(row["equivalents"])}
        return cls(countries, reference, heads, synonyms)

    def _strip_state(self, title: str, iso3: str) -> str | None:
        """The title without its state ("of the Republic of Kazakhstan", a leading "Kazakh"), None when the
        title does not name that state."""
        if iso3 not in self._patterns:
            return None
        of_state, adjective = self._patterns[iso3]
        stripped = of_state.sub("", title, count=1)
        if stripped == title:
            stripped = adjective.sub("", title, count=1)
        return None if stripped == title else stripped

    def _detect_state(self, title: str) -> tuple[str, str] | None:
        """The first state a title names and the title without it (for reference offices, which carry no code)."""
        found = []
        for iso3 in sorted(self._patterns):
            stripped = self._strip_state(title, iso3)
            if stripped is not None:
                found.append((len(stripped), iso3, stripped))
        return (min(found)[1], min(found)[2]) if found else None

    @staticmethod
    def _any_state_patterns(countries: dict[str, _CountryForms]
                            ) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
        """One pattern for every state's name and one for every adjective, with the form -> ISO code map."""
        by_form: dict[str, str] = {}
        for iso3 in sorted(countries):
            forms = countries[iso3]
            for form in (*forms.names, *forms.adjectives):
                by_form.setdefault(form, iso3)
        names = sorted({n for f in countries.values() for n in f.names}, key=lambda n: (-len(n), n))
        adjectives = sorted({a for f in countries.values() for a in f.adjectives}, key=lambda n: (-len(n), n))
        alternation = "|".join(re.escape(n) for n in names)
        return (re.compile(rf"\s+of\s+(?:the\s+)?({alternation})\b"),
                re.compile(rf"^(?:the\s+)?({'|'.join(re.escape(a) for a in adjectives)}|(?:{alternation})(?='s))(?:'s)?\s+"),
                by_form)

    def split_state(self, text: str) -> tuple[str | None, str]:
        """(ISO code, text without it) for the first state a name or title names ("of the Republic of
        Kazakhstan", a leading "Kazakh"); (None, text) when it names none. One pass whatever the number of states."""
        of_state, leading, by_form = self._any_state
        found = of_state.search(text)
        if found:
            return by_form[found.group(1)], (text[: found.start()] + text[found.end():]).strip()
        found = leading.match(text)
        if found:
            return by_form[found.group(1)], text[found.end():].strip()
        return None, text

    def resolve(self, title: str | None, org_name: str | None = None, country_iso3: str | None = None,
                *, detect_state: bool = False) -> OfficeMatch | None:
        """The office of a title as written; None for no title."""
        clean = _SPACES.sub(" ", (title or "")).strip(" ,;:.")
        if not clean:
            return None
        folded = fold(clean)
        reference = self._reference_forms.get(folded)
        rule = "reference_form"
        if reference is None and org_name is not None:
            tails = sorted({(office, org) for form, (office, org) in self._reference_forms.items()
                            if org == org_name and form.endswith(" " + folded)})
            if len(tails) == 1:
                reference, rule = tails[0], "reference_tail"
        if reference is not None:
            office, reference_org = reference
            return self._office(office, reference_org or org_name, None, rule, detect_state=True)
        return self._office(clean, org_name, country_iso3, "title", detect_state=detect_state)

    def resolve_all(self, title: str | None, org_name: str | None = None,
                    country_iso3: str | None = None) -> tuple[OfficeMatch, ...]:
        """Every office of a compound title ("member of the Political Bureau ... and Secretary of the CPC Chongqing
        Municipal Committee" holds two). The organisation goes with the principal office: the first part that is
        not a membership, as the person extractor reads it."""
        whole = self.resolve(title, org_name, country_iso3)
        if whole is None or whole.rule != "title" or self._second_office is None:
            return () if whole is None else (whole,)
        parts = [p for p in self._second_office.split(_SPACES.sub(" ", title or "").strip()) if p.strip()]
        if len(parts) == 1:
            return (whole,)
        principal = next((i for i, p in enumerate(parts) if not p.lower().startswith("member")), 0)
        matches = (self.resolve(p, org_name if i == principal else None, country_iso3) for i, p in enumerate(parts))
        return tuple(m for m in matches if m is not None)

    def _office(self, name: str, org_name: str | None, country_iso3: str | None, rule: str, *,
                detect_state: bool) -> OfficeMatch:
        stripped = self._strip_state(name, country_iso3) if country_iso3 else None
        if stripped is None and detect_state:
            detected = self._detect_state(name)
            if detected is not None:
                country_iso3, stripped = detected
        office = _SPACES.sub(" ", stripped if stripped is not None else name).strip(" ,;:.")
        office = self._synonyms.get(fold(office), office[:1].upper() + office[1:])
        return OfficeMatch(office, org_name, country_iso3, rule)

    def reference_holdings(self, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> tuple[ReferenceHolding, ...]:
        """Every term of `offices.csv` with its canonical office."""
        holdings = []
        for row in load_rows("offices.csv", reference_dir):
            office = self._office(row["office"], row["org_name"] or None, None, "reference_form", detect_state=True)
            holdings.append(ReferenceHolding(office, row["person"], date.fromisoformat(row["valid_from"]),
                                             date.fromisoformat(row["valid_to"]), tuple(split_list(row["office_forms"]))))
        return tuple(holdings)


@cache
def default_resolver() -> OfficeResolver:
    return OfficeResolver.load()
