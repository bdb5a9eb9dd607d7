"""Topics of a release, sentence by sentence, from the taxonomy in `sources/reference/topics.csv`.

A topic's terms are whole words, matched case-insensitively on the release's tokens: one dict lookup per token that
can begin a term (the candidates are found in C), the longest term wins and matches never overlap. The last word of a
term also matches in the plural ("terrorist" -> "terrorists", "economy" -> "economies"), and the part of a hyphenated
word ("anti-extremist") matches a one-word term when the whole word does not. A term listed under several topics
("three evils") gives each of them. One `TopicRef` per sentence and topic: its best match, the earliest on ties.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from pipelines.extraction.records import Mention, TopicRef
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows, split_list
from pipelines.extraction.sentences import (
    KEY_DASHES,
    Sentence,
    TokenList,
    split_sentences,
    tokenize,
)
from pipelines.extraction.textutil import indexes_in

KEYWORD_CONFIDENCE = 0.9  # a term that names the topic unambiguously ("drug trafficking")
WEAK_CONFIDENCE = 0.5  # a term that often means something else ("security", "border"): below the low-confidence bar
COMPOUND_CONFIDENCE = 0.7  # a keyword found as part of a hyphenated word ("anti-extremist")


def _hyphenated(text: str, starts: list[int]) -> list[int]:
    """Indexes of the tokens whose key has a "-", in order: found from the dashes of `text` (a key writes every dash
    as "-"), which are far fewer than the tokens."""
    found = set()
    for dash in "-" if text.isascii() else KEY_DASHES:
        at = text.find(dash)
        while at >= 0:
            found.add(bisect.bisect_right(starts, at) - 1)  # the token the dash is in
            at = text.find(dash, at + 1)
    return sorted(found)


@dataclass(frozen=True)
class _Topic:
    topic_id: str
    rule: str
    confidence: float


def _term_keys(term: str) -> list[tuple[str, ...]]:
    """The token keys of a term and of its plural (the last word inflected)."""
    key = tuple(tokenize(term).lows)
    if not key:
        return []
    last = key[-1]
    if last.endswith("s") or not last.isalpha():
        plural = None
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return [key] + ([(*key[:-1], plural)] if plural else [])


class TopicMatcher:
    """The taxonomy's terms as a token-keyed table; built once, then called per release."""

    def __init__(self, terms: dict[tuple[str, ...], tuple[_Topic, ...]]) -> None:
        self._terms = terms
        self._single = {key[0]: topics for key, topics in terms.items() if len(key) == 1}
        lengths: dict[str, set[int]] = {}
        seconds: dict[str, set[str]] = {}
        for key in terms:
            if len(key) > 1:
                lengths.setdefault(key[0], set()).add(len(key))
                seconds.setdefault(key[0], set()).add(key[1])
        self._longer = {first: sorted(found, reverse=True) for first, found in lengths.items()}  # longest first
        # the second words of the longer terms by first word: most words that begin one ("sco") are followed by
        # none of them, and need no slice looked up
        self._seconds = {first: frozenset(found) for first, found in seconds.items()}
        self._first = frozenset(self._single) | frozenset(self._longer)  # every word that can begin a term

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> TopicMatcher:
        terms: dict[tuple[str, ...], list[_Topic]] = {}
        for row in load_rows("topics.csv", reference_dir):
            for column, rule, confidence in (("keywords", "keyword", KEYWORD_CONFIDENCE),
                                             ("weak_keywords", "weak_keyword", WEAK_CONFIDENCE)):
                for term in split_list(row[column]):
                    for key in _term_keys(term):
                        topics = terms.setdefault(key, [])
                        if all(topic.topic_id != row["topic_id"] for topic in topics):
                            topics.append(_Topic(row["topic_id"], rule, confidence))
        return cls({key: tuple(topics) for key, topics in terms.items()})

    def find(self, text: str, *, tokens: TokenList | None = None,
             sentences: list[Sentence] | None = None) -> tuple[TopicRef, ...]:
        """One TopicRef per (sentence, topic) of `text`, in text order."""
        tokens = tokens if tokens is not None else tokenize(text)
        sentences = sentences if sentences is not None else split_sentences(text, tokens)
        hits = self._hits(text, tokens.lows, tokens.starts)
        if not hits:
            return ()
        firsts = [sentence.first_token for sentence in sentences]
        # (sentence, topic) -> (-confidence, token index, token count, rule): the smallest is the best match
        best: dict[tuple[int, str], tuple[float, int, int, str]] = {}
        for index, length, topics in hits:
            which = bisect.bisect_right(firsts, index) - 1
            if which < 0 or index >= sentences[which].last_token:
                continue
            for topic in topics:
                candidate = (-topic.confidence, index, length, topic.rule)
                slot = (which, topic.topic_id)
                if slot not in best or candidate < best[slot]:
                    best[slot] = candidate
        found = []
        spans: dict[int, Mention] = {}  # one Mention per sentence, shared by its topics
        for (which, topic_id), (negative, index, length, rule) in best.items():
            if which not in spans:
                sentence = sentences[which]
                spans[which] = Mention(sentence.start, sentence.end, text[sentence.start:sentence.end])
            start, end = tokens.starts[index], tokens.ends[index + length - 1]
            found.append(TopicRef(topic_id, spans[which], Mention(start, end, text[start:end]), rule, -negative))
        found.sort(key=lambda ref: (ref.mention.start, ref.matched_term.start, ref.topic_id))
        return tuple(found)

    def _hits(self, text: str, keys: list[str], starts: list[int]) -> list[tuple[int, int, tuple[_Topic, ...]]]:
        """(token index, token count, topics) of every term match, longest first, never overlapping."""
        hits = []
        following = 0  # the first token after the last match
        total = len(keys)
        for index in indexes_in(keys, self._first):
            if index < following:
                continue
            key = keys[index]
            longer = self._longer.get(key, ()) if index + 1 < total and keys[index + 1] in self._seconds.get(
                key, ()) else ()
            for length in longer:
                if index + length > total:  # a shorter slice at the end could match a shorter term
                    continue
                topics = self._terms.get(tuple(keys[index:index + length]))
                if topics is not None:
                    hits.append((index, length, topics))
                    following = index + length
                    break
            else:
                if key in self._single:
                    hits.append((index, 1, self._single[key]))
                    following = index + 1
        compounds = {}  # hyphenated word -> the topics of its parts, looked up once per distinct word
        hyphenated = _hyphenated(text, starts)
        for word in {keys[index] for index in hyphenated}:
            if word not in self._single:
                parts = [topic for part in word.split("-") for topic in self._single.get(part, ())]
                if parts:
                    compounds[word] = tuple(_Topic(topic.topic_id, "compound_part",
                                                   min(topic.confidence, COMPOUND_CONFIDENCE)) for topic in parts)
        if compounds:
            covered = {index + offset for index, length, _ in hits for offset in range(length)}
            hits += [(index, 1, compounds[keys[index]])
                     for index in hyphenated if keys[index] in compounds and index not in covered]
        return hits
