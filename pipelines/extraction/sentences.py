"""Tokens and sentences of a release body, with char offsets, shared by the person, event and statement matchers.

One regex pass each: the matchers index tokens, never re-scan the text per candidate.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

# "H.E." and "U.S." stay one token; words keep inner hyphens and apostrophes (Min'er, Oyun-Erdene);
# a possessive "'s" is split off by `tokenize`. The repetitions never need to give characters back, so they are
# possessive (cheaper for the regex engine, same tokens).
_TOKEN = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|\w+(?:[-'’]\w+)*+-?|\S")
# The marks that `_cut_words` splits off the ends of a whitespace-separated chunk without the regex: no token pattern
# joins them to a word (unlike the hyphen and the apostrophes) and none is a word character.
_EDGE_MARKS = ',.;:!?()[]"“”'
_POSSESSIVE_FORMS = ("'s", "’s")  # a possessive "'s", split off its word
_ABBREVIATIONS = frozenset({"mr", "ms", "mrs", "dr", "st", "no", "prof", "gen", "col", "lt", "jr", "sr", "vs", "sen"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
_UNIFIED = re.compile("[" + "".join(map(chr, _APOSTROPHES)) + "]")  # characters that `_APOSTROPHES` changes
KEY_DASHES = "-" + "".join(chr(c) for c, to in _APOSTROPHES.items() if to == "-")  # what a `Token.low` writes as "-"


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # lower-cased, apostrophes and dashes unified


_MARKS = frozenset({'"', "“", "”", ".", "!", "?"})  # the tokens that can end a sentence
_LINE_BREAK = re.compile("\n")


class TokenList:
    """The tokens of one text as the columns that every matcher indexes them by, cut once by `tokenize`.

    Only columns: the matchers never need a `Token` object, and building one per token cost a twentieth of a release, so
    one is built only when asked for (by index or by iterating). Read-only by convention: the columns are shared by the
    person, event, statement and topic matchers.
    """

    __slots__ = ("ends", "lows", "starts", "texts")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str], lows: list[str]) -> None:
        self.starts = starts  # `Token.start` of every token
        self.ends = ends  # `Token.end` of every token
        self.texts = texts  # `Token.text` of every token
        self.lows = lows  # `Token.low` of every token

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> Token:
        return Token(self.starts[index], self.ends[index], self.texts[index], self.lows[index])

    def __iter__(self) -> Iterator[Token]:
        return map(Token, self.starts, self.ends, self.texts, self.lows)


class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int  # index of the paragraph ("\n"-separated block) the sentence is in
    first_token: int  # index into the token list
    last_token: int  # exclusive


def tokenize(text: str) -> TokenList:
    """Word, number and punctuation tokens in text order (the matches of `_TOKEN`), cut by `_cut_words`.

    Only the few tokens with an apostrophe or a dash to unify, or a possessive to split off, are handled one by one.
    """
    words, starts, ends = _cut_words(text)
    lows = list(map(str.lower, words))
    if not text.isascii():  # the characters to unify are not ASCII
        for match in _UNIFIED.finditer(text):
            index = bisect.bisect_right(starts, match.start()) - 1  # the token the character is in
            lows[index] = words[index].translate(_APOSTROPHES).lower()
    cuts = []  # (token index, start, "'s" offset, end): the loop reads `ends` as it was, so it is cut afterwards
    for end in reversed(_possessive_ends(text)):
        index = bisect.bisect_left(starts, end) - 1  # the token that the "'s" ends, if any
        if index < 0 or ends[index] != end or end - starts[index] <= 3:
            continue
        start, cut = starts[index], end - 2
        lows[index:index + 1] = [text[start:cut].translate(_APOSTROPHES).lower(), "'s"]
        starts[index:index + 1] = [start, cut]
        cuts.append((index, start, cut, end))
    for index, start, cut, end in cuts:  # last first, as cut above
        ends[index:index + 1] = [cut, end]
        words[index:index + 1] = [text[start:cut], text[cut:end]]
    return TokenList(starts, ends, words, lows)


def _cut_words(text: str) -> tuple[list[str], list[int], list[int]]:
    """The matches of `_TOKEN` in `text` as columns: texts, starts, ends.

    Tokenising is a large share of the cost of a release, and the regex engine is slow at it, so the text is cut at
    whitespace first (no token spans any) and most chunks need no regex: a word as it stands, or a word between
    `_EDGE_MARKS` ("(SCO),"), whose marks are tokens of their own. Only the rest ("U.S.", "Oyun-Erdene", "Russia's")
    go through `_TOKEN`.
    """
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    end = 0
    for chunk in text.split():  # the same whitespace as the regex's
        start = text.find(chunk, end)  # only whitespace lies between the previous chunk and this one
        end = start + len(chunk)
        if chunk.isalnum():  # the same characters as the regex's `\w`, but "_"
            words.append(chunk)
            starts.append(start)
            ends.append(end)
            continue
        core = chunk.strip(_EDGE_MARKS)
        if core and not core.isalnum():
            for match in _TOKEN.finditer(chunk):
                words.append(match.group())
                starts.append(start + match.start())
                ends.append(start + match.end())
            continue
        lead = len(chunk) - len(chunk.lstrip(_EDGE_MARKS))
        for offset in range(lead):
            words.append(chunk[offset])
            starts.append(start + offset)
            ends.append(start + offset + 1)
        if core:
            words.append(core)
            starts.append(start + lead)
            ends.append(start + lead + len(core))
        for offset in range(lead + len(core), len(chunk)):
            words.append(chunk[offset])
            starts.append(start + offset)
            ends.append(start + offset + 1)
    return words, starts, ends


def _possessive_ends(text: str) -> list[int]:
    """The end offsets of the possessive "'s" marks of `text`, in order: `str.find` is much faster than the regex
    engine on a text that has few of them."""
    ends = []
    for mark in _POSSESSIVE_FORMS:
        at = text.find(mark)
        while at >= 0:
            ends.append(at + 2)
            at = text.find(mark, at + 2)
    return sorted(ends)


def split_sentences(text: str, tokens: TokenList) -> list[Sentence]:
    """Sentences: a line break always ends one; `.`/`!`/`?` end one outside quotes unless an abbreviation or an
    initial precedes, or the next word starts lower-case."""
    sentences: list[Sentence] = []
    paragraph = 0
    first = 0
    in_quote = False
    texts, starts, ends = tokens.texts, tokens.starts, tokens.ends
    total = len(texts)
    # Only tokens after a line break and quotes and stops can change anything.
    breaks = {bisect.bisect_right(starts, m.start()) for m in _LINE_BREAK.finditer(text)}  # tokens after a "\n"
    marks = [index for index, word in enumerate(texts) if word in _MARKS]

    def close(last: int) -> None:
        if last > first:
            sentences.append(Sentence(starts[first], ends[last - 1], paragraph, first, last))

    for index in sorted(breaks.union(marks)):
        if index >= total:
            continue
        word = texts[index]
        if index > first and index in breaks:
            close(index)
            first = index
            in_quote = False
            paragraph += 1
        if word in {'"', "“", "”"}:
            in_quote = (not in_quote) if word == '"' else word == "“"
            if in_quote or index + 1 >= total or not _ends_sentence(tokens, index - 1):
                continue
            if _attribution_follows(texts, index + 1):
                continue  # '..." Mr Alimov said.' stays with its quote
        elif word not in {".", "!", "?"} or in_quote or not _ends_sentence(tokens, index):
            continue
        if index + 1 >= total or index + 1 in breaks:
            continue  # the line break closes it
        following = texts[index + 1]
        if following[:1].isupper() or following[:1].isdigit() or following in {'"', "“"}:
            close(index + 1)
            first = index + 1
    close(total)
    return sentences


def _attribution_follows(texts: list[str], index: int) -> bool:
    """A short tail after a closing quote that ends the sentence ('Mr Alimov said.')."""
    for offset, word in enumerate(texts[index:index + 9]):
        if word in {'"', "“", "”"}:
            return False
        if word in {".", "!", "?"}:
            return offset > 0
    return False


def _ends_sentence(tokens: TokenList, index: int) -> bool:
    """Whether the token at `index` is a full stop (or `!`, `?`) that can end a sentence."""
    texts = tokens.texts
    if index < 1 or texts[index] not in {".", "!", "?"}:
        return False
    before = index - 1
    if tokens.ends[before] != tokens.starts[index]:
        return True
    if tokens.lows[before] in _ABBREVIATIONS:
        return False
    return not (len(texts[before]) == 1 and texts[before].isupper())


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A spelling-insensitive key: no accents, lower case, German-style ae/oe/ue as a/o/u (Kraehenbuehl)."""
    if text.isascii():
        return text.lower().replace("ae", "a").replace("oe", "o").replace("ue", "u")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_APOSTROPHES).lower()
    return plain.replace("ae", "a").replace("oe", "o").replace("ue", "u")
