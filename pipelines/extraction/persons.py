"""Named persons of a release: names, titles, the organisation and country of the office, later references.

The genre writes "<title> <Name>" ("Speaker of the Senate of the Oliy Majlis of the Republic of Uzbekistan
Tanzila Narbaeva"), so a name is a run of capitalised tokens that are not title, organisation, country or
place words, and its title is the chain of title words, entity mentions and connectors right before it.
Later references ("Mr Norov", "President Japarov", "the Secretary-General", "the Chinese official") are
resolved to the one person they can mean in the release; offices.csv names the holder of an office on the
release date when the text gives the office but not the holder's title.
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from pipelines.extraction.person_lexicon import LOWER_CASE_KINDS, KnownPerson, Office, PersonLexicon, phrase_tokens
from pipelines.extraction.records import CountryRef, Mention, OrgRef, PersonRef, PlaceRef
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR
from pipelines.extraction.sentences import (
    Sentence,
    TokenList,
    fold,
    split_sentences,
    tokenize,
)
from pipelines.extraction.textutil import indexes_in

CONNECTORS = frozenset({"of", "the", "for", "to", "and", "in", "on", "at", "&", "'s"})
TITLE_KINDS = frozenset({"head", "modifier", "role", "plural", "occupation"})
HEAD_KINDS = frozenset({"head", "role", "plural", "occupation"})
ROLE_KINDS = frozenset({"head", "role", "occupation"})  # singular offices that "the X" can refer back to
INTERNATIONAL_TYPES = frozenset({"intergovernmental", "ngo"})
# Offices that belong to the organisation the release is about when the title names none ("Deputy
# Secretary-General Wang Kaiwen" in an SCO release).
HOME_OFFICE_HEADS = frozenset({"secretary-general", "secretary general", "executive secretary", "secretaries-general"})
_HOME_OFFICE_KEYS = frozenset({k.replace("-", " ") for k in HOME_OFFICE_HEADS}
                              | {"deputy " + k.replace("-", " ") for k in HOME_OFFICE_HEADS})
DESTINATION_WORDS = frozenset({"to", "in", "for", "at"})
ACADEMIC_HONORIFICS = frozenset({"professor", "academician"})
_REFERENCE_KINDS = ROLE_KINDS | {"descriptor"}  # title kinds that a later reference names a person by
_CHAIN_TITLE_KINDS = TITLE_KINDS | {"rank"}  # the title words of a chain before a name
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_DIGIT = re.compile(r"\d")
_FIRST = attrgetter("first")
# `fold` of a word or name: asked for every name, surname and known-name word, and the same ones recur
_fold = lru_cache(maxsize=1 << 15)(fold)
# What the spelling of a token says (bits of `PersonExtractor.word_classes`)
_CAPITALISED = 1
_NAME_SHAPE = 2  # capitalised, no digits, not an acronym
_KNOWN_FIRST = 4  # folded, the first word of a known person's spelling
_WORD_MEMO_SIZE = 1 << 16


class _WordClasses(dict[str, int]):
    """The spelling bits of a token text (`_CAPITALISED`...), memoised: the same words recur from release to release,
    so a release reads the bits of all its tokens in one C-level pass (`map(word_classes.__getitem__, texts)`)."""

    def __init__(self, known_first: frozenset[str]) -> None:
        super().__init__()
        self._known_first = known_first

    def __missing__(self, word: str) -> int:
        if len(self) > _WORD_MEMO_SIZE:
            self.clear()
        value = 0
        if word[0].isupper():
            value = _CAPITALISED
            if fold(word) in self._known_first:
                value |= _KNOWN_FIRST
            if (word.isalpha() or not _DIGIT.search(word)) and not (len(word) > 1 and word.isupper() and "-" not in word):
                value |= _NAME_SHAPE
        self[word] = value
        return value


@lru_cache(maxsize=1 << 12)
def _family_keys(canonical: str) -> frozenset[str]:
    """The folded keys a surname reference may use for a person; asked of every person for every reference."""
    parts = canonical.split()
    if len(parts) == 2:
        return frozenset({fold(parts[-1]), fold(parts[0])})  # Chinese order: "Mr Zhang" for Zhang Ming
    return frozenset({fold(parts[-1])})


@lru_cache(maxsize=1 << 12)
def _similar(spelling: str, other: str) -> bool:
    """Two spellings of one name ("Ermekbaev", "Yermekbayev"); the same pairs recur from release to release."""
    return difflib.SequenceMatcher(None, spelling, other).ratio() >= 0.8


@dataclass
class _Entities:
    """Organisation, country and place mentions of one release, indexed by token."""

    kind: list[str | None]
    orgs: Sequence[OrgRef]
    countries: Sequence[CountryRef]
    places: Sequence[PlaceRef]


@dataclass
class _Draft:
    """A person being assembled from the mentions of one release."""

    canonical: str
    key: str
    first: int
    known: KnownPerson | None
    rule: str
    mentions: list[Mention] = field(default_factory=list)
    titles: list[tuple[int, int]] = field(default_factory=list)  # token ranges [first, last) of titles
    office_title: Mention | None = None  # from an office reference ("the SCO Secretary-General")
    office_org: str | None = None
    bracket_country: str | None = None
    descriptor_country: str | None = None
    title: Mention | None = None
    org_name: str | None = None
    country: str | None = None
    # the office keys of the titles and the one-word keys among them, kept with the state they were read from
    # (number of titles, office title): every role reference asks them of every person
    office_keys: tuple[set[str], set[str]] | None = None
    office_keys_state: tuple[int, Mention | None] | None = None

    @property
    def family_keys(self) -> frozenset[str]:
        return _family_keys(self.canonical)

    @property
    def last_mention(self) -> int:
        return max(m.start for m in self.mentions)


@dataclass
class _Run:
    first: int
    last: int  # exclusive
    known: KnownPerson | None


class PersonExtractor:
    """Finds the named persons of a release; built once, then called per release."""

    def __init__(self, lexicon: PersonLexicon) -> None:
        self.lex = lexicon
        self._given = lexicon.words.get("given_name", frozenset())
        self._chinese = lexicon.words.get("chinese_surname", frozenset())
        self._not_name = lexicon.words.get("not_name", frozenset())
        self._particles = lexicon.words.get("particle", frozenset())
        self._verbs = lexicon.words.get("subject_verb", frozenset())
        self._adverbs = lexicon.words.get("adverb", frozenset())
        self._patronymic = tuple(lexicon.words.get("patronymic_suffix", frozenset()))
        self._function_words = lexicon.words.get("function_word", frozenset())
        self._offices_by_day: dict[date | None, tuple[Office, ...]] = {}
        self.word_classes = _WordClasses(lexicon.known_first)

    def offices_on(self, day: date | None) -> tuple[Office, ...]:
        """The offices of offices.csv held on `day`, in file order; memoised by day, asked of every role reference."""
        offices = self._offices_by_day.get(day)
        if offices is None:
            offices = () if day is None else tuple(o for o in self.lex.offices if o.valid_from <= day <= o.valid_to)
            self._offices_by_day[day] = offices
        return offices

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> PersonExtractor:
        return cls(PersonLexicon.load(reference_dir))

    def find(
        self,
        text: str,
        *,
        orgs: Sequence[OrgRef] = (),
        countries: Sequence[CountryRef] = (),
        places: Sequence[PlaceRef] = (),
        published: date | None = None,
        tokens: TokenList | None = None,
        sentences: list[Sentence] | None = None,
    ) -> tuple[PersonRef, ...]:
        """Every named person of `text`, in order of first mention."""
        tokens = tokens if tokens is not None else tokenize(text)
        sentences = sentences if sentences is not None else split_sentences(text, tokens)
        return _Release(self, text, tokens, sentences, orgs, countries, places, published).persons()


class _Release:
    """The work on one release: token flags, name runs, drafts, references."""

    def __init__(self, ex: PersonExtractor, text: str, tokens: TokenList, sentences: list[Sentence],
                 orgs: Sequence[OrgRef], countries: Sequence[CountryRef], places: Sequence[PlaceRef],
                 published: date | None) -> None:
        self.ex, self.lex, self.text, self.tokens = ex, ex.lex, text, tokens
        self.sentences = sentences
        self.published = published
        self.keys, self.texts, self.starts, self.ends = tokens.lows, tokens.texts, tokens.starts, tokens.ends
        self.classes = list(map(ex.word_classes.__getitem__, self.texts))
        self.capitalised = [index for index, bits in enumerate(self.classes) if bits]
        self.entities = self._index_entities(orgs, countries, places)
        self.title_kind, self.title_phrase = self._index_titles()
        self.is_name, self.run_starts = self._name_tokens()
        self.in_person = [False] * len(tokens)
        self._shared_title: tuple[tuple[int, int], int] | None = None
        self.drafts: list[_Draft] = []
        self.home_org = self._home_org(orgs)
        # memos of what a title says, by token range: asked again for every role reference
        self._title_facts_memo: dict[tuple[int, int], tuple[str | None, str | None, bool]] = {}

    # ---- indexes -------------------------------------------------------------------------------------------

    def _token_range(self, start: int, end: int) -> range:
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        return range(first, last)

    def _index_entities(self, orgs: Sequence[OrgRef], countries: Sequence[CountryRef],
                        places: Sequence[PlaceRef]) -> _Entities:
        kind: list[str | None] = [None] * len(self.tokens)
        starts = self.starts
        spans = [("place", ref.mention) for ref in places] + [("country", ref.mention) for ref in countries] \
            + [("org", ref.mention) for ref in orgs]  # later kinds overwrite earlier ones
        for label, mention in spans:
            first, last = bisect.bisect_left(starts, mention.start), bisect.bisect_left(starts, mention.end)
            kind[first:last] = [label] * (last - first)
        return _Entities(kind, orgs, countries, places)

    def _index_titles(self) -> tuple[list[str | None], dict[int, tuple[int, str]]]:
        """Title-word kind per token, and the phrases by first token: (length, kind)."""
        kinds: list[str | None] = [None] * len(self.tokens)
        phrases: dict[int, tuple[int, str]] = {}
        following = 0  # the first token after the last title phrase
        for index in indexes_in(self.keys, self.lex.titles.longest_by_first):  # the tokens that can begin a title
            if index < following:
                continue
            found = self.lex.titles.match(self.keys, index)
            if found is None:
                continue
            length, kind = found
            if not self.texts[index][0].isupper() and kind not in LOWER_CASE_KINDS:
                continue
            phrases[index] = (length, kind)
            kinds[index:index + length] = [kind] * length
            following = index + length
        return kinds, phrases

    def _home_org(self, orgs: Sequence[OrgRef]) -> str | None:
        """The international organisation the release is about: the most mentioned one."""
        names = [o.canonical_name for o in orgs if o.org_type == "intergovernmental"]
        # max keeps the first of equals: of the most mentioned, the first in alphabetical order
        return max(sorted(set(names)), key=names.count) if names else None

    # ---- name runs -----------------------------------------------------------------------------------------

    def _name_tokens(self) -> tuple[list[bool], list[int]]:
        """Whether each token can be part of a name: spelt like one (`_NAME_SHAPE`), not a title, entity or non-name
        word (set once, as the name runs, titles and later references all ask it); and the tokens a name run can start
        at: those and the first words of known persons."""
        flags = [False] * len(self.tokens)
        starts = []
        title_kind, entity_kind, classes, keys = self.title_kind, self.entities.kind, self.classes, self.keys
        not_name = self.ex._not_name
        for index in self.capitalised:
            if classes[index] & _NAME_SHAPE and title_kind[index] is None and entity_kind[index] is None \
                    and keys[index] not in not_name:
                flags[index] = True
                starts.append(index)
            elif classes[index] & _KNOWN_FIRST:
                starts.append(index)
        return flags, starts

    def _joined(self, left: int, right: int) -> bool:
        """Whether two neighbouring tokens are separated by plain spaces only."""
        return self.text[self.ends[left]:self.starts[right]] == " "

    def _known_at(self, index: int) -> tuple[int, KnownPerson] | None:
        """The longest known person spelt from the capitalised token `index` on (tokens folded when capitalised,
        as `low` otherwise)."""
        lex, texts = self.lex, self.texts
        prefixes = lex.known_prefixes
        folded: list[str] = []
        best = None
        for offset in range(min(lex.known_longest, len(self.tokens) - index)):
            position = index + offset
            if offset and not (self._joined(position - 1, position) or texts[position] in {".", "-"}):
                break
            word = texts[position]
            folded.append(_fold(word) if word[0].isupper() else self.keys[position])
            key = tuple(folded)
            person = lex.known.get(key)
            if person is not None:
                best = (offset + 1, person)
            elif key not in prefixes:
                break
        return best

    def _runs(self) -> list[_Run]:
        runs: list[_Run] = []
        total = len(self.tokens)
        following = 0  # the first token after the last run
        is_name, classes = self.is_name, self.classes
        for index in self.run_starts:
            if index < following:
                continue
            known = self._known_at(index) if classes[index] & _KNOWN_FIRST else None
            if known is not None and "org" not in self.entities.kind[index:index + known[0]]:
                runs.append(_Run(index, index + known[0], known[1]))
                following = index + known[0]
                continue
            if not is_name[index]:
                continue
            last = index + 1
            while last < total and self._joined(last - 1, last):
                if is_name[last]:
                    last += 1
                elif (self.keys[last] in self.ex._particles and last + 1 < total and self._joined(last, last + 1)
                      and is_name[last + 1]):
                    last += 2
                else:
                    break
            runs.append(_Run(index, last, None))
            following = last
        return runs

    # ---- titles --------------------------------------------------------------------------------------------

    def _prefix(self, first: int) -> int:
        """Index of the first honorific/rank token right before a name (== first when none)."""
        index = first
        while index > 0 and self.title_kind[index - 1] in {"honorific", "rank"} and (
                self._joined(index - 1, index) or self.texts[index] == "."):
            index -= 1
        while index > 0 and self.texts[index - 1] == "." and self.title_kind[index - 2] == "honorific":
            index -= 2  # "Mr. Norov"
        return index

    def _chain(self, end: int) -> tuple[int, bool]:
        """Start of the title chain that ends right before token `end`, and whether it is a real title."""
        text, texts, starts, ends, keys = self.text, self.texts, self.starts, self.ends, self.keys
        title_kind, entity_kind, in_person = self.title_kind, self.entities.kind, self.in_person
        index = end - 1
        depth = 0
        while index >= 0 and "\n" not in text[ends[index]:starts[index + 1]]:
            word = texts[index]
            if word == ")":
                depth += 1
            elif word == "(":
                if depth == 0:
                    break
                depth -= 1
            elif not depth and (in_person[index] or not (
                    title_kind[index] in _CHAIN_TITLE_KINDS or entity_kind[index] or keys[index] in CONNECTORS
                    or word[0].isupper() or (word[0].isdigit() and word[-2:] in _ORDINAL_SUFFIXES))):
                break
            index -= 1
        start = index + 1
        # The title starts at its first title word or entity: "On 4 January 2025, President ..." is cut at
        # the comma already; "Today President X" loses "Today".
        while start < end and not (title_kind[start] in TITLE_KINDS or entity_kind[start]):
            start += 1
        has_head = any(title_kind[i] in HEAD_KINDS and entity_kind[i] is None for i in range(start, end))
        return start, has_head

    # ---- main ----------------------------------------------------------------------------------------------

    def persons(self) -> tuple[PersonRef, ...]:
        singles: list[_Run] = []
        for run in self._runs():
            if run.known is None and run.last - run.first == 1:
                singles.append(run)
                continue
            self._consider(run)
        self._merge_similar()
        for run in singles:
            self._resolve_single(run)
        self._resolve_roles()
        for draft in self.drafts:
            self._finish(draft)
        return tuple(self._ref(d) for d in sorted(self.drafts, key=_FIRST))

    def _consider(self, run: _Run) -> None:
        first, last = run.first, run.last
        prefix = self._prefix(first)
        honorific = "honorific" in self.title_kind[prefix:first]
        chain_start, has_head = self._chain(prefix)
        inside_title = has_head and chain_start < prefix and self.keys[prefix - 1] in CONNECTORS
        bracket = self._bracket_country(last)
        words = last - first
        accepted = (run.known is not None or not inside_title and (
            has_head or honorific or bracket is not None or self._looks_like_name(first, last)))
        if accepted and not has_head and self._names_a_thing(last):
            accepted = False
        if not accepted:
            return
        self.in_person[first:last] = [True] * (last - first)
        canonical = run.known.canonical_name if run.known else self._canonical(self.texts[first:last])
        draft = self._draft_for(canonical, run.known, first, "title_name" if has_head else "name")
        mention_start = self.starts[prefix] if honorific and words == 1 else self.starts[first]
        draft.mentions.append(self._mention(mention_start, self.ends[last - 1]))
        if has_head and not inside_title:
            draft.titles.append(self._trim_title(chain_start, prefix))
            plural = "plural" in self.title_kind[chain_start:prefix]
            self._shared_title = (self._trim_title(chain_start, prefix), last) if plural else None
        elif self._shared_title is not None and self._continues_list(self._shared_title[1], prefix):
            # "Deputy Secretaries-General Sohail Khan and Oleg Kopylov": the plural title is both men's
            draft.titles.append(self._shared_title[0])
            self._shared_title = (self._shared_title[0], last)
        elif not has_head:
            following = self._apposition(last)
            if following is not None:
                draft.titles.append(following)
        if bracket is not None and draft.bracket_country is None:
            draft.bracket_country = bracket

    def _continues_list(self, previous_end: int, start: int) -> bool:
        between = self.keys[previous_end:start]
        return 0 < len(between) <= 2 and all(k in {",", "and"} for k in between)

    def _trim_title(self, start: int, end: int) -> tuple[int, int]:
        """Drop trailing connectors, and an academic honorific after another office ("Rector of Sochi State
        University Professor Galina Romanova")."""
        while end > start and self.keys[end - 1] in CONNECTORS:
            end -= 1
        if end - start > 1 and self.keys[end - 1] in ACADEMIC_HONORIFICS and any(
                self.title_kind[i] in HEAD_KINDS for i in range(start, end - 1)):
            end -= 1
        return start, end

    def _apposition(self, last: int) -> tuple[int, int] | None:
        """A title after the name: "Zhang Ming, Secretary-General of the SCO, said"."""
        start = last + 1
        if last >= len(self.tokens) or self.keys[last] != "," or start >= len(self.tokens):
            return None
        if self.keys[start] == "the":
            start += 1
        end = start
        while end < len(self.tokens) and (self.title_kind[end] in TITLE_KINDS or self.entities.kind[end]
                                          or self.keys[end] in CONNECTORS or self.texts[end][0].isupper()):
            if self.in_person[end] or (self.is_name[end] and self.title_kind[end] is None
                                       and not self.entities.kind[end] and self.keys[end - 1] not in CONNECTORS):
                return None
            end += 1
        if end >= len(self.tokens) or self.keys[end] not in {",", "."} or self.title_kind[start] not in TITLE_KINDS:
            return None
        if not any(self.title_kind[i] in HEAD_KINDS for i in range(start, end)):
            return None
        return self._trim_title(start, end)

    def _names_a_thing(self, last: int) -> bool:
        """A person's name inside the name of a thing: "Alexander Nevsky Cathedral", "Nazarbayev University"."""
        if last >= len(self.tokens) or not self._joined(last - 1, last):
            return False
        key = self.keys[last]
        return self.texts[last][0].isupper() and (key in self.ex._not_name or self.entities.kind[last] == "org") \
            and key not in self.ex._function_words

    def _looks_like_name(self, first: int, last: int) -> bool:
        words = last - first
        if not 2 <= words <= 4:
            return False
        if self.keys[first] in self.ex._given or self.keys[first] in self.ex._chinese:
            return True
        following = last
        while following < len(self.tokens) and self.keys[following] in self.ex._adverbs:
            following += 1
        if following < len(self.tokens) and self.keys[following] in self.ex._verbs:
            return True
        before = first - 1
        return before >= 1 and self.keys[before] in {",", "and"} and self.in_person[before - 1]

    def _bracket_country(self, last: int) -> str | None:
        """The country in "Zhang Deguang (People's Republic of China)"."""
        if last + 1 >= len(self.tokens) or self.texts[last] != "(":
            return None
        close = last + 1
        while close < len(self.tokens) and close - last < 10 and self.texts[close] != ")":
            close += 1
        start, end = self.ends[last], self.starts[min(close, len(self.tokens) - 1)]
        inside = [c for c in self.entities.countries if start <= c.mention.start and c.mention.end <= end]
        return inside[0].iso3 if inside else None

    def _canonical(self, words: list[str]) -> str:
        if len(words) >= 3:
            words = [words[0]] + [w for w in words[1:-1] if not w.lower().endswith(self.ex._patronymic)] + [words[-1]]
        return " ".join(words)

    def _draft_for(self, canonical: str, known: KnownPerson | None, first: int, rule: str) -> _Draft:
        key = _fold(canonical)
        for draft in self.drafts:
            if draft.key == key:
                return draft
        draft = _Draft(canonical, key, self.starts[first], known, rule)
        self.drafts.append(draft)
        return draft

    def _mention(self, start: int, end: int) -> Mention:
        return Mention(start, end, self.text[start:end])

    def _merge_similar(self) -> None:
        """One person for "Nurlan Ermekbaev" and "Nurlan Yermekbayev" when the known list lacks one spelling."""
        merged: list[_Draft] = []
        by_given: dict[str, list[tuple[str, _Draft]]] = {}  # the merged names of two words or more by first word
        for draft in self.drafts:
            parts = draft.key.split()
            target = None
            if len(parts) >= 2:
                target = next((other for family, other in by_given.get(parts[0], ()) if _similar(parts[-1], family)),
                              None)
            if target is None:
                merged.append(draft)
                if len(parts) >= 2:
                    by_given.setdefault(parts[0], []).append((parts[-1], draft))
                continue
            if target.known is None and draft.known is not None:
                target.canonical, target.known = draft.canonical, draft.known
            target.mentions.extend(draft.mentions)
            target.titles.extend(draft.titles)
            target.bracket_country = target.bracket_country or draft.bracket_country
        self.drafts = merged

    # ---- later references ----------------------------------------------------------------------------------

    def _resolve_single(self, run: _Run) -> None:
        """"Mr Norov", "President Japarov", "Colonel-General Lapin", "Lapin"."""
        index = run.first
        word, end = self.texts[index], self.ends[index]
        prefix = self._prefix(index)
        honorific = any(self.title_kind[i] == "honorific" for i in range(prefix, index))
        head = None
        if prefix == index and index > 0 and self.title_kind[index - 1] in HEAD_KINDS | {"rank"} \
                and self._joined(index - 1, index):
            phrase_start = index - 1
            while phrase_start > 0 and self.title_kind[phrase_start - 1] == self.title_kind[index - 1] \
                    and phrase_start not in self.title_phrase:
                phrase_start -= 1
            prefix, head = phrase_start, self.keys[index - 1]
        elif prefix < index:
            head = self.keys[index - 1]
        key = _fold(word)
        candidates = [d for d in self.drafts if key in d.family_keys]
        if len(candidates) > 1 and head is not None:
            candidates = [d for d in candidates if any(head in self.keys[a:b] for a, b in d.titles)] or candidates
        if not candidates and honorific:
            candidates = [d for d in self.drafts if self._close_to(key, d)]
        if len(candidates) > 1:
            candidates = self._most_recent(candidates, self.starts[index])
        if len(candidates) == 1:
            candidates[0].mentions.append(self._mention(self.starts[prefix], end))
            return
        if not candidates and head is not None and not honorific:
            self._titled_surname(index, prefix, key)
        elif not candidates and honorific:
            draft = self._draft_for(word, None, index, "honorific_surname")
            draft.mentions.append(self._mention(self.starts[prefix], end))

    def _titled_surname(self, index: int, prefix: int, key: str) -> None:
        """A known person introduced by office and family name only ("Indian External Affairs Minister
        Jaishankar"): the one known person of that family name, with the title before it."""
        known = self.lex.by_surname.get(key)
        if known is None:
            return
        chain_start, has_head = self._chain(index)
        if not has_head:
            return
        self.in_person[index] = True
        draft = self._draft_for(known.canonical_name, known, index, "title_surname")
        draft.mentions.append(self._mention(self.starts[index], self.ends[index]))
        draft.titles.append(self._trim_title(chain_start, index))

    def _close_to(self, key: str, draft: _Draft) -> bool:
        """A misspelt surname: close to the family name, or built on the given name ("Rashidov")."""
        parts = [_fold(p) for p in draft.canonical.split()]
        if _similar(key, parts[-1]):
            return True
        return len(parts) >= 2 and len(parts[0]) >= 4 and key.startswith(parts[0])

    def _most_recent(self, candidates: list[_Draft], position: int) -> list[_Draft]:
        before = [(max((m.start for m in d.mentions if m.start < position), default=-1), d) for d in candidates]
        before = [(start, d) for start, d in before if start >= 0]
        if not before:
            return candidates
        best = max(start for start, _ in before)
        return [d for start, d in before if start == best]

    def _resolve_roles(self) -> None:
        """"the Secretary-General", "the SCO Secretary-General", "the Head of State", "the Chinese official"."""
        in_title = [False] * len(self.tokens)
        for draft in self.drafts:
            for first, last in draft.titles:
                in_title[first:last] = [True] * (last - first)
        for index, (length, kind) in sorted(self.title_phrase.items()):
            if kind not in _REFERENCE_KINDS or self.in_person[index] or in_title[index]:
                continue
            after = index + length
            if after < len(self.tokens) and (self.in_person[after] or self.is_name[after]) \
                    and self._joined(after - 1, after):
                continue  # a title of a name: handled with the name
            start, qualifier_org, qualifier_country, article = self._role_start(index)
            if not article:
                continue
            title_end = after  # the office with what qualifies it after: "Managing Director of X"
            if after < len(self.tokens) and self.keys[after] == "of":
                # "the Secretary-General of the United Nations": qualified after the office
                following = after + 2 if after + 2 < len(self.tokens) and self.keys[after + 1] == "the" else after + 1
                position = self.starts[following] if following < len(self.tokens) else -1
                qualifier_org = next((o for o in self.entities.orgs if o.mention.start == position), qualifier_org)
                qualifier_country = next((c.iso3 for c in self.entities.countries if c.mention.start == position),
                                         qualifier_country)
                if qualifier_org is None and qualifier_country is None:
                    continue
                qualifier = qualifier_org.mention if qualifier_org is not None else None
                if qualifier is not None and qualifier.start == position:
                    title_end = self._token_range(qualifier.start, qualifier.end).stop
            if kind == "descriptor" and qualifier_country is None:
                continue
            role_key = self._office_key(start, after, skip_entities=True)
            self._attach_role(start, after, role_key, kind, qualifier_org, qualifier_country, title_end)

    def _role_start(self, index: int) -> tuple[int, OrgRef | None, str | None, bool]:
        """Walk left over modifiers and a qualifying organisation or country to the article."""
        start = index
        while start > 0 and self.title_kind[start - 1] == "modifier" and self._joined(start - 1, start):
            start -= 1
        qualifier_end = None
        if start > 0 and self.entities.kind[start - 1] in {"org", "country"}:
            qualifier_end = self.ends[start - 1]
            while start > 0 and self.entities.kind[start - 1] in {"org", "country"}:
                start -= 1
        if start > 0 and self.keys[start - 1] in {"first", "former"}:
            start -= 1
        if not (start > 0 and self.keys[start - 1] == "the"):
            return start, None, None, False  # no article: not a reference, the qualifier is not needed
        qualifier_org: OrgRef | None = None
        qualifier_country: str | None = None
        if qualifier_end is not None:
            for org in self.entities.orgs:
                if org.mention.end == qualifier_end:
                    qualifier_org = org
            for country in self.entities.countries:
                if country.mention.end == qualifier_end:
                    qualifier_country = country.iso3
        return start, qualifier_org, qualifier_country, True

    def _office_key(self, start: int, end: int, skip_entities: bool) -> str:
        words = [self.keys[i] for i in range(start, end)
                 if self.title_kind[i] in TITLE_KINDS and not (skip_entities and self.entities.kind[i])]
        return " ".join(words).replace("-", " ")

    def _draft_office_keys(self, draft: _Draft) -> set[str]:
        keys = set()
        for first, last in draft.titles:
            for part_first, part_last in self._parts(first, last):
                # the office itself is the first run of title words: "Special Representative" of "the UN
                # Secretary-General", not the Secretary-General
                words: list[str] = []
                for index in range(part_first, part_last):
                    if self.title_kind[index] in TITLE_KINDS and not self.entities.kind[index]:
                        words.append(self.keys[index])
                    elif words:
                        break
                if words:
                    keys.add(" ".join(words).replace("-", " "))
        if draft.office_title is not None:
            keys.add(" ".join(k for k in phrase_tokens(draft.office_title.text)
                              if self.lex.titles.entries.get((k,)) in TITLE_KINDS).replace("-", " "))
        return {k for k in keys if k}

    def _role_holders(self, role_key: str, kind: str) -> list[_Draft]:
        """The persons whose titles name the office `role_key`; anyone for a descriptor ("the Chinese official")."""
        if kind == "descriptor":
            return list(self.drafts)
        wanted = {role_key, *(e.replace("-", " ") for e in self.lex.role_equivalents.get(role_key, ()))}
        role_words = role_key.split()
        holders = []
        for draft in self.drafts:
            state = (len(draft.titles), draft.office_title)  # titles are only ever added to
            if draft.office_keys_state != state:
                keys = {k.replace(" and ", " ") for k in self._draft_office_keys(draft)}
                draft.office_keys = (keys, {k.strip() for k in keys if len(k.split()) == 1})
                draft.office_keys_state = state
            keys, heads = draft.office_keys  # type: ignore[misc]  # set with its state above
            if not keys.isdisjoint(wanted):
                holders.append(draft)
            # "the Foreign Minister" for "Minister of Foreign Affairs": same head, modifiers in the title
            elif len(role_words) > 1 and role_words[-1] in heads:
                title_words = {w for a, b in draft.titles for w in self.keys[a:b]}
                if all(w in title_words for w in role_words[:-1]):
                    holders.append(draft)
        return holders

    def _attach_role(self, start: int, end: int, role_key: str, kind: str, qualifier_org: OrgRef | None,
                     qualifier_country: str | None, title_end: int) -> None:
        position = self.starts[start]
        candidates = self._role_holders(role_key, kind)
        if qualifier_org is not None:
            candidates = [d for d in candidates if self._org_of(d) == qualifier_org.canonical_name]
        if qualifier_country is not None:
            candidates = [d for d in candidates if self._country_hint(d) == qualifier_country]
        if len(candidates) > 1 and qualifier_org is None and self.home_org:
            home = [d for d in candidates if self._org_of(d) == self.home_org]
            candidates = home or candidates
        if len(candidates) > 1:
            candidates = self._most_recent(candidates, position)
        mention = self._mention(position, self.ends[end - 1])
        if len(candidates) == 1:
            candidates[0].mentions.append(mention)
            if kind == "descriptor" and qualifier_country:
                candidates[0].descriptor_country = qualifier_country
            return
        if candidates or kind == "descriptor":
            return
        holder = self._office_holder(mention.text, qualifier_org, position)
        if holder is not None:
            draft, org_name = holder
            draft.mentions.append(mention)
            if not draft.titles and draft.office_title is None:
                draft.office_title, draft.office_org = mention, org_name
            return
        if qualifier_org is not None or qualifier_country is not None:
            introduced = self._introduced_after(position)
            if introduced is not None:
                introduced.mentions.append(mention)
                introduced.titles.append((start, title_end))

    def _introduced_after(self, position: int) -> _Draft | None:
        """The untitled person named next after an office that no one named so far holds, within the next two
        sentences ("the Managing Director of X said ... Padmanabhan Raja Jaishankar also supported"): the office
        introduces the person before the name does. None when anyone else is mentioned in between."""
        later = [d for d in self.drafts if d.first > position]
        if not later:
            return None
        draft = min(later, key=lambda d: d.first)
        if draft.titles or draft.office_title is not None:
            return None
        if any(position < m.start < draft.first for other in self.drafts for m in other.mentions):
            return None
        sentence_starts = [s.start for s in self.sentences]
        distance = bisect.bisect_right(sentence_starts, draft.first) - bisect.bisect_right(sentence_starts, position)
        return draft if distance <= 2 else None

    def _office_holder(self, surface: str, qualifier_org: OrgRef | None,
                       position: int) -> tuple[_Draft, str | None] | None:
        """The person holding the office `surface` on the release date (offices.csv): the named one, or, when the
        release names no holder of an office of its own organisation ("the SCO Secretary-General noted"), the
        holder as a person of its own."""
        wanted = _fold(surface)
        org_name = qualifier_org.canonical_name if qualifier_org else self.home_org
        for office in self.ex.offices_on(self.published):
            forms = office.folded_forms
            if wanted not in forms and not (qualifier_org is None and office.org_name == org_name
                                            and any(f.endswith(" " + wanted) for f in forms)):
                continue
            for draft in self.drafts:
                if draft.canonical == office.person:
                    return draft, office.org_name
            if office.org_name is None or office.org_name != self.home_org:
                continue  # another body's office ("the UN Secretary-General") may be recalled from any year
            holder = _Draft(office.person, fold(office.person), position, None, "office_holder")
            self.drafts.append(holder)
            return holder, office.org_name
        return None

    # ---- title, organisation, country ----------------------------------------------------------------------

    def _finish(self, draft: _Draft) -> None:
        if draft.titles:
            first, last = max(draft.titles, key=lambda r: (self.ends[r[1] - 1] - self.starts[r[0]], -r[0]))
            draft.title = self._mention(self.starts[first], self.ends[last - 1])
            draft.org_name, draft.country = self._title_org_country(first, last, draft)
            return
        if draft.office_title is None:
            self._title_from_offices(draft)
        if draft.office_title is not None:
            draft.title, draft.org_name = draft.office_title, draft.office_org
            international = draft.office_org is not None
            draft.country = None if international else self._fallback_country(draft)
            return
        draft.country = self._fallback_country(draft)

    def _title_from_offices(self, draft: _Draft) -> None:
        """An untitled known office holder in a release that names the office ("The post of SCO
        Secretary-General has been held by ... Bolat Nurgaliyev ...")."""
        offices = self.lex.offices_by_person.get(draft.canonical, ())
        if not offices:
            return
        sentence_spans = [(s.start, s.end) for s in self.sentences
                          if any(s.start <= m.start < s.end for m in draft.mentions)]
        for office in offices:
            for form in office.forms:
                position = self.text.find(form)
                while position >= 0:
                    same_sentence = any(a <= position < b for a, b in sentence_spans)
                    if same_sentence or office.valid_on(self.published):
                        draft.office_title = self._mention(position, position + len(form))
                        draft.office_org = office.org_name
                        return
                    position = self.text.find(form, position + 1)

    def _parts(self, first: int, last: int) -> list[tuple[int, int]]:
        """The offices of a compound title: "member of X and Secretary of Y" -> two parts."""
        if "and" not in self.keys[first + 1:last - 1]:
            return [(first, last)]
        parts, start = [], first
        for index in range(first + 1, last - 1):
            if self.keys[index] == "and" and self.title_kind[index + 1] in TITLE_KINDS \
                    and not self.entities.kind[index + 1] and self.title_kind[index - 1] not in {"modifier"}:
                parts.append((start, index))
                start = index + 1
        parts.append((start, last))
        return parts

    def _title_org_country(self, first: int, last: int, draft: _Draft) -> tuple[str | None, str | None]:
        """The organisation and country of the office that the title [first, last) names."""
        facts = self._title_facts_memo.get((first, last))
        if facts is None:
            facts = self._title_facts_memo[(first, last)] = self._title_facts(first, last)
        org_name, country, fallback = facts
        return org_name, (self._fallback_country(draft) if fallback else country)

    def _title_facts(self, first: int, last: int) -> tuple[str | None, str | None, bool]:
        """(organisation, country, whether the country is the person's fallback) from the title's words."""
        parts = self._parts(first, last)
        principal = next((p for p in parts if self.keys[p[0]] != "member"), parts[0])

        def orgs_in(a: int, b: int) -> list[OrgRef]:
            lo, hi = self.starts[a], self.ends[b - 1]
            inside = [o for o in self.entities.orgs if lo <= o.mention.start and o.mention.end <= hi
                      and not self._after_destination(o.mention.start)]
            return sorted(inside, key=lambda o: (o.mention.start, -(o.mention.end - o.mention.start)))

        found = orgs_in(*principal) or orgs_in(first, last)
        org = found[0] if found else None
        org_name = org.canonical_name if org else None
        if org is None and self._office_key(principal[0], principal[1], True) in _HOME_OFFICE_KEYS:
            org_name = self.home_org
            if org_name is not None:
                return org_name, None, False
        country = self._country_in(*principal)
        if country is None and principal != (first, last):
            country = self._country_in(first, last)
        if country == "":
            return org_name, None, False
        if country is not None:
            return org_name, country, False
        if org is not None and org.country_iso3:
            return org_name, org.country_iso3, False
        return org_name, None, True

    def _country_in(self, first: int, last: int) -> str | None:
        """The first state or international body named in a title part: ISO code, "" for an international
        body (its officials represent no state), None when neither is named."""
        lo, hi = self.starts[first], self.ends[last - 1]
        hits: list[tuple[int, int, str]] = []
        for country in self.entities.countries:
            if lo <= country.mention.start and country.mention.end <= hi and not self._after_destination(
                    country.mention.start):
                hits.append((country.mention.start, 1, country.iso3))
        for org in self.entities.orgs:
            if lo <= org.mention.start and org.mention.end <= hi and org.country_iso3 is None \
                    and org.org_type in INTERNATIONAL_TYPES:
                hits.append((org.mention.start, 0, ""))
        if not hits:
            return None
        return min(hits)[2]

    def _after_destination(self, position: int) -> bool:
        """A country after "to"/"in" is where an ambassador serves, not whom he represents."""
        index = bisect.bisect_left(self.starts, position) - 1
        if index >= 0 and self.keys[index] == "the":
            index -= 1
        return index >= 0 and self.keys[index] in DESTINATION_WORDS

    def _fallback_country(self, draft: _Draft) -> str | None:
        if draft.bracket_country:
            return draft.bracket_country
        if draft.known is not None and draft.known.country_iso3:
            return draft.known.country_iso3
        return draft.descriptor_country

    def _org_of(self, draft: _Draft) -> str | None:
        if draft.titles:
            first, last = max(draft.titles, key=lambda r: r[1] - r[0])
            return self._title_org_country(first, last, draft)[0]
        return draft.office_org

    def _country_hint(self, draft: _Draft) -> str | None:
        if draft.titles:
            first, last = max(draft.titles, key=lambda r: r[1] - r[0])
            return self._title_org_country(first, last, draft)[1]
        return self._fallback_country(draft)

    def _ref(self, draft: _Draft) -> PersonRef:
        # every mention is cut from the text, so its span says which it is (cheaper to hash than the Mention)
        by_span = {(m.start, m.end): m for m in draft.mentions}
        mentions = tuple(by_span[span] for span in sorted(by_span))
        title = draft.title
        return PersonRef(
            canonical_name=draft.canonical,
            title=title.text if title else None,
            title_mention=title,
            org_name=draft.org_name,
            country_iso3=draft.country,
            mentions=mentions,
            rule=draft.rule if draft.known is None else "known_person",
            confidence=0.6 if draft.rule == "office_holder" else 0.95 if draft.known is not None or title is not None
            else 0.7,
        )
