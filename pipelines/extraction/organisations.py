"""Organisation mentions: a gazetteer, genre patterns for bodies it does not list, and elliptical back-references.

Three passes over the word tokens of a release:
1. gazetteer: every canonical name, alias and acronym of `organisations.csv` (with British/American spelling
   variants), longest first, nested mentions kept ("OSCE" in "OSCE Parliamentary Assembly", "Council of Europe"
   in "Parliamentary Assembly of the Council of Europe");
2. patterns (`org_patterns`): capitalised names built around an organisation head noun;
3. ellipsis: capitalised "the Organisation", "the Secretariat", "the Executive Committee" ... resolved to an
   organisation named earlier in the same text, or to the listed body of such an organisation ("the
   Secretariat" after "SCO" -> Secretariat of the SCO). Nothing is produced when no antecedent exists.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from operator import itemgetter
from pathlib import Path

from pipelines.extraction.countries import CountryGazetteer
from pipelines.extraction.org_patterns import (
    HEADS,
    NOT_NAME_WORDS,
    Anchor,
    Found,
    Organisation,
    PatternFinder,
    british,
)
from pipelines.extraction.places import PlaceGazetteer
from pipelines.extraction.records import CountryRef, Mention, OrgRef, PlaceRef
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows, split_list
from pipelines.extraction.textutil import (
    PhraseMatch,
    PhraseTrie,
    TokenList,
    index_at,
    indexes_of_keys,
    is_capitalised_word,
    match_tokens,
    spelling_variants,
)

__all__ = ["Organisation", "OrganisationMatcher"]

# Heads that, capitalised after "the", may refer back to a named organisation.
ELLIPSIS_HEADS = frozenset({"Organisation", "Organization", "Secretariat", "Council", "Mission", "Fund", "Committee",
                            "Bank", "Commission", "Assembly", "Structure", "Centre", "Center", "Union", "Consortium",
                            "Club", "League", "University", "Academy", "Institute", "Agency", "Embassy", "Ministry",
                            "Parliament", "Senate"})
FOUND_LAST = itemgetter(2)  # `Found.last`, as a C-level sort key
_new_anchor = partial(tuple.__new__, Anchor)  # an Anchor from a 5-tuple, without the Python-level __new__
_new_found = partial(tuple.__new__, Found)  # a Found from a 4-tuple, likewise
CONFIDENCE = {"gazetteer": 0.95, "acronym": 0.9, "pattern": 0.75, "ellipsis": 0.7}


def _longer_first(match: PhraseMatch[tuple[Organisation, str]]) -> int:
    """Sort key of a match: the longer, the smaller."""
    return match.first - match.last


class OrganisationMatcher:
    """Finds organisation mentions; build once with `load`, then call `find` per text."""

    def __init__(self, organisations: list[tuple[Organisation, list[str]]], countries: CountryGazetteer,
                 places: PlaceGazetteer) -> None:
        self.countries = countries
        self.places = places
        self.by_name: dict[str, Organisation] = {}
        self._trie: PhraseTrie[tuple[Organisation, str]] = PhraseTrie()
        for org, aliases in organisations:
            self.by_name[org.canonical_name] = org
            if org.acronym:
                self._trie.add(org.acronym, (org, "acronym"))
            for name in [org.canonical_name, *aliases]:
                rule = "acronym" if name.replace(" ", "").replace("-", "").isupper() else "gazetteer"
                for variant in sorted(spelling_variants(name)):
                    self._trie.add(variant, (org, rule))
        self._by_head: dict[str, list[Organisation]] = {}
        for org in self.by_name.values():
            self._by_head.setdefault(org.head_phrase, []).append(org)
        self._generic_heads = frozenset(h for h, orgs in self._by_head.items() if any(o.parent_name for o in orgs))
        # the first words of the listed names, the pattern heads and the elliptical heads: found by one scan
        self._first_words = self._trie.first_keys | HEADS | ELLIPSIS_HEADS

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> OrganisationMatcher:
        organisations = []
        for row in load_rows("organisations.csv", reference_dir):
            org = Organisation(row["canonical_name"], row["acronym"] or None, row["org_type"] or "other",
                               row["country_iso3"] or None)
            organisations.append((org, split_list(row["aliases"])))
        return cls(organisations, CountryGazetteer.load(reference_dir), PlaceGazetteer.load(reference_dir))

    def lookup(self, surface: str) -> Organisation | None:
        """The listed organisation that a whole surface form names, else None."""
        tokens = match_tokens(surface)
        for match in self._trie.find_longest(tokens):
            if match.first == 0 and match.last == len(tokens.texts) - 1:
                return match.values[0][0]
        return None

    def find(self, text: str, countries: Sequence[CountryRef] = (), *, tokens: TokenList | None = None,
             places: Sequence[PlaceRef] | None = None) -> list[OrgRef]:
        """Every organisation mention in `text`, nested ones included, in text order.

        `countries`, `places` and `tokens` (`match_tokens(text)`) are the text's when the caller already has them.
        """
        tokens = match_tokens(text) if tokens is None else tokens
        candidates = indexes_of_keys(tokens, self._first_words)
        keys = tokens.keys  # a word token's key is its text
        heads = [i for i in candidates if keys[i] in HEADS]
        listed = self._gazetteer(tokens, candidates)
        places = self.places.find(text, tokens) if places is None else places
        anchors = self._anchors(tokens, countries or self.countries.find(text, tokens), places, listed)
        finder = PatternFinder(text, tokens, anchors, listed, self.countries.official_in_text,
                               lambda name: self.by_name.get(name) or self.lookup(name), self._generic_heads, heads)
        spans = {(f.first, f.last) for f in listed}
        found = listed + [f for f in finder.run() if (f.first, f.last) not in spans]
        found += self._ellipses(tokens, found, [i for i in candidates if keys[i] in ELLIPSIS_HEADS])
        starts, ends = tokens.starts, tokens.ends
        unique = list({(f.org.canonical_name, f.org.acronym, f.org.org_type, f.org.country_iso3, starts[f.first],
                        ends[f.last], f.rule): None for f in found})  # plain tuples hash faster than records
        # in text order, longer first, then by name: stable sorts on C-level keys, before any record is built
        unique.sort(key=itemgetter(0))
        unique.sort(key=itemgetter(5), reverse=True)
        unique.sort(key=itemgetter(4))
        # positional arguments: a frozen record is built markedly faster without keywords
        return [OrgRef(name, acronym, org_type, iso3, Mention(start, end, text[start:end]), rule,
                       CONFIDENCE[rule.split(":")[0]])
                for name, acronym, org_type, iso3, start, end, rule in unique]

    def _anchors(self, tokens: TokenList, countries: Sequence[CountryRef], places: Sequence[PlaceRef],
                 listed: list[Found]) -> dict[int, Anchor]:
        """Countries, places and listed organisations by first token: the fixed points of the patterns."""
        starts, ends = tokens.starts, tokens.ends
        anchors: dict[int, Anchor] = {}
        for ref in countries:
            first, last = index_at(starts, ref.mention.start), index_at(ends, ref.mention.end)
            if first is not None and last is not None:
                kind = "adjective" if ref.rule == "adjective" else "country"
                anchors[first] = _new_anchor((kind, first, last, ref.iso3, None))
        for place in places:
            first, last = index_at(starts, place.mention.start), index_at(ends, place.mention.end)
            if first is not None and last is not None and first not in anchors:
                anchors[first] = _new_anchor(("place", first, last, place.country_iso3, None))
        for org, first, last, _ in listed:
            current = anchors.get(first)
            if current is None or current.kind == "place" or current.last < last:
                anchors[first] = _new_anchor(("org", first, last, org.country_iso3, org))
        return anchors

    def _gazetteer(self, tokens: TokenList, candidates: list[int]) -> list[Found]:
        """Listed names, longest first. A shorter match inside a longer one is kept when it names another
        organisation, and dropped when it repeats the same one or crosses a longer match."""
        kept: list[Found] = []
        covering: dict[int, list[Found]] = {}  # token index -> kept matches over it
        matches = self._trie.find_all(tokens, candidates)  # in text order, shorter first
        matches.sort(key=_longer_first)  # stable: longest first, then in text order
        for first, last, _, _, values in matches:
            org, rule = values[0]
            # A kept match is at least as long, so one that overlaps covers the first or the last token; it may
            # only hold this one inside it, as another organisation.
            if first in covering or last in covering:
                near = covering.get(first, []) + covering.get(last, [])
                if not all(k.org is not org and k.first <= first and last <= k.last for k in near):
                    continue
            found = _new_found((org, first, last, rule))
            kept.append(found)
            if first < last:  # a one-token match comes last of all and overlaps no other that comes after it
                for i in range(first, last + 1):
                    covering.setdefault(i, []).append(found)
        return kept

    def _ellipses(self, tokens: TokenList, found: list[Found], heads: list[int]) -> list[Found]:
        """"the Secretariat", "the Organisation's", "Executive Committee": an organisation named before.

        `heads` are the tokens that are `ELLIPSIS_HEADS`."""
        if not heads:
            return []
        covered = set().union(*[range(f.first, f.last + 1) for f in found])
        texts = tokens.texts
        out: list[Found] = []
        for h in heads:
            if h in covered:
                continue
            if h + 1 < len(texts) and texts[h + 1] in {"of", "for", "on", "("}:
                continue
            first = h
            while first > 0 and is_capitalised_word(texts[first - 1]) and texts[first - 1] not in NOT_NAME_WORDS \
                    and first - 1 not in covered:
                first -= 1
            after_the = first > 0 and texts[first - 1].lower() == "the"
            if not after_the and first == h:
                continue
            surface = " ".join(map(british, texts[first:h + 1]))
            earlier = sorted((f for f in found + out if f.last < first), key=FOUND_LAST, reverse=True)
            target = next((f.org for f in earlier
                           if f.org.head_phrase == surface or f.org.head_phrase.endswith(" " + surface)), None)
            target = target or self._body_of_named_parent(surface, earlier)
            if target is not None:
                out.append(Found(target, first, h, "ellipsis"))
        return out

    def _body_of_named_parent(self, surface: str, earlier: list[Found]) -> Organisation | None:
        """The listed body "<surface> of the <parent>" whose parent was named most recently."""
        bodies = [o for o in self._by_head.get(surface, []) if o.parent_name]
        for f in earlier:
            for body in bodies:
                if body.parent_name == f.org.canonical_name:
                    return body
        return None
