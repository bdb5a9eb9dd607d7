"""Place mentions (cities, regions, sites) from `places.csv`.

A place carries its country from the gazetteer for reference only: naming Beijing is not a mention of China.
Country names are not places; a city-state such as Singapore is both, found by each matcher on its own.
A place word inside a listed organisation's name ("Shanghai Cooperation Organisation", "Moscow State
University") or a `not_place` phrase ("Shanghai Spirit") names no place, so those phrases block it.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipelines.extraction.records import Mention, PlaceRef
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows, split_list
from pipelines.extraction.textutil import PhraseTrie, TokenList, match_tokens, spelling_variants

# Trie payload: (canonical place name, country iso3 or None, kind); kind "not_place" blocks.
_Entry = tuple[str, str | None, str]
NOT_PLACE = "not_place"


class PlaceGazetteer:
    """Finds named places in text, leftmost-longest, case-sensitive on whole words."""

    def __init__(self, entries: Sequence[tuple[str, _Entry]], blockers: Sequence[str] = ()) -> None:
        self._trie: PhraseTrie[_Entry] = PhraseTrie()
        for surface, entry in entries:
            self._trie.add(surface, entry)
        for phrase in blockers:
            if self._trie.find_all(match_tokens(phrase)):
                self._trie.add(phrase, (phrase, None, NOT_PLACE))

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> PlaceGazetteer:
        entries: list[tuple[str, tuple[str, str | None, str]]] = []
        for row in load_rows("places.csv", reference_dir):
            entry = (row["name"], row["country_iso3"] or None, row["kind"])
            entries.extend((surface, entry) for surface in [row["name"], *split_list(row["aliases"])])
        blockers = [variant for row in load_rows("organisations.csv", reference_dir)
                    for name in [row["canonical_name"], *split_list(row["aliases"])]
                    for variant in sorted(spelling_variants(name))]
        return cls(entries, blockers)

    def find(self, text: str, tokens: TokenList | None = None) -> list[PlaceRef]:
        """Every place mention in `text`, in text order; `tokens` are its `match_tokens` when already cut."""
        refs = []
        for _, _, start, end, values in self._trie.find_longest(match_tokens(text) if tokens is None else tokens):
            name, iso3, kind = values[0]
            if kind == NOT_PLACE:
                continue
            # positional arguments: a frozen record is built markedly faster without keywords
            refs.append(PlaceRef(name, iso3, Mention(start, end, text[start:end]), "gazetteer"))
        return refs

    def country_of(self, text: str) -> str | None:
        """The country of a place named by the whole of `text` ("Beijing" -> CHN), else None."""
        tokens = match_tokens(text.strip())
        matches = self._trie.find_longest(tokens)
        if len(matches) == 1 and matches[0].first == 0 and matches[0].last == len(tokens.texts) - 1 \
                and matches[0].values[0][2] != NOT_PLACE:
            return matches[0].values[0][1]
        return None
