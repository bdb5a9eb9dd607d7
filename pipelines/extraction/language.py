"""The language of a release: metadata when the source states it, else a cheap look at scripts and stopwords.

Only English releases are extracted; the label lets the pipeline keep other languages out of the English rules.
"""

from __future__ import annotations

import re
import unicodedata

_STOPWORDS_TEXT = (
    "an and are as at be been by for from had has have he his in is it its of on or that the their this to "
    "was were which while who will with would"
)  # no "a": French, Spanish and Portuguese use it too
_ENGLISH_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_STOPWORD_SHARE = 0.2  # English prose runs at 0.3-0.45; a French or German text rarely reaches 0.1
_SAMPLE_LETTERS = 20_000  # enough to tell the language; keeps big inputs cheap
_LANGUAGE_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*$")


def normalise_language_tag(tag: str | None) -> str | None:
    """The primary subtag of a BCP 47 language tag in lower case ("en-GB" -> "en"), None if it is not one."""
    match = _LANGUAGE_TAG.match((tag or "").strip())
    return match.group(1).lower() if match else None


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("CJK"):
        return "cjk"
    return name.split(" ", 1)[0].lower()  # "latin", "cyrillic", "arabic", ...


def detect_language(text: str, metadata_language: str | None = None) -> str:
    """ISO 639-1 code: the metadata's when given, "en" for English by stopword share, "ru" for mostly Cyrillic,
    "zh" for mostly CJK, else "und"."""
    stated = normalise_language_tag(metadata_language)
    if stated:
        return stated
    letters = [char for char in text if char.isalpha()][:_SAMPLE_LETTERS]
    if not letters:
        return "und"
    scripts: dict[str, int] = {}
    for char in letters:
        script = _script(char)
        scripts[script] = scripts.get(script, 0) + 1
    if scripts.get("cyrillic", 0) > len(letters) / 2:
        return "ru"
    if scripts.get("cjk", 0) > len(letters) / 2:
        return "zh"
    if scripts.get("latin", 0) > len(letters) / 2:
        words = [word.lower() for word in _WORD.findall(text)]
        stopwords = sum(1 for word in words if word in _ENGLISH_STOPWORDS)
        if len(words) >= 3 and stopwords / len(words) >= _ENGLISH_STOPWORD_SHARE:
            return "en"
    return "und"
