"""Country mentions: every name form, acronym, adjective or demonym of an ISO 3166-1 country.

Matching is case-sensitive on whole words, leftmost-longest, so "Republic of the Union of Myanmar" is one
mention and "Republic of Korea" is not found inside "Democratic People's Republic of Korea". Place names
and regions that contain a country form ("Kuwait City", "Latin American", "Korean Peninsula") block it:
a city or a region never implies a country.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.extraction.records import CountryRef, Mention
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows, split_list
from pipelines.extraction.textutil import PhraseTrie, TokenList, match_tokens, phrase_key

# Official names that read with a definite article inside a sentence ("Embassy of the Russian Federation").
_ARTICLE_LAST_WORDS = frozenset({"Republic", "Federation", "Emirates", "States", "Islands", "Kingdom", "Confederation"})


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    official_name: str
    sco_status: str

    @property
    def official_in_text(self) -> str:
        """The official name as it reads after "of"/"in": with "the" where English needs it."""
        name = self.official_name
        if " of " in name or name.split()[-1] in _ARTICLE_LAST_WORDS or name.startswith("Holy See"):
            return "the " + name
        return name


# Trie payload: (iso3, rule); iso3 "" marks a blocking place/region form.
_Entry = tuple[str, str]


class CountryGazetteer:
    """Finds country mentions in text; built once from `countries.csv` and `places.csv`."""

    def __init__(self, countries: list[Country], forms: list[tuple[str, str, str]], blockers: list[str]) -> None:
        self.countries = {c.iso3: c for c in countries}
        self._trie: PhraseTrie[_Entry] = PhraseTrie()
        self._by_key: dict[tuple[str, ...], str] = {}
        for surface, iso3, rule in forms:
            self._trie.add(surface, (iso3, rule))
            self._by_key.setdefault(phrase_key(surface), iso3)
        for surface in blockers:
            self._trie.add(surface, ("", "blocked"))

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> CountryGazetteer:
        countries: list[Country] = []
        forms: list[tuple[str, str, str]] = []
        for row in load_rows("countries.csv", reference_dir):
            country = Country(row["iso3"], row["iso2"], row["name"], row["official_name"] or row["name"],
                              row["sco_status"])
            countries.append(country)
            names = [country.name, country.official_name, *split_list(row["aliases"])]
            for name in names:
                rule = "country_acronym" if name.replace(".", "").isupper() and len(name) <= 6 else "country_name"
                forms.append((name, country.iso3, rule))
            forms.extend((adj, country.iso3, "adjective") for adj in split_list(row["adjectives"]))
        known = {phrase_key(surface) for surface, _, _ in forms}
        blockers = []
        for row in load_rows("places.csv", reference_dir):
            for place in [row["name"], *split_list(row["aliases"])]:
                if phrase_key(place) not in known:
                    blockers.append(place)
        return cls(countries, forms, blockers)

    @property
    def rows(self) -> list[tuple[str, str]]:
        """(iso3, common name) for every country, sorted: the content of dim_country."""
        return sorted((c.iso3, c.name) for c in self.countries.values())

    def iso3_for(self, surface: str) -> str | None:
        """The country a whole surface form names ("Kyrgyz Republic", "the PRC", "Uzbek"), else None."""
        key = phrase_key(surface.strip())
        if key[:1] in {("the",), ("The",)} and key[1:] in self._by_key:
            return self._by_key[key[1:]]
        return self._by_key.get(key)

    def official_in_text(self, iso3: str) -> str:
        return self.countries[iso3].official_in_text

    def find(self, text: str, tokens: TokenList | None = None) -> list[CountryRef]:
        """Every country mention in `text`, in text order; `tokens` are its `match_tokens` when already cut."""
        refs = []
        for _, _, start, end, values in self._trie.find_longest(match_tokens(text) if tokens is None else tokens):
            iso3, rule = values[0]
            if not iso3 or (rule == "country_acronym" and text.startswith("$", end)):
                continue  # a blocking place or region; "US$" is a currency
            # positional arguments: a frozen record is built markedly faster without keywords
            refs.append(CountryRef(iso3, Mention(start, end, text[start:end]), rule))
        return refs
