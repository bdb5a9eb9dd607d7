"""Tokens and sentences of a release body, with char offsets, shared by the person, event and statement matchers.

One regex pass each: the matchers index tokens, never re-scan the text per candidate.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# "H.E." and "U.S." stay one token; words keep inner hyphens and apostrophes (Min'er, Oyun-Erdene);
# a possessive "'s" is split off by `tokenize`.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[-'’]\w+)*-?|\S")
_POSSESSIVE = re.compile(r"['’]s$")
_ABBREVIATIONS = frozenset({"mr", "ms", "mrs", "dr", "st", "no", "prof", "gen", "col", "lt", "jr", "sr", "vs", "sen"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # lower-cased, apostrophes and dashes unified


class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int  # index of the paragraph ("\n"-separated block) the sentence is in
    first_token: int  # index into the token list
    last_token: int  # exclusive


def tokenize(text: str) -> list[Token]:
    """Word, number and punctuation tokens in text order."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word, start = match.group(0), match.start()
        possessive = _POSSESSIVE.search(word) if len(word) > 3 else None
        if possessive:
            cut = possessive.start()
            tokens.append(Token(start, start + cut, word[:cut], word[:cut].translate(_APOSTROPHES).lower()))
            tokens.append(Token(start + cut, match.end(), word[cut:], "'s"))
            continue
        tokens.append(Token(start, match.end(), word, word.translate(_APOSTROPHES).lower()))
    return tokens


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Sentences: a line break always ends one; `.`/`!`/`?` end one outside quotes unless an abbreviation or an
    initial precedes, or the next word starts lower-case."""
    sentences: list[Sentence] = []
    paragraph = 0
    first = 0
    in_quote = False
    count = len(tokens)

    def close(last: int) -> None:
        if last > first:
            sentences.append(Sentence(tokens[first].start, tokens[last - 1].end, paragraph, first, last))

    for index, token in enumerate(tokens):
        if index > first and "\n" in text[tokens[index - 1].end:token.start]:
            close(index)
            first = index
            in_quote = False
            paragraph += 1
        if token.text in {'"', "“", "”"}:
            in_quote = (not in_quote) if token.text == '"' else token.text == "“"
            if in_quote or index + 1 >= count or not _ends_sentence(tokens, index - 1):
                continue
            if _attribution_follows(tokens, index + 1):
                continue  # '..." Mr Alimov said.' stays with its quote
        elif token.text not in {".", "!", "?"} or in_quote or not _ends_sentence(tokens, index):
            continue
        following = tokens[index + 1] if index + 1 < count else None
        if following is None or "\n" in text[token.end:following.start]:
            continue  # the line break closes it
        if following.text[:1].isupper() or following.text[:1].isdigit() or following.text in {'"', "“"}:
            close(index + 1)
            first = index + 1
    close(count)
    return sentences


def _attribution_follows(tokens: list[Token], index: int) -> bool:
    """A short tail after a closing quote that ends the sentence ('Mr Alimov said.')."""
    for offset, token in enumerate(tokens[index:index + 9]):
        if token.text in {'"', "“", "”"}:
            return False
        if token.text in {".", "!", "?"}:
            return offset > 0
    return False


def _ends_sentence(tokens: list[Token], index: int) -> bool:
    """Whether the token at `index` is a full stop (or `!`, `?`) that can end a sentence."""
    if index < 1 or tokens[index].text not in {".", "!", "?"}:
        return False
    before = tokens[index - 1]
    if before.end != tokens[index].start:
        return True
    if before.low in _ABBREVIATIONS:
        return False
    return not (len(before.text) == 1 and before.text.isupper())


def fold(text: str) -> str:
    """A spelling-insensitive key: no accents, lower case, German-style ae/oe/ue as a/o/u (Kraehenbuehl)."""
    if text.isascii():
        return text.lower().replace("ae", "a").replace("oe", "o").replace("ue", "u")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_APOSTROPHES).lower()
    return plain.replace("ae", "a").replace("oe", "o").replace("ue", "u")
