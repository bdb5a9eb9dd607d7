"""Small text helpers shared by the matchers: tokens with offsets, spelling variants, a phrase trie.

Matching works on word tokens so that a name never matches inside another word ("Niger" in "Nigeria"),
and hyphens are ignored so that "IPA-CIS" and "IPA CIS" are the same key. Offsets always point into the
original text, so a match's span can be cut out of it unchanged.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable, Iterator
from functools import lru_cache, partial
from itertools import accumulate, product
from typing import Generic, NamedTuple, TypeVar

V = TypeVar("V")

DASHES = frozenset("-‐‑‒–—")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
KEY_TABLE = {**APOSTROPHES, **{ord(dash): "-" for dash in DASHES}}

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


class Token(NamedTuple):
    """One word or punctuation mark of a text, with its character offsets and its matching key."""

    text: str
    start: int
    end: int
    key: str  # the form used for matching: unified apostrophes and dashes


def is_word(text: str) -> bool:
    """Whether a token's text is a word, not a punctuation mark."""
    return text[0].isalnum() or text[0] == "_"


def is_capitalised_word(text: str) -> bool:
    """Whether a token's text is a word that starts with a capital."""
    return text[0].isupper() and text[0].isalnum()


class TokenList:
    """The tokens of one text as the columns the matchers index them by, cut once by `_cut`.

    Only columns: the matchers never need a `Token` object, and building one per token cost a twentieth of a release,
    so one is built only when asked for (by index or by iterating). Read-only by convention: the columns are shared by
    every gazetteer that matches the same tokens.
    """

    __slots__ = ("ends", "keys", "starts", "texts")

    def __init__(self, texts: list[str], starts: list[int], ends: list[int], keys: list[str]) -> None:
        self.texts = texts  # `Token.text` of every token
        self.starts = starts  # `Token.start` of every token
        self.ends = ends  # `Token.end` of every token
        self.keys = keys  # `Token.key` of every token

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> Token:
        return Token(self.texts[index], self.starts[index], self.ends[index], self.keys[index])

    def __iter__(self) -> Iterator[Token]:
        return map(Token, self.texts, self.starts, self.ends, self.keys)


# Words and punctuation marks but dashes: a dash falls into a gap, so the other tokens keep their offsets.
_MATCH_TOKEN = re.compile(r"\w+|[^\w\s" + re.escape("".join(sorted(DASHES))) + "]")
_MATCH_TOKEN_SPLIT = re.compile(f"({_MATCH_TOKEN.pattern})")  # re.split with it alternates gaps and tokens
# The characters that a key changes.
_KEYED_CHARS = tuple(chr(c) for c, to in KEY_TABLE.items() if chr(c) != to)
_KEYED = re.compile("[" + re.escape("".join(_KEYED_CHARS)) + "]")


def _cut(text: str, splitter: re.Pattern[str]) -> TokenList:
    """The tokens that `splitter` (a token regex in one group) cuts from `text`.

    Tokenising is a large share of the cost of a release, so the columns are assembled by C-level iteration: `re.split`
    gives gaps and tokens in turn, running lengths give the offsets. Only the few tokens with an apostrophe or a dash
    to unify get a key of their own.
    """
    parts = splitter.split(text)  # gap, token, gap, token, ..., gap
    bounds = list(accumulate(map(len, parts)))
    return _token_list(text, parts[1::2], bounds[0:-1:2], bounds[1::2])


def _token_list(text: str, words: list[str], starts: list[int], ends: list[int]) -> TokenList:
    """The tokens of the columns of `text`'s tokens, keyed."""
    keys = words.copy()
    if any(map(text.__contains__, _KEYED_CHARS)):  # most texts have none: spare them the regex scan
        for match in _KEYED.finditer(text):
            index = bisect.bisect_right(starts, match.start()) - 1  # the token the character is in
            if index >= 0 and starts[index] <= match.start() < ends[index]:
                keys[index] = words[index].translate(KEY_TABLE)
    return TokenList(words, starts, ends, keys)


def match_tokens_within(text: str, texts: list[str], starts: list[int], ends: list[int]) -> TokenList:
    """`match_tokens(text)`, cut from the columns of a coarser tokenisation of `text` (`sentences.tokenize`'s).

    The coarser tokens must cover every non-space character and never split a run of word characters. Then every one
    of them that is a single run of letters and digits, or a single character other than a dash, is a match token as
    it stands; only the few others ("Oyun-Erdene", "U.S.", "Russia's", dashes) are cut again, which saves the release
    a second pass of the regex engine.
    """
    words, starts, ends = texts.copy(), starts.copy(), ends.copy()
    # the tokens with a mark that are more than a lone punctuation mark
    recut = [index for index, word in enumerate(texts) if not word.isalnum() and (len(word) > 1 or word in DASHES)]
    for index in reversed(recut):  # last first: a cut moves only the tokens after it
        offset = starts[index]
        pieces, piece_starts, piece_ends = _recut(texts[index])
        words[index:index + 1] = pieces
        starts[index:index + 1] = map(offset.__add__, piece_starts)
        ends[index:index + 1] = map(offset.__add__, piece_ends)
    return _token_list(text, words, starts, ends)


@lru_cache(maxsize=1 << 16)
def _recut(word: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """The match tokens of one coarser token, with offsets into it; the same words recur release after release."""
    pieces = list(_MATCH_TOKEN.finditer(word))
    return (tuple(piece.group() for piece in pieces), tuple(piece.start() for piece in pieces),
            tuple(piece.end() for piece in pieces))


def match_tokens(text: str) -> TokenList:
    """Tokens used for phrase matching: every token except dashes."""
    return _cut(text, _MATCH_TOKEN_SPLIT)


def indexes_in(items: list[str], wanted: Container[str]) -> list[int]:
    """Indexes of the items that are in `wanted`, in order: the scan every matcher starts with, a compiled loop."""
    found: list[int] = []
    for index, item in enumerate(items):
        if item in wanted:
            found.append(index)
    return found


def indexes_of(tokens: TokenList, texts: Container[str]) -> list[int]:
    """Indexes of the tokens whose text is one of `texts`, in order."""
    return indexes_in(tokens.texts, texts)


def indexes_of_keys(tokens: TokenList, keys: Container[str]) -> list[int]:
    """Indexes of the tokens whose key is one of `keys`, in order."""
    return indexes_in(tokens.keys, keys)


def index_at(offsets: list[int], offset: int) -> int | None:
    """The index of `offset` in the sorted list `offsets` (a `TokenList`'s `starts` or `ends`), or None."""
    index = bisect.bisect_left(offsets, offset)
    return index if index < len(offsets) and offsets[index] == offset else None


def hyphen_joined(text: str, tokens: TokenList, i: int) -> bool:
    """Whether token `i` continues the previous word across a hyphen ("Long-term", "Anti-drug")."""
    if not 0 < i < len(tokens.texts):
        return False
    left_end = tokens.ends[i - 1]
    return tokens.starts[i] == left_end + 1 and text[left_end] in DASHES and is_word(tokens.texts[i - 1])


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token keys of a phrase, as stored in a `PhraseTrie`."""
    return tuple(match_tokens(phrase).keys)


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


class PhraseMatch(NamedTuple, Generic[V]):
    """A phrase found in a token list: token indexes [first, last] and character span [start, end)."""

    first: int
    last: int
    start: int
    end: int
    values: tuple[V, ...]

    @property
    def length(self) -> int:
        return self.last - self.first + 1


_new_match = partial(tuple.__new__, PhraseMatch)  # a PhraseMatch from a 5-tuple, without the Python-level __new__


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
        values = node.get(None, ())  # a tuple, handed out to every match as it is
        if value not in values:
            node[None] = (*values, value)

    def add_all(self, phrases: Iterable[str], value: V) -> None:
        for phrase in phrases:
            self.add(phrase, value)

    def _starts(self, keys: list[str]) -> list[int]:
        """Indexes of the keys that begin some phrase."""
        return indexes_in(keys, self._root)

    @property
    def first_keys(self) -> frozenset[str]:
        """The keys that begin some phrase."""
        return frozenset(self._root)

    def find_all(self, tokens: TokenList, candidates: Iterable[int] | None = None) -> list[PhraseMatch[V]]:
        """Every occurrence of every phrase, nested and overlapping ones included, in text order and, at one
        position, shorter first.

        `candidates`, when given, are token indexes among which every phrase begins (`first_keys` or more), found by a
        scan that the caller shares with other look-ups.
        """
        root, keys, starts, ends = self._root, tokens.keys, tokens.starts, tokens.ends
        total = len(keys)
        out = []
        for i in self._starts(keys) if candidates is None else candidates:
            node, j = root.get(keys[i]), i
            if node is None:
                continue
            while True:
                values = node.get(None)
                if values is not None:
                    out.append(_new_match((i, j, starts[i], ends[j], values)))
                j += 1
                if j == total or (node := node.get(keys[j])) is None:
                    break
        return out

    def find_longest(self, tokens: TokenList) -> list[PhraseMatch[V]]:
        """Leftmost-longest matches that do not overlap each other."""
        root, keys, starts, ends = self._root, tokens.keys, tokens.starts, tokens.ends
        total = len(keys)
        out = []
        following = 0  # the first token after the last match
        for i in self._starts(keys):
            if i < following:
                continue
            node, j, longest = root[keys[i]], i, None
            while True:
                values = node.get(None)
                if values is not None:
                    longest = (i, j, starts[i], ends[j], values)
                j += 1
                if j == total or (node := node.get(keys[j])) is None:
                    break
            if longest is not None:
                out.append(_new_match(longest))
                following = longest[1] + 1
        return out
