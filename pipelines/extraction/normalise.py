"""Character-level clean-up of release text, applied before `body_text` is built.

Every char offset downstream refers to `body_text`, so all rewriting happens here, once, line by line:
typographic variants that carry no meaning (curly quotes, non-breaking spaces, invisible marks) become the
plain characters the extractors' patterns are written for.
"""

from __future__ import annotations

import html
import re
import unicodedata

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"  # soft hyphen, zero-width chars, LRM/RLM, BOM
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v\f"
_TRANSLATION = str.maketrans(
    {
        **{ch: None for ch in _INVISIBLE},
        **{ch: " " for ch in _SPACES},
        **{ch: "'" for ch in "\u2018\u2019\u201a\u201b\u2039\u203a"},
        **{ch: '"' for ch in "\u201c\u201d\u201e\u201f\u00ab\u00bb"},
        "\u2010": "-",
        "\u2011": "-",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACE_RUN = re.compile(r" {2,}")


def normalise_line(text: str, *, unescape_entities: bool = True) -> str:
    """One line of clean text: entities unescaped, NFC, plain quotes/spaces/hyphens, no invisible or control chars.

    Line breaks inside `text` become spaces; callers split lines first when lines matter.
    `unescape_entities=False` is for text that an HTML parser has already unescaped (no double unescaping).
    """
    if unescape_entities:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATION)
    text = _CONTROL.sub("", " ".join(text.splitlines()))
    return _SPACE_RUN.sub(" ", text).strip()


def split_blocks(text: str) -> list[list[str]]:
    """The blank-line separated blocks of a plain text, each a list of its normalised non-empty lines."""
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = normalise_line(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]
