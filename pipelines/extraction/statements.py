"""Reported speech acts: a sentence whose cue verb ("noted", "called for", "praised") has a person as subject.

The subject is read right before the cue ("Mr Norov said", "The Secretary-General also proposed"), after it
("According to Sadyr Japarov,"), or carried over ("He stressed", "In his words," -> the last speaker). Cues
inside quotations are what was said, not who said it, and are skipped. One statement per sentence: the first
speech cue with a resolvable subject, else the first act cue ("met", "visited", "hosted": kind `act` in
speech_verbs.csv); a speech cue joined to an act by "and" shares its subject ("Mr Norov met them and stressed").
Each act type has one CAMEO event code, checked when the cue table is loaded.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.extraction.person_lexicon import PhraseTable, phrase_tokens
from pipelines.extraction.records import CountryRef, Mention, OrgRef, PersonRef, StatementRef
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows
from pipelines.extraction.sentences import Sentence, TokenList, split_sentences, tokenize

PRONOUNS = frozenset({"he", "she"})
SKIPPABLE = frozenset({"also", "further", "then", "once", "again", "additionally", "in", "turn", "particularly",
                       "especially", "strongly", "warmly", "repeatedly", "firmly", "specifically"})
SIDE_WORDS = frozenset({"side", "party", "delegation"})
QUOTES = frozenset({'"', "“", "”"})
_SKIPPED_BEFORE_CUE = SKIPPABLE | {","}  # between a subject and its cue: "Mr Norov, in turn, noted"
_BEFORE_SPEAKER_AFTER = QUOTES | {","}  # in front of a cue whose speaker follows it: '..." said Mr Alimov.'


@dataclass(frozen=True)
class _Subject:
    speaker: str | None
    org_name: str | None
    confidence: float


class StatementExtractor:
    """Finds reported speech acts of a release; built once, then called per release."""

    def __init__(self, cues: PhraseTable, cameo: dict[str, str], acts: frozenset[str]) -> None:
        self._cues, self._cameo, self._acts = cues, cameo, acts

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> StatementExtractor:
        cues = PhraseTable()
        cameo: dict[str, str] = {}
        acts: set[str] = set()
        for row in load_rows("speech_verbs.csv", reference_dir):
            act_type = row["act_type"]
            if cameo.setdefault(act_type, row["cameo"]) != row["cameo"]:
                raise ValueError(f"speech_verbs.csv: act type {act_type!r} has two CAMEO codes")
            if row["kind"] == "act":
                acts.add(act_type)
            cues.add(phrase_tokens(row["cue"]), act_type)
        return cls(cues, cameo, frozenset(acts))

    def find(
        self,
        text: str,
        *,
        tokens: TokenList | None = None,
        sentences: list[Sentence] | None = None,
        persons: Sequence[PersonRef] = (),
        orgs: Sequence[OrgRef] = (),
        countries: Sequence[CountryRef] = (),
    ) -> tuple[StatementRef, ...]:
        """Every reported speech act of `text`, in text order."""
        tokens = tokens if tokens is not None else tokenize(text)
        sentences = sentences if sentences is not None else split_sentences(text, tokens)
        return _Reader(self._cues, self._cameo, self._acts, text, tokens, persons, orgs, countries).read(sentences)


class _Reader:
    def __init__(self, cues: PhraseTable, cameo: dict[str, str], acts: frozenset[str], text: str, tokens: TokenList,
                 persons: Sequence[PersonRef], orgs: Sequence[OrgRef], countries: Sequence[CountryRef]) -> None:
        self.cues, self.cameo, self.acts, self.text = cues, cameo, acts, text
        self.keys, self.texts, self.starts, self.ends = tokens.lows, tokens.texts, tokens.starts, tokens.ends
        self.person_end: dict[int, PersonRef] = {}
        self.person_start: dict[int, PersonRef] = {}
        for person in persons:
            for mention in person.mentions:
                self.person_end[mention.end] = person
                self.person_start[mention.start] = person
        self.org_end = {o.mention.end: o for o in sorted(orgs, key=lambda o: o.mention.end - o.mention.start)}
        self.country_end = {c.mention.end: c for c in countries}
        self.by_country: dict[str, list[PersonRef]] = {}
        for person in persons:
            if person.country_iso3:
                self.by_country.setdefault(person.country_iso3, []).append(person)
        self.quoted = self._quoted()
        self.last_speaker: str | None = None

    def _quoted(self) -> list[bool]:
        flags = [False] * len(self.keys)
        if not any(map(self.text.__contains__, QUOTES)):
            return flags  # most releases quote no one
        inside, start = False, 0  # whether tokens from `start` on are quoted
        for index in self._quote_marks():
            if inside:
                flags[start:index] = [True] * (index - start)
            flags[index] = True
            text = self.texts[index]
            inside = (not inside) if text == '"' else text == "“"
            start = index + 1
        if inside:
            flags[start:] = [True] * (len(flags) - start)
        return flags

    def _quote_marks(self) -> list[int]:
        """The indexes of the quote-mark tokens, in order: a quote mark is a token of its own, so they are found in
        the text by `str.find`, much faster than a pass over the token keys."""
        starts = self.starts
        marks = []
        for quote in QUOTES:
            at = self.text.find(quote)
            while at >= 0:
                marks.append(bisect_left(starts, at))
                at = self.text.find(quote, at + 1)
        return sorted(marks)

    def read(self, sentences: list[Sentence]) -> tuple[StatementRef, ...]:
        found: list[StatementRef] = []
        for sentence in sentences:
            statement = self._statement(sentence)
            if statement is not None:
                found.append(statement)
                if statement.speaker:
                    self.last_speaker = statement.speaker
            else:
                opener = self.person_start.get(sentence.start)
                if opener is not None:
                    self.last_speaker = opener.canonical_name
        return tuple(found)

    def _statement(self, sentence: Sentence) -> StatementRef | None:
        first, last = sentence.first_token, sentence.last_token
        following = first  # the first token after the last cue
        act: StatementRef | None = None  # the first act cue with a subject: kept unless a speech cue follows
        for index in range(first, last):
            if self.keys[index] not in self.cues.longest_by_first:  # only tokens that can begin a cue are tried
                continue
            if index < following or self.quoted[index]:
                continue
            match = self.cues.match(self.keys, index, last)
            if match is None:
                continue
            length, act_type = match
            subject = self._subject(index, length, sentence)
            if subject is None and act is not None and self.keys[index - 1] == "and":  # "met X and stressed"
                subject = _Subject(act.speaker, act.org_name, act.confidence)
            if subject is not None:
                cue_text = self.text[self.starts[index]:self.ends[index + length - 1]]
                mention = Mention(sentence.start, sentence.end, self.text[sentence.start:sentence.end])
                found = StatementRef(subject.speaker, subject.org_name, act_type, cue_text, mention,
                                     "cue_subject", subject.confidence, self.cameo[act_type])
                if act_type not in self.acts:
                    return found
                act = act or found
            following = index + length
        return act

    def _subject(self, index: int, length: int, sentence: Sentence) -> _Subject | None:
        cue = self.keys[index:index + length]
        if cue[:2] == ["according", "to"]:
            after = index + length
            person = self.person_start.get(self.starts[after]) if after < sentence.last_token else None
            return _Subject(person.canonical_name, None, 0.9) if person else None
        if cue[0] == "in" and len(cue) == 3:  # "In his words,"
            return _Subject(self.last_speaker, None, 0.7) if self.last_speaker else None
        before = index - 1
        while before >= sentence.first_token and self.keys[before] in _SKIPPED_BEFORE_CUE:
            before -= 1
        if before < sentence.first_token:
            return None
        end = self.ends[before]
        person = self.person_end.get(end)
        if person is not None:
            return _Subject(person.canonical_name, None, 0.9)
        if self.keys[before] in PRONOUNS and self.last_speaker:
            return _Subject(self.last_speaker, None, 0.7)
        if self.keys[before] in SIDE_WORDS and before > 0 and self.ends[before - 1] in self.country_end:
            return self._country_subject(self.country_end[self.ends[before - 1]].iso3)
        if end in self.org_end and cue != ["will"]:
            return _Subject(None, self.org_end[end].canonical_name, 0.7)
        if end in self.country_end and (before == sentence.first_token or self.keys[before - 1] == ","):
            return self._country_subject(self.country_end[end].iso3)
        after = index + length
        if self.texts[index - 1] in _BEFORE_SPEAKER_AFTER and after < sentence.last_token:
            person = self.person_start.get(self.starts[after])
            if person is not None:  # '..." said Mr Alimov.'
                return _Subject(person.canonical_name, None, 0.9)
        return None

    def _country_subject(self, iso3: str) -> _Subject | None:
        """"The Kyrgyz side intends": the one person who speaks for that country in the release."""
        people = self.by_country.get(iso3, [])
        if len(people) == 1:
            return _Subject(people[0].canonical_name, None, 0.7)
        return None
