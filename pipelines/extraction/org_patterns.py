"""Organisations the gazetteer does not list, recognised by the shape of their names.

A name is a capitalised phrase around an organisation head noun: capitalised modifiers before it
("Sochi State University", "CPC Chongqing Municipal Committee") and an "of/for" complement after it
("Ministry of Foreign Affairs of the Republic of Uzbekistan"), plus "in/to" for diplomatic missions. The
complement stops after a country, place or listed organisation when a capitalised word follows, because in
this genre titles run straight into personal names ("... of the Kyrgyz Republic Akylbek Japarov").
Canonical names use official country names where the structure is known: "Embassy of Cambodia in Beijing" ->
"Embassy of the Kingdom of Cambodia in the People's Republic of China", "Russian Armed Forces" -> "Armed Forces
of the Russian Federation", "CPC Chongqing Municipal Committee" -> "Chongqing Municipal Committee of the
Communist Party of China". Otherwise the canonical name is the name as written.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from pipelines.extraction.textutil import Token, indexes_of

HEADS = frozenset({
    "Ministry", "Embassy", "Consulate", "Parliament", "Assembly", "Senate", "Council", "Committee", "Commission",
    "Bank", "Fund", "Agency", "Authority", "University", "Institute", "Academy", "School", "College", "Lyceum",
    "Centre", "Center", "Service", "Forces", "District", "Office", "Department", "Administration", "Government",
    "Cabinet", "Court", "Chamber", "Union", "Association", "Society", "Organisation", "Organization", "Party",
    "Consortium", "League", "Corporation", "Company", "Foundation", "Secretariat", "Directorate", "Bureau",
    "Police", "Guard", "Congress", "Duma", "Khural", "Kenesh", "Majlis", "Mejlis", "Club", "Alliance",
    "Federation", "Inspectorate", "Procuracy", "Army", "Navy", "Command",
})
DIPLOMATIC_HEADS = frozenset({"Embassy", "Consulate", "Mission", "Representation", "Office"})
# State bodies that a country adjective qualifies ("Russian Armed Forces", "Chinese Embassy").
NATIONAL_HEADS = frozenset({"Ministry", "Embassy", "Consulate", "Government", "Parliament", "Senate", "Forces",
                            "Service", "Guard", "Police", "Army", "Navy", "Cabinet"})
ACADEMIC_HEADS = frozenset({"University", "Institute", "Academy", "School", "College", "Lyceum"})
PARLIAMENT_HEADS = frozenset({"Parliament", "Assembly", "Senate", "Chamber", "Congress", "Duma", "Khural", "Kenesh",
                              "Majlis", "Mejlis"})
COMPANY_HEADS = frozenset({"Bank", "Fund", "Corporation", "Company"})
NGO_HEADS = frozenset({"Association", "Society", "Foundation", "Club", "League", "Alliance", "Federation"})
PARTY_BODY_HEADS = frozenset({"Committee", "Commission", "Bureau", "Department"})
# A capitalised word after a head shows that the head only qualifies it ("Security Council Secretaries").
BLOCKING_NEXT = frozenset({
    "Secretaries", "Secretary", "Meeting", "Meetings", "Session", "Sessions", "Member", "Members", "States", "Building",
    "Day", "Days", "Week", "Summit", "Forum", "Conference", "Exhibition", "Expo", "Games", "Festival", "Award", "Prize",
    "Programme", "Program", "Plan", "Strategy", "Convention", "Charter", "Declaration", "Agreement", "Treaty",
    "Memorandum", "Resolution", "Decision", "Chairmanship", "Presidency", "Format", "Platform", "Initiative", "Project",
    "Model", "Report", "Headquarters", "Hall", "Year", "Anniversary", "Chairman", "Chair", "President", "Director",
    "Speaker", "Deputy", "Head", "Minister", "Ministers", "Representative", "Representatives",
})
# Modifiers that make a "Centre" a venue, not a body ("National Exhibition and Convention Centre").
VENUE_WORDS = frozenset({"Exhibition", "Convention", "Expo", "Congress", "Press", "Media", "Shopping", "Trade",
                         "Business", "Conference", "Sports", "Sport", "Fitness"})
# Capitalised words that cannot be part of an organisation's name: sentence openers, titles, months.
NOT_NAME_WORDS = frozenset({
    "The", "A", "An", "On", "In", "At", "During", "This", "That", "These", "Those", "His", "Her", "Its", "Their",
    "Our", "My", "By", "For", "With", "From", "As", "After", "Before", "Today", "It", "He", "She", "They", "We", "I",
    "And", "But", "Also", "Both", "All", "Each", "Every", "Since", "Under", "Following", "According", "Among", "Mr",
    "Ms", "Mrs", "Dr", "Professor", "President", "Vice", "Prime", "Minister", "Premier", "Chairman", "Chair",
    "Chairwoman", "Speaker", "Director", "Deputy", "Head", "Heads", "Secretary", "General", "Ambassador",
    "Extraordinary", "Plenipotentiary", "Commander", "Colonel", "Rector", "Member", "Members", "Emeritus",
    "Envoy", "Special", "Representative", "Permanent", "Acting", "First", "Senior", "If", "When", "While", "Where",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "To", "Of",
})
TITLES_BEFORE_OF = frozenset({"Head", "Heads", "Minister", "Ministers", "Secretary", "Chairman", "Director"})
COMPLEMENT_WORDS = frozenset({"of", "for", "on"})
SCHOOL_WORDS = frozenset({"general", "secondary", "educational", "high", "primary", "middle", "comprehensive",
                          "boarding", "specialised", "specialized", "international", "public", "private",
                          "language", "education"})


@dataclass(frozen=True)
class Organisation:
    canonical_name: str
    acronym: str | None
    org_type: str  # intergovernmental, national_body, ministry, parliament, company, academic, ngo, other
    country_iso3: str | None

    @cached_property
    def head_phrase(self) -> str:
        """The name before its first complement, in British spelling: what an elliptical form repeats."""
        words = []
        for word in self.canonical_name.split():
            if word in {"of", "for", "on", "in"}:
                break
            words.append(british(word))
        return " ".join(words)

    @cached_property
    def parent_name(self) -> str | None:
        """The organisation a body belongs to: "Secretariat of the X" -> "X"."""
        head, sep, rest = self.canonical_name.partition(" of the ")
        return rest if sep and head.split()[-1] in HEADS else None


def british(word: str) -> str:
    return {"Organization": "Organisation", "Center": "Centre"}.get(word, word)


class Anchor(NamedTuple):
    """A country, country adjective, place or listed organisation occupying tokens [first, last]."""

    kind: str  # "country", "adjective", "place", "org"
    first: int
    last: int
    iso3: str | None = None
    org: Organisation | None = None


class Found(NamedTuple):
    org: Organisation
    first: int
    last: int
    rule: str


class _Part(NamedTuple):
    """One piece of a complement: a connector word, a run of name words, or an anchor."""

    kind: str  # "conn", "the", "words", "anchor"
    first: int
    last: int
    anchor: Anchor | None = None


class PatternFinder:
    """Runs the genre patterns over one text's tokens."""

    def __init__(self, text: str, tokens: list[Token], anchors: dict[int, Anchor], listed: list[Found],
                 official: Callable[[str], str], resolve: Callable[[str], Organisation | None],
                 generic_heads: frozenset[str]) -> None:
        self.text = text
        self.tokens = tokens
        self.anchors = anchors
        self.official = official  # iso3 -> official name as it reads after "of"
        self.resolve_listed = resolve  # a canonical name -> the listed organisation, if any
        self.generic_heads = generic_heads  # head phrases of listed bodies ("Executive Committee")
        self.listed_cover = {i for f in listed for i in range(f.first, f.last + 1)}
        self.place_cover = {i for a in anchors.values() if a.kind != "org" for i in range(a.first, a.last + 1)}

    def run(self) -> list[Found]:
        found = [f for h in indexes_of(self.tokens, HEADS)
                 if h not in self.listed_cover and h not in self.place_cover and (f := self._candidate(h)) is not None]
        found += self._schools(found)
        found += self._acronym_definitions(found)
        return _drop_crossing(found)

    # --- tokens ---------------------------------------------------------------------------------------------
    def _word(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def _is_name_word(self, i: int) -> bool:
        if not 0 <= i < len(self.tokens):
            return False
        tok = self.tokens[i]
        return tok.is_word and tok.text[0].isupper() and tok.text not in NOT_NAME_WORDS

    def _slice(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start:self.tokens[last].end]

    # --- one candidate around head token h ---------------------------------------------------------------------
    def _candidate(self, h: int) -> Found | None:
        head, nxt = self._word(h), self._word(h + 1)
        if self._is_name_word(h + 1) and (nxt in BLOCKING_NEXT or nxt in HEADS):
            return None
        first = self._left(h)
        if any(self._word(i) in VENUE_WORDS for i in range(first, h)):
            return None
        parts: list[_Part] = []
        last = h
        if nxt in COMPLEMENT_WORDS or (head in DIPLOMATIC_HEADS and nxt in {"in", "to"}):
            parts, last = self._complement(h + 1, head)
        parent = next((p.anchor for p in parts if p.kind == "anchor"), None)
        if parent is not None and parent.org is not None and _starts_complement(parts, parent) \
                and parent.org.org_type != "parliament" and " Party" not in parent.org.canonical_name:
            if first == h:
                return None  # "Council of the SCO Interbank Consortium": a governing organ, not listed apart
            parts, last = [], h
        if first == h and not parts:
            return None
        if first == h and self._word(h - 1) == "of" and self._word(h - 2) in TITLES_BEFORE_OF:
            return None  # "Head of Government" is a title
        if not parts and all(i not in self.anchors for i in range(first, h)) \
                and " ".join(british(self._word(i)) for i in range(first, h + 1)) in self.generic_heads:
            return None  # "the Executive Committee": left to the elliptical pass
        return Found(self._organisation(first, h, parts), first, last, f"pattern:{head.lower()}")

    def _left(self, h: int) -> int:
        """First token of the capitalised modifiers before head `h`."""
        i = h
        while i > 0:
            k = i - 1
            if self._word(k) == "s" and self._word(k - 1) == "'" and self._is_name_word(k - 2) \
                    and k - 2 not in self.place_cover:
                i = k - 2  # "People's", "Women's", but not the possessive "China's"
            elif self._is_name_word(k) and (k not in self.listed_cover or self._single_anchor(k)):
                i = k
            else:
                break
        return i

    def _single_anchor(self, k: int) -> bool:
        anchor = self.anchors.get(k)
        return anchor is not None and anchor.first == anchor.last == k

    def _complement(self, start: int, head: str) -> tuple[list[_Part], int]:
        """The "of ..."/"for ..."/"in ..." complement, stopping before a personal name after an anchor."""
        allowed = COMPLEMENT_WORDS | {"and"} | ({"in", "to"} if head in DIPLOMATIC_HEADS else set())
        parts: list[_Part] = []
        i, last = start, start - 1
        while self._word(i) in allowed:
            if self._word(i) == "and" and (not parts or self._word(i + 1) == "the"):
                break
            j = i + 2 if self._word(i + 1) == "the" else i + 1
            anchor = self.anchors.get(j)
            if anchor is None and not self._is_name_word(j):
                break
            parts.append(_Part("conn", i, i))
            if j == i + 2:
                parts.append(_Part("the", i + 1, i + 1))
            if anchor is not None:
                parts.append(_Part("anchor", anchor.first, anchor.last, anchor))
                i = last = anchor.last
                i += 1
                continue
            k = j
            while self._is_name_word(k + 1) and k + 1 not in self.anchors and self._word(k + 1) not in HEADS:
                k += 1
            parts.append(_Part("words", j, k))
            i = last = k
            i += 1
            if self._is_name_word(i) and i in self.anchors:
                anchor = self.anchors[i]
                parts.append(_Part("anchor", anchor.first, anchor.last, anchor))
                i = last = anchor.last
                i += 1
        return parts, last

    # --- canonical names ---------------------------------------------------------------------------------------
    def _organisation(self, first: int, h: int, parts: list[_Part]) -> Organisation:
        head = self._word(h)
        lead = self.anchors.get(first) if first < h else None
        if lead is not None and lead.kind == "adjective" and lead.iso3 and head in NATIONAL_HEADS:
            return self._national(lead.iso3, first, h, parts)
        lead_country = lead.iso3 if lead is not None and lead.kind in {"country", "adjective"} else None
        if lead is not None and lead.kind == "org" and lead.org is not None:
            rest = self._slice(lead.last + 1, h) if lead.last < h else ""
            if " Party" in lead.org.canonical_name and head in PARTY_BODY_HEADS and rest:
                return self._resolve(f"{rest} of the {lead.org.canonical_name}", lead.org.country_iso3, head)
            if head == "Secretariat" and lead.last + 1 == h:
                return self._resolve(f"Secretariat of the {lead.org.canonical_name}", None, head, "intergovernmental")
        countries = [p.anchor.iso3 for p in parts if p.anchor and p.anchor.kind in {"country", "adjective"}]
        name = " ".join([self._slice(first, h), *self._render(parts, head)])
        return self._resolve(name, countries[0] if countries else lead_country, head)

    def _national(self, iso3: str, first: int, h: int, parts: list[_Part]) -> Organisation:
        """"Russian Armed Forces", "Chinese Foreign Ministry", "Kazakh Ministry of Defence", "Chinese Embassy in X"."""
        head = self._word(h)
        rest = self._slice(first + 1, h - 1) if first + 1 < h else ""
        complement = " ".join(self._render(parts, head))
        of_country = f"of {self.official(iso3)}"
        if head in DIPLOMATIC_HEADS:
            name = " ".join(x for x in [rest, head, of_country, complement] if x)
        elif head == "Ministry" and rest:
            subject = "Foreign Affairs" if rest == "Foreign" else rest
            name = " ".join(x for x in ["Ministry of", subject, complement, of_country] if x)
        else:
            name = " ".join(x for x in [rest, head, complement, of_country] if x)
        return self._resolve(name, iso3, head)

    def _render(self, parts: list[_Part], head: str) -> list[str]:
        out = []
        for n, part in enumerate(parts):
            following = parts[n + 1] if n + 1 < len(parts) else None
            if part.kind == "conn":
                word = self._word(part.first)
                out.append("in" if word == "to" and head in DIPLOMATIC_HEADS else word)
            elif part.kind == "the":
                if not (following and following.anchor and following.anchor.kind in {"country", "adjective", "org"}):
                    out.append("the")
            elif part.kind == "words" or part.anchor is None:
                out.append(self._slice(part.first, part.last))
            elif part.anchor.kind in {"country", "adjective"} and part.anchor.iso3:
                out.append(self.official(part.anchor.iso3))
            elif part.anchor.kind == "org" and part.anchor.org:
                out.append("the " + part.anchor.org.canonical_name)
            elif part.anchor.kind == "place" and head == "Embassy" and part.anchor.iso3:
                out.append(self.official(part.anchor.iso3))  # an embassy in the capital is in the country
            else:
                out.append(self._slice(part.first, part.last))
        return out

    def _resolve(self, name: str, iso3: str | None, head: str, org_type: str | None = None) -> Organisation:
        return self.resolve_listed(name) or Organisation(name, None, org_type or _org_type(name, head, iso3), iso3)

    # --- schools and acronyms ----------------------------------------------------------------------------------
    def _schools(self, found: list[Found]) -> list[Found]:
        """"general educational school No. 55", "general school at the Embassy of ...": schools named by number
        or by the body that runs them, usually written in lower case."""
        if "school" not in self.text.lower():
            return []  # no token can be "school" in any case: spare the scan
        by_start = {f.first: f for f in found}
        out = []
        for h, tok in enumerate(self.tokens):
            if tok.text.lower() != "school":
                continue
            first = h
            while self._word(first - 1).lower() in SCHOOL_WORDS:
                first -= 1
            last = None
            if self._word(h + 1) == "No" and self._word(h + 2) == "." and self._word(h + 3).isdigit():
                last = h + 3
            elif self._word(h + 1) == "at" and self._word(h + 2) == "the":
                runner = by_start.get(h + 3)
                anchor = self.anchors.get(h + 3)
                if runner is not None:
                    last = runner.last
                elif anchor is not None and anchor.kind == "org":
                    last = anchor.last
            if last is None:
                continue
            name = self._slice(first, last)
            out.append(Found(Organisation(name[0].upper() + name[1:], None, "academic", None), first, last,
                             "pattern:school"))
        return out

    def _acronym_definitions(self, found: list[Found]) -> list[Found]:
        """"State Foreign Literature Publishing Authority (SFLPA)": the acronym names the same body later on."""
        acronyms: dict[str, Organisation] = {}
        for f in found:
            acronym = self._word(f.last + 2)
            if self._word(f.last + 1) == "(" and self._word(f.last + 3) == ")" and acronym.isupper() and len(acronym) > 1:
                acronyms[acronym] = f.org
        if not acronyms:
            return []
        return [Found(acronyms[self.tokens[i].text], i, i, "acronym") for i in indexes_of(self.tokens, acronyms)
                if i not in self.listed_cover]


def _starts_complement(parts: list[_Part], anchor: Anchor) -> bool:
    """Whether `anchor` is the first thing after the opening "of (the)"."""
    named = [p for p in parts if p.kind in {"words", "anchor"}]
    return bool(named) and named[0].anchor is anchor


def _drop_crossing(found: list[Found]) -> list[Found]:
    """Keep nested pattern matches, drop duplicates and ones that cross a longer match."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.first - f.last, f.first)):
        if any(f.first <= k.last and k.first <= f.last and not (k.first <= f.first and f.last <= k.last)
               or (k.first, k.last) == (f.first, f.last) for k in kept):
            continue
        kept.append(f)
    return kept


def _org_type(name: str, head: str, iso3: str | None) -> str:
    if name.startswith(("SCO ", "UN ", "United Nations ")):
        return "intergovernmental"
    if head in ACADEMIC_HEADS:
        return "academic"
    if head == "Ministry":
        return "ministry"
    if head in PARLIAMENT_HEADS and iso3:
        return "parliament"
    if head in COMPANY_HEADS:
        return "company"
    if head in NGO_HEADS:
        return "ngo"
    return "national_body" if iso3 else "other"
