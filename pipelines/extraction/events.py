"""The occurrences a release reports: the main event of its headline and lead, and further meetings.

The genre puts the reported event in the headline and the first sentence of the lead ("On 15 May 2019, SCO
Secretary-General Vladimir Norov took part in the 14th Meeting of ..."); later sentences add meetings with
"also met with" or "On the same day, X held consultations with". Background and forthcoming events sit
elsewhere and are not read. The kind is the highest-ranked trigger (event_kinds.csv): a statutory SCO body keeps
its level, a video address beats the conference it was sent to, a lecture beats the visit that framed it. A meeting
held during a visit that the headline or lead reports itself is two events (the visit and the meeting), and a
lecture given after the reported meeting ("then gave a lecture") is an event of its own.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain
from pathlib import Path

from pipelines.extraction.dates import DateMention, find_date_mentions
from pipelines.extraction.person_lexicon import PhraseTable, phrase_tokens
from pipelines.extraction.places import PlaceGazetteer
from pipelines.extraction.records import EventRef, Mention, OrgRef, PersonRef, PlaceRef
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows
from pipelines.extraction.sentences import Sentence, TokenList, split_sentences, tokenize
from pipelines.extraction.textutil import indexes_in

RELATIVE_OPENERS = frozenset({"who", "which", "whose"})
NAME_NOUNS = frozenset({"conference", "forum", "exhibition", "festival", "expo", "day", "days", "summit", "games",
                        "fair", "marathon", "contest", "competition", "olympiad", "week", "lecture", "yoga"})
NAME_AFTER = frozenset({"exercise", "exercises", "conference", "forum", "festival", "exhibition", "drills"})
NAME_CONNECTORS = frozenset({"of", "the", "and", "for", "in", "on", "to", ":", "-", "a"})
PLACE_PREFERENCE = {"city": 0, "site": 1, "region": 2}
_RELATIVE_COMMA = re.compile(r",\s*wh", re.IGNORECASE)  # where a `RELATIVE_OPENERS` word can follow a ","
FUTURE_WORDS = frozenset({"will", "forthcoming", "upcoming", "planned", "future"})
VISIT_FRAMED = frozenset({"meeting"})  # kinds reported as the business of a visit that the lead reports as well
_MEETING_NAME = re.compile(
    r"(?:\d+(?:st|nd|rd|th)\s+)?(?:[Mm]eeting|[Ss]ession|[Ss]itting) of (?:the )?[A-Z].*?"
    r"(?=,| held\b| was\b| were\b| opened\b| took\b| started\b| began\b| in [A-Z]| on \d|\.$|$)")
_MEETING_OF = ("eeting of ", "ession of ", "itting of ")  # one of them is in every `_MEETING_NAME` match
_SITE_WORDS = ("training ground", "range", "polygon", "military base", "air base")
_SITE = re.compile(r"\b((?:[A-Z][\w'-]+ )+(?:" + "|".join(_SITE_WORDS) + r"))\b")


def _outside(places: Sequence[PlaceRef], orgs: Sequence[OrgRef]) -> list[PlaceRef]:
    """The places not inside an organisation's mention ("Shanghai" in "Shanghai Cooperation Organisation")."""
    if not places:
        return []  # no organisation spans to collect
    org_spans = [(o.mention.start, o.mention.end) for o in orgs]
    return [p for p in places if not any(start <= p.mention.start and p.mention.end <= end
                                         for start, end in org_spans)]


def _phrase_starts(tables: Sequence[PhraseTable], firsts: Container[str], keys: list[str]) -> list[list[int]]:
    """For each table, the indexes of the tokens that can begin one of its phrases: one pass for all of them
    (`firsts`: the first words of all their phrases)."""
    candidates = indexes_in(keys, firsts)
    return [[index for index in candidates if keys[index] in table.longest_by_first] for table in tables]


def _holding(sentences: list[Sentence], indexes: Iterable[int], after: int) -> list[Sentence]:
    """The sentences that hold one of the token `indexes` from token `after` on, in order."""
    firsts = [sentence.first_token for sentence in sentences]
    return [sentences[which] for which in sorted({bisect_right(firsts, index) - 1 for index in indexes
                                                  if index >= after})]


@dataclass(frozen=True)
class _Trigger:
    kind: str
    priority: int


@dataclass
class _Layout:
    """Where the headline, dateline and lead are among the sentences of a release."""

    headline: Sentence | None
    dateline: Sentence | None
    lead: Sentence | None
    lead_paragraph: list[Sentence]


class EventExtractor:
    """Finds the reported events of a release; built once, then called per release."""

    def __init__(self, tables: dict[str, PhraseTable], triggers: dict[str, _Trigger], places: PlaceGazetteer,
                 place_kinds: dict[str, str], seats: frozenset[str]) -> None:
        self._main, self._extra, self._formats = tables["main"], tables["additional"], tables["format"]
        self._participation = tables["participation"]
        self._later_firsts = frozenset(self._extra.longest_by_first) | frozenset(self._participation.longest_by_first)
        self._triggers = triggers
        self._places = places
        self._place_kinds = place_kinds
        self._seats = seats

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> EventExtractor:
        tables = {scope: PhraseTable() for scope in ("main", "additional", "format", "participation")}
        triggers: dict[str, _Trigger] = {}
        for row in load_rows("event_kinds.csv", reference_dir):
            key = phrase_tokens(row["phrase"])
            label = f"{row['scope']}:{' '.join(key)}"
            tables[row["scope"]].add(key, label)
            triggers[label] = _Trigger(row["kind"], int(row["priority"] or 0))
        seats = frozenset(row["city"] for row in load_rows("secretariat_seats.csv", reference_dir))
        kinds = {row["name"]: row["kind"] for row in load_rows("places.csv", reference_dir)}
        return cls(tables, triggers, PlaceGazetteer.load(reference_dir), kinds, seats)

    def find(
        self,
        text: str,
        *,
        tokens: TokenList | None = None,
        sentences: list[Sentence] | None = None,
        persons: Sequence[PersonRef] = (),
        places: Sequence[PlaceRef] | None = None,
        orgs: Sequence[OrgRef] = (),
        published: date | None = None,
    ) -> tuple[EventRef, ...]:
        """The events `text` reports, main event first."""
        tokens = tokens if tokens is not None else tokenize(text)
        sentences = sentences if sentences is not None else split_sentences(text, tokens)
        places = places if places is not None else self._places.find(text)
        places = _outside(places, orgs)
        dates = find_date_mentions(text)
        layout = self._layout(text, sentences, dates)
        if layout.lead is None:
            return ()
        keys = tokens.lows
        masked = self._relative_clauses(text, tokens.starts, keys)
        main_sentences = [s for s in (layout.headline, layout.lead) if s is not None]
        main_triggers = [self._triggers_in(self._main, keys, masked, s) for s in main_sentences]
        kind, trigger_at = self._best_kind(main_triggers)
        lead = layout.lead
        event_date = self._date(dates, lead, layout, published)
        virtual = self._virtual(keys, [*main_sentences, *layout.lead_paragraph[1:]], kind)  # the lead opens its paragraph
        place = None if virtual or kind == "statement" else self._place(text, places, lead, layout)
        name = self._name(text, tokens, keys, masked, lead, trigger_at)
        # the sentences after the lead, with their further-meeting triggers: candidates found once per release, and
        # only the sentences that hold one are read
        extra_starts, participation_starts = _phrase_starts((self._extra, self._participation), self._later_firsts,
                                                            keys)
        later = _holding(sentences, chain(extra_starts, participation_starts), lead.last_token)
        extras = [self._triggers_in(self._extra, keys, masked, s, extra_starts) for s in later]
        scenes = [*main_sentences] + [s for s, extra in zip(later, extras) if not extra and self._triggers_in(
            self._participation, keys, masked, s, participation_starts)]
        lead_mention = Mention(lead.start, lead.end, text[lead.start:lead.end])
        participants = self._participants(persons, scenes)
        events = [EventRef(kind, name, event_date, virtual, place, lead_mention, participants, "lead", 0.9)]
        if kind in VISIT_FRAMED and any(trigger.kind == "visit" for found in main_triggers for _i, trigger, _l in found):
            # "X visited the Secretariat, where he held a meeting with Y": the visit and the meeting (a visit in a
            # relative clause is masked)
            events.append(EventRef("visit", None, event_date, virtual, place, lead_mention, participants, "lead_visit",
                                   0.8))
        headline_paragraph = layout.headline.paragraph if layout.headline else -1
        for sentence, found in zip(later, extras):
            if found and sentence.paragraph != headline_paragraph:
                extra = self._additional(text, keys, sentence, found, dates, places, persons, events[0], published)
                if extra is not None:
                    events.append(extra)
        return tuple(events)

    # ---- layout --------------------------------------------------------------------------------------------

    def _layout(self, text: str, sentences: list[Sentence], dates: list[DateMention]) -> _Layout:
        paragraphs: dict[int, list[Sentence]] = {}
        for sentence in sentences:
            paragraphs.setdefault(sentence.paragraph, []).append(sentence)
        order = sorted(paragraphs)
        headline = dateline = None
        position = 0
        if order:
            first = paragraphs[order[0]]
            if len(first) == 1 and text[first[0].end - 1] not in ".!?" and len(order) > 1:
                headline, position = first[0], 1
        if position < len(order):
            candidate = paragraphs[order[position]]
            if len(candidate) == 1 and self._is_dateline(text, candidate[0], dates):
                dateline, position = candidate[0], position + 1
        if position >= len(order):
            return _Layout(headline, dateline, None, [])
        lead_paragraph = paragraphs[order[position]]
        return _Layout(headline, dateline, lead_paragraph[0], lead_paragraph)

    @staticmethod
    def _is_dateline(text: str, sentence: Sentence, dates: list[DateMention]) -> bool:
        """"Astana, 5 January 2025": a place, a comma and a date, nothing else."""
        span = text[sentence.start:sentence.end]
        if len(span) > 60 or "," not in span:
            return False
        return any(sentence.start <= d.start and d.end == sentence.end for d in dates)

    def _dateline_place(self, text: str, layout: _Layout) -> str | None:
        if layout.dateline is None:
            return None
        head = text[layout.dateline.start:layout.dateline.end].split(",")[0].strip()
        found = self._places.find(head)
        if not found or found[0].name in self._seats:
            return None
        return found[0].name

    # ---- kind and name -------------------------------------------------------------------------------------

    @staticmethod
    def _relative_clauses(text: str, starts: list[int], keys: list[str]) -> list[bool]:
        """Tokens inside ", who travelled to Chongqing to attend the Expo," — not what the sentence reports."""
        masked = [False] * len(keys)
        following = 0  # the first token after the last clause
        # only the commas before a word in "wh" can open a clause: found in the text, far faster than in the keys
        for comma in _RELATIVE_COMMA.finditer(text):
            index = bisect_left(starts, comma.start())  # a "," is a token of its own
            if index < following or index + 1 == len(keys) or keys[index + 1] not in RELATIVE_OPENERS:
                continue
            end = index + 1
            while end < len(keys) and keys[end] not in {",", ".", ";"}:
                end += 1
            for covered in range(index, min(end + 1, len(keys))):
                masked[covered] = True
            following = end + 1
        return masked

    def _triggers_in(self, table: PhraseTable, keys: list[str], masked: list[bool], sentence: Sentence,
                     starts: list[int] | None = None) -> list[tuple[int, _Trigger, int]]:
        """(token index, trigger, length) of every trigger phrase in a sentence, longest match first.

        `starts` (from `_phrase_starts`) saves a table that is tried on every sentence a pass over each of them."""
        found = []
        first, last = sentence.first_token, sentence.last_token
        following = first  # the first token after the last trigger
        candidates: Iterable[int]
        if starts is None:  # only tokens that can begin a phrase are tried
            candidates = [index for index in range(first, last) if keys[index] in table.longest_by_first]
        else:
            candidates = starts[bisect_left(starts, first):bisect_left(starts, last)]
        for index in candidates:
            if index < following or masked[index]:
                continue
            match = table.match(keys, index, last)
            if match is None:
                continue
            length, label = match
            found.append((index, self._triggers[label], length))
            following = index + length
        return found

    @staticmethod
    def _best_kind(triggers: list[list[tuple[int, _Trigger, int]]]) -> tuple[str, int | None]:
        """The kind of the highest-ranked trigger of the headline and lead (`triggers` of each, lead last)."""
        best: tuple[int, int, str, int | None] = (-1, 0, "other", None)
        for order, found in enumerate(triggers):
            for index, trigger, _length in found:
                # the lead sentence (last) decides between equal ranks: it says what happened
                candidate = (trigger.priority, order, trigger.kind, index if order == len(triggers) - 1 else None)
                if candidate[:2] > best[:2]:
                    best = candidate
        return best[2], best[3]

    def _name(self, text: str, tokens: TokenList, keys: list[str], masked: list[bool], sentence: Sentence,
              trigger_at: int | None) -> str | None:
        """The event's own name as written: "14th Meeting of ...", "Security Review Conference",
        "Peace Mission 2021", "Open Door Day"."""
        span = text[sentence.start:sentence.end]
        texts, starts, ends = tokens.texts, tokens.starts, tokens.ends
        # the regex has no literal to skip ahead by: tried only where its " of " phrases are
        meeting = _MEETING_NAME.search(span) if trigger_at is not None and any(map(span.__contains__, _MEETING_OF)) \
            else None
        if meeting and trigger_at is not None \
                and sentence.start + meeting.start() <= starts[trigger_at] < sentence.start + meeting.end():
            return meeting.group(0).strip()
        for index in range(sentence.first_token, sentence.last_token):
            if masked[index]:
                continue
            if keys[index] in NAME_AFTER and index + 1 < sentence.last_token and texts[index + 1][0].isupper():
                last = index + 1
                while last < sentence.last_token and (texts[last][0].isupper() or texts[last].isdigit()
                                                      or keys[last] in NAME_CONNECTORS):
                    last += 1
                while keys[last - 1] in NAME_CONNECTORS:
                    last -= 1
                return text[starts[index + 1]:ends[last - 1]]
            if keys[index] in NAME_NOUNS and texts[index][0].isupper() and index > sentence.first_token:
                first = index
                while first > sentence.first_token and (texts[first - 1][0].isupper()
                                                        or texts[first - 1][:1].isdigit()):
                    first -= 1
                while first < index and keys[first] in {"a", "an", "the", "on"}:
                    first += 1
                last = index + 1  # "International Conference on Afghanistan"
                while last + 1 < sentence.last_token and keys[last] in {"on", "of", "for"} \
                        and texts[last + 1][0].isupper():
                    last += 2
                    while last < sentence.last_token and texts[last][0].isupper():
                        last += 1
                if first < index or last > index + 1:
                    return text[starts[first]:ends[last - 1]]
        return None

    # ---- date, format, place -------------------------------------------------------------------------------

    def _date(self, dates: list[DateMention], sentence: Sentence, layout: _Layout,
              published: date | None) -> date | None:
        for scope in (sentence, *layout.lead_paragraph):
            for mention in dates:
                if scope.start <= mention.start < scope.end and mention.day is not None:
                    day = mention.resolved(mention.year or (published.year if published else 0)) \
                        if (mention.year or published) else None
                    if day is not None:
                        return self._corrected(day, published)
        return published

    @staticmethod
    def _corrected(day: date, published: date | None) -> date:
        """A year typo ("10 March 2020" in a release of 13 March 2021): the same day a year on, when that is
        the days just before publication."""
        if published is None or day.year != published.year - 1:
            return day
        try:
            moved = day.replace(year=published.year)
        except ValueError:
            return day
        return moved if published - timedelta(days=14) <= moved <= published else day

    def _virtual(self, keys: list[str], sentences: list[Sentence], kind: str) -> bool | None:
        if kind == "statement":
            return None
        labels = set()
        unmasked = [False] * len(keys)
        for sentence in sentences:
            for _index, trigger, _length in self._triggers_in(self._formats, keys, unmasked, sentence):
                labels.add(trigger.kind)
        if "hybrid" in labels:
            return None
        return "virtual" in labels or kind == "video_address"

    def _place(self, text: str, places: Sequence[PlaceRef], sentence: Sentence, layout: _Layout) -> str | None:
        found = self._place_in(text, places, sentence)
        if found is not None:
            return found
        for other in layout.lead_paragraph[1:]:
            span = text[other.start:other.end]
            if any(cue in span for cue in ("took place", "held", "hosted", "venue")):
                found = self._place_in(text, places, other)
                if found is not None:
                    return found
        if layout.headline is not None:
            found = self._place_in(text, places, layout.headline)
            if found is not None:
                return found
        return self._dateline_place(text, layout)

    def _place_in(self, text: str, places: Sequence[PlaceRef], sentence: Sentence) -> str | None:
        inside = [p for p in places if sentence.start <= p.mention.start < sentence.end]
        span = text[sentence.start:sentence.end]
        sites = list(_SITE.finditer(text, sentence.start, sentence.end)) if any(map(span.__contains__, _SITE_WORDS)) \
            else []  # the regex has no literal to skip ahead by
        ranked = sorted(inside, key=lambda p: (PLACE_PREFERENCE.get(self._place_kinds.get(p.name, "city"), 3),
                                               p.mention.start))
        if ranked and self._place_kinds.get(ranked[0].name, "city") == "city":
            return ranked[0].name
        if sites:
            return sites[0].group(1)
        for place in ranked:  # a region only as the stated scene: "in Xinjiang"
            if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[max(0, place.mention.start - 12):place.mention.start]):
                return place.name
        return None

    # ---- further meetings ----------------------------------------------------------------------------------

    def _additional(self, text: str, keys: list[str], sentence: Sentence, found: list[tuple[int, _Trigger, int]],
                    dates: list[DateMention], places: Sequence[PlaceRef], persons: Sequence[PersonRef],
                    main: EventRef, published: date | None) -> EventRef | None:
        """"Zhang Ming also met with ...", "On the same day, X held consultations with ..." (`found`: the further-
        meeting triggers of the sentence)."""
        index, trigger, _length = found[0]
        if index > 0 and keys[index - 1] in {"had", "has", "have", "will", "to"}:
            return None
        if any(keys[i] in FUTURE_WORDS for i in range(sentence.first_token, index)):
            return None
        participants = self._participants(persons, [sentence])
        if not participants:
            return None
        own_date = None
        for mention in dates:
            if sentence.start <= mention.start < sentence.end and mention.day is not None:
                year = mention.year or (published.year if published else None)
                own_date = mention.resolved(year) if year else None
                break
        place = self._place_in(text, places, sentence) or main.place
        return EventRef(trigger.kind, None, own_date or main.event_date, main.is_virtual, place,
                        Mention(sentence.start, sentence.end, text[sentence.start:sentence.end]), participants,
                        "additional", 0.8)

    @staticmethod
    def _participants(persons: Sequence[PersonRef], sentences: Sequence[Sentence]) -> tuple[str, ...]:
        """Persons mentioned in the sentences that report the event."""
        spans = [(s.start, s.end) for s in sentences]
        names = [p.canonical_name for p in persons
                 if any(a <= m.start < b for m in p.mentions for a, b in spans)]
        return tuple(sorted(set(names)))
