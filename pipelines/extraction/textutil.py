"""Small text helpers shared by the matchers: tokens with offsets, spelling variants, a phrase trie.

Matching works on word tokens so that a name never matches inside another word ("Niger" in "Nigeria"),
and hyphens are ignored so that "IPA-CIS" and "IPA CIS" are the same key. Offsets always point into the
original text, so a match's span can be cut out of it unchanged.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Generic, TypeVar

V = TypeVar("V")

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
DASHES = frozenset("-‐‑‒–—")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})

# British/American and hyphenation variants that name the same body.
SPELLING_PAIRS: tuple[tuple[str, str], ...] = (
    ("Organisation", "Organization"),
    ("organisation", "organization"),
    ("Organised", "Organized"),
    ("Centre", "Center"),
    ("Programme", "Program"),
    ("Co-operation", "Cooperation"),
    ("Defence", "Defense"),
    ("Labour", "Labor"),
    ("Neighbourliness", "Neighborliness"),
    ("Counter-Terrorism", "Counterterrorism"),
    ("Anti-Terrorist", "Antiterrorist"),
    ("Anti-Terrorism", "Antiterrorism"),
    ("Interparliamentary", "Inter-Parliamentary"),
    ("Interbank", "Inter-Bank"),
    ("Stabilization", "Stabilisation"),
)


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark of a text, with its character offsets."""

    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        """The form used for matching: unified apostrophes and dashes."""
        return "-" if self.text in DASHES else self.text.translate(APOSTROPHES)

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


def tokenize(text: str) -> list[Token]:
    """Words and punctuation marks of `text`, in order."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def match_tokens(text: str) -> list[Token]:
    """Tokens used for phrase matching: every token except dashes."""
    return [t for t in tokenize(text) if t.key != "-"]


def hyphen_joined(text: str, tokens: Sequence[Token], i: int) -> bool:
    """Whether token `i` continues the previous word across a hyphen ("Long-term", "Anti-drug")."""
    if not 0 < i < len(tokens):
        return False
    left, right = tokens[i - 1], tokens[i]
    return right.start == left.end + 1 and text[left.end] in DASHES and left.is_word


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token keys of a phrase, as stored in a `PhraseTrie`."""
    return tuple(t.key for t in match_tokens(phrase))


def spelling_variants(phrase: str) -> set[str]:
    """`phrase` in every combination of the British/American and hyphenation variants it contains."""
    pairs = [pair for pair in SPELLING_PAIRS if pair[0] in phrase or pair[1] in phrase]
    if not pairs:
        return {phrase}
    alternatives = {word: pair for pair in pairs for word in pair}
    regex = re.compile("|".join(re.escape(word) for word in sorted(alternatives, key=len, reverse=True)))
    pieces = regex.split(phrase)
    choices = product(*(alternatives[word] for word in regex.findall(phrase)))
    return {pieces[0] + "".join(word + rest for word, rest in zip(choice, pieces[1:], strict=True))
            for choice in choices}


def find_word(text: str, phrase: str, start: int = 0) -> int:
    """Index of the first whole-word occurrence of `phrase` in `text` at or after `start`, or -1."""
    m = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)").search(text, start)
    return m.start() if m else -1


@dataclass(frozen=True)
class PhraseMatch(Generic[V]):
    """A phrase found in a token list: token indexes [first, last] and character span [start, end)."""

    first: int
    last: int
    start: int
    end: int
    values: tuple[V, ...]

    @property
    def length(self) -> int:
        return self.last - self.first + 1


class PhraseTrie(Generic[V]):
    """Token-level trie of phrases: every occurrence, or the leftmost-longest non-overlapping ones."""

    def __init__(self) -> None:
        self._root: dict = {}

    def add(self, phrase: str, value: V) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        node = self._root
        for part in key:
            node = node.setdefault(part, {})
        values = node.setdefault(None, [])
        if value not in values:
            values.append(value)

    def add_all(self, phrases: Iterable[str], value: V) -> None:
        for phrase in phrases:
            self.add(phrase, value)

    def _ends_at(self, tokens: Sequence[Token], i: int) -> list[tuple[int, tuple[V, ...]]]:
        node = self._root
        ends = []
        for j in range(i, len(tokens)):
            node = node.get(tokens[j].key)
            if node is None:
                break
            if None in node:
                ends.append((j, tuple(node[None])))
        return ends

    def find_all(self, tokens: Sequence[Token]) -> list[PhraseMatch[V]]:
        """Every occurrence of every phrase, nested and overlapping ones included."""
        out = []
        for i in range(len(tokens)):
            for j, values in self._ends_at(tokens, i):
                out.append(PhraseMatch(i, j, tokens[i].start, tokens[j].end, values))
        return out

    def find_longest(self, tokens: Sequence[Token]) -> list[PhraseMatch[V]]:
        """Leftmost-longest matches that do not overlap each other."""
        out = []
        i = 0
        while i < len(tokens):
            ends = self._ends_at(tokens, i)
            if ends:
                j, values = ends[-1]
                out.append(PhraseMatch(i, j, tokens[i].start, tokens[j].end, values))
                i = j + 1
            else:
                i += 1
        return out
