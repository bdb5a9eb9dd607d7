"""Organisations the gazetteer does not list, recognised by the shape of their names.

A name is a capitalised phrase around an organisation head noun: capitalised modifiers before it
("Sochi State University", "CPC Chongqing Municipal Committee") and an "of/for" complement after it
("Ministry of Foreign Affairs of the Republic of Uzbekistan"), plus "in/to" for diplomatic missions. The
complement stops after a country, place or listed organisation when a capitalised word follows, because in
this genre titles run straight into personal names ("... of the Kyrgyz Republic Akylbek Japarov"); a name inside
the complement ends at its own head ("Asia Research Institute of the National University of Malaysia").
Heads take words that are no name words of their own ("General Staff", "Consulate General", "Permanent Mission"),
companies their legal form ("Meezan Bank Limited", "PJSC Gazprom"), and a lone field word may join the next with
"and" ("the Science and Education Exchange Centre of ..."). "Secretariat of the OIC" is an organisation of its
own; "Council of the SCO Interbank Consortium" is a governing organ and is not.
Canonical names use official country names where the structure is known: "Embassy of Cambodia in Beijing" ->
"Embassy of the Kingdom of Cambodia in the People's Republic of China", "Russian Armed Forces" -> "Armed Forces
of the Russian Federation", "CPC Chongqing Municipal Committee" -> "Chongqing Municipal Committee of the
Communist Party of China". Otherwise the canonical name is the name as written.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from pipelines.extraction.textutil import TokenList, indexes_of, is_capitalised_word

HEADS = frozenset({
    "Ministry", "Embassy", "Consulate", "Parliament", "Assembly", "Senate", "Council", "Committee", "Commission",
    "Bank", "Fund", "Agency", "Authority", "University", "Institute", "Academy", "School", "College", "Lyceum",
    "Centre", "Center", "Service", "Forces", "District", "Office", "Department", "Administration", "Government",
    "Cabinet", "Court", "Chamber", "Union", "Association", "Society", "Organisation", "Organization", "Party",
    "Consortium", "League", "Corporation", "Company", "Foundation", "Secretariat", "Directorate", "Bureau",
    "Police", "Guard", "Congress", "Duma", "Khural", "Kenesh", "Majlis", "Mejlis", "Club", "Alliance",
    "Federation", "Inspectorate", "Procuracy", "Army", "Navy", "Command", "Staff", "Mission", "Group", "Holding",
    "Holdings", "Limited", "Ltd", "LLC", "LLP", "JSC", "PJSC", "OJSC", "CJSC", "Plc", "PLC", "Inc", "GmbH",
})
# Company forms: "Meezan Bank Limited", "Huawei Technologies Co., Ltd.", "KazMunayGas JSC", "PJSC Gazprom".
COMPANY_SUFFIXES = frozenset({"Limited", "Ltd", "LLC", "LLP", "JSC", "PJSC", "OJSC", "CJSC", "Plc", "PLC", "Inc",
                              "GmbH"})
PREFIX_FORMS = frozenset({"LLC", "LLP", "JSC", "PJSC", "OJSC", "CJSC"})  # also written before the name
ABBREVIATED = frozenset({"Co", "Corp", "Inc", "Ltd"})  # "Co., Ltd.": the dot and comma stay inside the name
ABBREVIATION_MARKS = frozenset({",", "."})
# Heads that make an organisation only with a modifier: "General Staff", "China Merchants Group", "Bank Limited".
NEEDS_MODIFIER = frozenset({"Staff", "Group", "Holding", "Holdings"}) | COMPANY_SUFFIXES - PREFIX_FORMS
# Modifiers that do not name a group ("SCO Working Group", "Expert Group"): bodies of a mechanism, not organisations.
GENERIC_GROUP_WORDS = frozenset({
    "Working", "Expert", "Experts", "Task", "Study", "Focus", "Joint", "Friendship", "Parliamentary", "Contact",
    "Interagency", "Inter", "Agency", "High", "Level", "Special", "Initiative", "Coordination", "Consultative",
    "Advisory", "Steering", "Friends",
})
# Words that belong to a head although they are not name words: "General Staff", "Permanent Mission",
# "Consulate General", "Prosecutor General's Office".
FUSED_BEFORE = frozenset({"General", "Permanent"})
FUSED_AFTER = {"Consulate": "General"}
OFFICE_OWNERS = frozenset({"Prosecutor", "Attorney"})  # "Prosecutor General's Office": the title names the office
ARTICLES = frozenset({"The", "A", "An", "the", "a", "an"})
# Owners that "under the ..." names ("Institute for Strategic Studies under the President of the Republic of ...").
UNDER_OWNERS = frozenset({"President", "Government", "Cabinet", "Ministry", "Office", "Academy", "Council"})
# "Secretariat of the OIC" is an organisation; "Council of the SCO Interbank Consortium" a governing organ.
BARE_OF_ORG = frozenset({"Secretariat"})
DIPLOMATIC_HEADS = frozenset({"Embassy", "Consulate", "Mission", "Representation", "Office"})
# State bodies that a country adjective qualifies ("Russian Armed Forces", "Chinese Embassy").
NATIONAL_HEADS = frozenset({"Ministry", "Embassy", "Consulate", "Government", "Parliament", "Senate", "Forces",
                            "Service", "Guard", "Police", "Army", "Navy", "Cabinet", "Mission"})
ACADEMIC_HEADS = frozenset({"University", "Institute", "Academy", "School", "College", "Lyceum"})
PARLIAMENT_HEADS = frozenset({"Parliament", "Assembly", "Senate", "Chamber", "Congress", "Duma", "Khural", "Kenesh",
                              "Majlis", "Mejlis"})
COMPANY_HEADS = frozenset({"Bank", "Fund", "Corporation", "Company", "Group", "Holding", "Holdings"}) | COMPANY_SUFFIXES
NGO_HEADS = frozenset({"Association", "Society", "Foundation", "Club", "League", "Alliance", "Federation"})
# Heads of proper names kept as written ("Institute of China and Contemporary Asia", "Development Bank of Kazakhstan"),
# unlike state bodies named after the state's official name.
PROPER_NAME_HEADS = ACADEMIC_HEADS | COMPANY_HEADS | NGO_HEADS
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
VENUE_HEADS = frozenset({"Centre", "Center"})
# Modifiers that make a "Centre" a venue, not a body ("National Exhibition and Convention Centre").
VENUE_WORDS = frozenset({"Exhibition", "Convention", "Expo", "Congress", "Press", "Media", "Shopping", "Trade",
                         "Business", "Conference", "Sports", "Sport", "Fitness", "Historic", "Historical"})
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
TITLES_BEFORE_OF = frozenset({"Head", "Heads", "Minister", "Ministers", "Secretary", "Chairman", "Director", "Chief"})
COMPLEMENT_WORDS = frozenset({"of", "for", "on"})
SCHOOL_SPELLINGS = frozenset({"school", "School", "SCHOOL"})
SCHOOL_WORDS = frozenset({"general", "secondary", "educational", "high", "primary", "middle", "comprehensive",
                          "boarding", "specialised", "specialized", "international", "public", "private",
                          "language", "education"})


@dataclass(frozen=True)
class Organisation:
    canonical_name: str
    acronym: str | None
    org_type: str  # intergovernmental, national_body, ministry, parliament, company, academic, ngo, other
    country_iso3: str | None
    # derived once here, not cached_property: compiled (mypyc) classes have no instance dict to cache in
    head_phrase: str = field(init=False, repr=False, compare=False)  # the name before its first complement, in
    # British spelling: what an elliptical form repeats
    parent_name: str | None = field(init=False, repr=False, compare=False)  # the organisation a body belongs to:
    # "Secretariat of the X" -> "X"

    def __post_init__(self) -> None:
        words = []
        for word in self.canonical_name.split():
            if word in {"of", "for", "on", "in"}:
                break
            words.append(british(word))
        object.__setattr__(self, "head_phrase", " ".join(words))
        head, sep, rest = self.canonical_name.partition(" of the ")
        object.__setattr__(self, "parent_name", rest if sep and head.split()[-1] in HEADS else None)


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
    """Runs the genre patterns over one text's tokens, read by their columns."""

    def __init__(self, text: str, tokens: TokenList, anchors: dict[int, Anchor], listed: list[Found],
                 official: Callable[[str], str], resolve: Callable[[str], Organisation | None],
                 generic_heads: frozenset[str], heads: list[int] | None = None) -> None:
        self.text = text
        self.tokens = tokens
        self.texts, self.starts, self.ends = tokens.texts, tokens.starts, tokens.ends
        self.anchors = anchors
        self.official = official  # iso3 -> official name as it reads after "of"
        self.resolve_listed = resolve  # a canonical name -> the listed organisation, if any
        self.generic_heads = generic_heads  # head phrases of listed bodies ("Executive Committee")
        self.heads = indexes_of(tokens, HEADS) if heads is None else heads  # the tokens that are `HEADS`
        self.listed_cover = set().union(*[range(f.first, f.last + 1) for f in listed])
        self.place_cover = set().union(*[range(a.first, a.last + 1) for a in anchors.values() if a.kind != "org"])

    def run(self) -> list[Found]:
        found = [f for h in self.heads
                 if h not in self.listed_cover and h not in self.place_cover and (f := self._candidate(h)) is not None]
        found += self._schools(found)
        found += self._acronym_definitions(found)
        return _drop_crossing(found)

    # --- tokens ---------------------------------------------------------------------------------------------
    def _word(self, i: int) -> str:
        return self.texts[i] if 0 <= i < len(self.texts) else ""

    def _is_name_word(self, i: int) -> bool:
        if not 0 <= i < len(self.texts):
            return False
        word = self.texts[i]
        return is_capitalised_word(word) and word not in NOT_NAME_WORDS

    def _slice(self, first: int, last: int) -> str:
        return self.text[self.starts[first]:self.ends[last]]

    # --- one candidate around head token h ---------------------------------------------------------------------
    def _candidate(self, h: int) -> Found | None:
        head = self._word(h)
        hl = h + 1 if FUSED_AFTER.get(head) == self._word(h + 1) else h  # last token of the head
        nxt = self._word(hl + 1)
        if self._is_name_word(hl + 1) and (nxt in BLOCKING_NEXT or nxt in HEADS):
            return None
        first = self._left(h)
        if head in VENUE_HEADS and any(self._word(i) in VENUE_WORDS for i in range(first, h)):
            return None
        if head in COMPANY_SUFFIXES and h - 1 in self.listed_cover:
            return None  # "Samruk-Kazyna JSC": the listed company itself
        if first == h and head in PREFIX_FORMS and self._is_name_word(h + 1) and not self._is_name_word(h - 1):
            return self._prefixed_company(h)
        if head in NEEDS_MODIFIER and not self._names_it(first, h):
            return None
        parts: list[_Part] = []
        last = hl
        if nxt in COMPLEMENT_WORDS or (head in DIPLOMATIC_HEADS and nxt in {"in", "to"}):
            parts, last = self._complement(hl + 1, head)
        parent = next((p.anchor for p in parts if p.kind == "anchor"), None)
        if head == "Mission" and parent is None and self._word(first) != "Permanent":
            return None  # "Peace Mission 2021" is an exercise; a mission is "of"/"to" someone
        if parent is not None and parent.org is not None and _starts_complement(parts, parent) \
                and parent.org.org_type != "parliament" and " Party" not in parent.org.canonical_name \
                and first == h and head not in BARE_OF_ORG:
            return None  # "Council of the SCO Interbank Consortium": a governing organ, not listed apart
        if not parts and hl == h and (first == h or all(self._word(i) in FUSED_BEFORE for i in range(first, h))):
            return None  # "the General Staff": elliptical, or generic
        if first == h and self._word(h - 1) == "of" and self._word(h - 2) in TITLES_BEFORE_OF:
            return None  # "Head of Government" is a title
        if not parts and all(i not in self.anchors for i in range(first, h)) \
                and " ".join(british(self._word(i)) for i in range(first, h + 1)) in self.generic_heads:
            return None  # "the Executive Committee": left to the elliptical pass
        return Found(self._organisation(first, h, hl, parts), first, last, f"pattern:{head.lower()}")

    def _names_it(self, first: int, h: int) -> bool:
        """Whether the modifiers before a head that needs them name the body ("China Merchants Group", not
        "SCO Working Group")."""
        if self._word(h) != "Group":
            return first < h
        return any(i not in self.anchors and self._word(i) not in GENERIC_GROUP_WORDS and self._is_name_word(i)
                   for i in range(first, h) if not any(a.first < i <= a.last for a in self.anchors.values()))

    def _prefixed_company(self, h: int) -> Found:
        """"JSC National Company KazMunayGas", "PJSC Gazprom": the legal form written before the name."""
        last = h + 1
        while self._is_name_word(last + 1):
            last += 1
        name = self._slice(h, last)
        return Found(self.resolve_listed(name) or Organisation(name, None, "company", None), h, last,
                     f"pattern:{self._word(h).lower()}")

    def _left(self, h: int) -> int:
        """First token of the capitalised modifiers before head `h`."""
        i = h
        while i > 0:
            k = i - 1
            word = self.texts[k]
            if word == "s" and self._word(k - 1) == "'":
                i, go_on = self._possessor(k - 2, i)
                if not go_on:
                    break
            elif self._is_name_word(k):
                if k in self.listed_cover and not self._single_anchor(k):
                    break
                i = k
            elif word in FUSED_BEFORE and self._fused(k):
                i = k
            elif word in ABBREVIATION_MARKS and self._word(h) in COMPANY_SUFFIXES and self._abbreviation_before(k):
                i = k  # "Huawei Technologies Co., Ltd"
            elif word == "and" and i < h and self._joins_fields(k):
                i = k - 1  # "the Science and Education Exchange Centre"
            else:
                break
        return i

    def _possessor(self, k: int, i: int) -> tuple[int, bool]:
        """Where the modifiers start given a possessive "'s" after token `k` (`i` when they stop before it), and
        whether they may go on further left."""
        owner = self._owner_before(k)
        if owner is not None:
            return owner, False  # "the SCO's Secretariat": the Secretariat of the SCO
        if self._word(k) in HEADS and self._word(k - 1) in {"the", "The"}:
            return i, False  # "the Organisation's Secretariat": an elliptical owner, left to the elliptical pass
        if (self._is_name_word(k) or self._word(k) in FUSED_BEFORE and self._fused(k)) \
                and k not in self.place_cover and k not in self.listed_cover:
            return k, True  # "People's", "Women's", "Prosecutor General's", but not the possessive "China's"
        return i, False

    def _owner_before(self, k: int) -> int | None:
        """First token of the listed organisation ending at `k` that owns a Secretariat after it ("SCO's")."""
        if self._word(k + 3) != "Secretariat":
            return None
        return next((a.first for a in self.anchors.values() if a.last == k and a.kind == "org"), None)

    def _fused(self, k: int) -> bool:
        """Whether a word of `FUSED_BEFORE` joins the name: "General" in "the General Staff", "Prosecutor General's
        Office", but not in "Secretary General"."""
        if k <= 0:
            return True
        before = self.texts[k - 1]
        return not is_capitalised_word(before) or before in ARTICLES or before in OFFICE_OWNERS \
            or k - 1 in self.listed_cover

    def _abbreviation_before(self, k: int) -> bool:
        while self._word(k) in ABBREVIATION_MARKS:
            k -= 1
        return self._word(k) in ABBREVIATED

    def _joins_fields(self, k: int) -> bool:
        """Whether "and" at `k` joins two fields of one name: a lone capitalised word after an article that is no
        country, place or listed organisation ("the Science and Education ...", not "Arts and Lanzhou ...")."""
        before = k - 1
        return self._is_name_word(before) and before not in self.place_cover and before not in self.listed_cover \
            and before not in self.anchors and k >= 2 and self.texts[k - 2] in ARTICLES

    def _single_anchor(self, k: int) -> bool:
        anchor = self.anchors.get(k)
        return anchor is not None and anchor.first == anchor.last == k

    def _new_name(self, j: int) -> bool:
        """Whether the name words from `j` reach a head of their own."""
        k = j
        while self._is_name_word(k):
            if self._word(k) in HEADS:
                return True
            k += 1
        return False

    def _complement(self, start: int, head: str) -> tuple[list[_Part], int]:
        """The "of ..."/"for ..."/"in ..." complement, stopping before a personal name after an anchor."""
        allowed = COMPLEMENT_WORDS | {"and", "under"} | ({"in", "to"} if head in DIPLOMATIC_HEADS else set())
        parts: list[_Part] = []
        i, last = start, start - 1
        while self._word(i) in allowed:
            word = self._word(i)
            if word == "and" and (not parts or self._word(i + 1) == "the"):
                break
            j = i + 2 if self._word(i + 1) == "the" else i + 1
            if word == "under" and (j != i + 2 or self._word(j) not in UNDER_OWNERS):
                break  # "Institute ... under the President of ...", not "under the chairmanship of"
            anchor = self.anchors.get(j)
            if anchor is None and not self._is_name_word(j) and word != "under":
                break
            if word == "and" and (anchor is not None and anchor.kind != "place" or self._new_name(j)):
                break  # "... of Social Sciences and Fudan University", "... and UN Women": another organisation
            parts.append(_Part("conn", i, i))
            if j == i + 2:
                parts.append(_Part("the", i + 1, i + 1))
            if anchor is not None and anchor.kind == "adjective" and self._is_name_word(anchor.last + 1):
                anchor = None  # "of the Kazakh Armed Forces": the adjective only opens a name
            if anchor is not None:
                parts.append(_Part("anchor", anchor.first, anchor.last, anchor))
                i = last = anchor.last
                i += 1
                continue
            k = j
            while self._word(k) not in HEADS and self._is_name_word(k + 1):
                inner = self.anchors.get(k + 1)  # "East China Normal University": a country inside a longer name
                if inner is not None and not (k == j and j in self.anchors) \
                        and not (inner.kind != "org" and self._is_name_word(inner.last + 1)):
                    break
                k = inner.last if inner is not None else k + 1  # up to a head: "of the National University of"
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
    def _organisation(self, first: int, h: int, hl: int, parts: list[_Part]) -> Organisation:
        head = self._word(h)
        lead = self.anchors.get(first) if first < h else None
        if lead is not None and lead.kind == "adjective" and lead.iso3 and head in NATIONAL_HEADS:
            return self._national(lead.iso3, first, h, hl, parts)
        lead_country = lead.iso3 if lead is not None and lead.kind in {"country", "adjective"} else None
        if lead is not None and lead.kind == "org" and lead.org is not None:
            rest = self._slice(lead.last + 1, h) if lead.last < h else ""
            if " Party" in lead.org.canonical_name and head in PARTY_BODY_HEADS and rest:
                return self._resolve(f"{rest} of the {lead.org.canonical_name}", lead.org.country_iso3, head)
            if head == "Secretariat" and (lead.last + 1 == h or self._word(lead.last + 1) == "'"):
                return self._resolve(f"Secretariat of the {lead.org.canonical_name}", None, head, "intergovernmental")
        countries = [p.anchor.iso3 for p in parts if p.anchor and p.anchor.kind in {"country", "adjective"}]
        name = " ".join([self._slice(first, hl), *self._render(parts, head)])
        return self._resolve(name, countries[0] if countries else lead_country, head)

    def _national(self, iso3: str, first: int, h: int, hl: int, parts: list[_Part]) -> Organisation:
        """"Russian Armed Forces", "Chinese Foreign Ministry", "Kazakh Ministry of Defence", "Chinese Embassy in X"."""
        head = self._word(h)
        rest = self._slice(first + 1, h - 1) if first + 1 < h else ""
        complement = " ".join(self._render(parts, head))
        of_country = f"of {self.official(iso3)}"
        if head in DIPLOMATIC_HEADS:
            name = " ".join(x for x in [rest, self._slice(h, hl), of_country, complement] if x)
        elif head == "Ministry" and rest:
            subject = "Foreign Affairs" if rest == "Foreign" else rest
            name = " ".join(x for x in ["Ministry of", subject, complement, of_country] if x)
        else:
            name = " ".join(x for x in [rest, head, complement, of_country] if x)
        return self._resolve(name, iso3, head)

    def _render(self, parts: list[_Part], head: str) -> list[str]:
        states = {"country", "adjective"} if head not in PROPER_NAME_HEADS else set()  # written officially
        out = []
        for n, part in enumerate(parts):
            following = parts[n + 1] if n + 1 < len(parts) else None
            if part.kind == "conn":
                word = self._word(part.first)
                if word == "to" and head in DIPLOMATIC_HEADS:  # "Embassy ... to the PRC", not "Mission ... to the UN"
                    target = next((q.anchor for q in parts[n + 1:] if q.kind in {"words", "anchor"}), None)
                    word = "in" if target is not None and target.kind != "org" else word
                out.append(word)
            elif part.kind == "the":
                if not (following and following.anchor and following.anchor.kind in states | {"org"}):
                    out.append("the")
            elif part.kind == "words" or part.anchor is None:
                out.append(self._slice(part.first, part.last))
            elif part.anchor.kind in states and part.anchor.iso3:
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
        if "chool" not in self.text and "CHOOL" not in self.text:
            return []  # no token can be a "school": spare the scan
        heads = indexes_of(self.tokens, SCHOOL_SPELLINGS)
        by_start = {f.first: f for f in found}
        out = []
        for h in heads:
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
        return [Found(acronyms[self.texts[i]], i, i, "acronym") for i in indexes_of(self.tokens, acronyms)
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
