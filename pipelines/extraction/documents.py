"""Names of documents: treaties, conventions, charters, declarations, strategies, programmes, memoranda ...

A document name is a capitalised phrase around a document head noun from `document_kinds.csv`: its
capitalised modifiers ("UN Global Counter-Terrorism Strategy") and its "of/on/between/for ..." complement
("Memorandum of Understanding between the SCO Secretariat and the International Committee of the Red Cross",
"... in Combating Terrorism, Separatism and Extremism for 2019-2021"). A later "the Charter" refers back to
the document of that head already found, and a sub-document "Programme on its implementation" is its own
document. Unnamed references ("the UNSC resolutions", "a joint communique") stay out: they are lower-case.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.extraction.organisations import OrganisationMatcher
from pipelines.extraction.records import DocumentRef, Mention, OrgRef
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows
from pipelines.extraction.textutil import Token, hyphen_joined, indexes_of, match_tokens, token_starts

CONNECTORS = frozenset({"of", "on", "between", "for", "in", "to", "and", "the", "among", "against", "with", "at",
                        "until", "till"})
YEAR_CONNECTORS = frozenset({"for", "until", "till", "to", "in"})
NOT_MODIFIERS = frozenset({
    "The", "A", "An", "On", "In", "At", "During", "This", "That", "These", "Those", "His", "Her", "Its", "Their",
    "By", "For", "With", "From", "As", "After", "Before", "It", "He", "She", "They", "We", "And", "But", "Also",
    "Under", "Following", "According", "Pursuant", "Mr", "Ms", "Secretary", "General", "President", "Minister",
    "Speaking", "Addressing", "Particular", "Especially",
})
# A capitalised noun right after a head shows that the head only qualifies it ("Convention Centre").
IMPLEMENTATION = re.compile(r"(?:on|for) its [Ii]mplementation\b")
GRANTING = re.compile(
    r"\b(?:draft )?(?:[Mm]emorandum|[Aa]greement) on granting (?:the )?[A-Z][\w'’ -]*? the status of "
    r"(?:an? )?SCO (?:[Dd]ialogue [Pp]artner|[Oo]bserver(?: [Ss]tate)?|[Pp]artner|[Mm]ember [Ss]tate)"
)
RESOLUTION_NUMBER = re.compile(r"\b(?:(?:UN )?Security Council |UNSC |UN General Assembly |UNGA )?[Rr]esolution "
                               r"\d{2,4}(?:/\d+)?(?: \(\d{4}\))?")

CONFIDENCE = {"name": 0.85, "short": 0.7, "back_reference": 0.6, "sub_document": 0.6, "granting": 0.8,
              "resolution_number": 0.8}


@dataclass(frozen=True)
class _Head:
    kind: str
    needs: str  # "" nothing, "yes" some capitalised modifier, "SCO" the SCO as modifier


@cache
def _heads(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> dict[str, _Head]:
    return {row["head"]: _Head(row["kind"], row["needs_modifier"]) for row in load_rows("document_kinds.csv",
                                                                                        reference_dir)}


@cache
def _organisations(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> OrganisationMatcher:
    return OrganisationMatcher.load(reference_dir)


def find_documents(text: str, orgs: Sequence[OrgRef] | None = None,
                   reference_dir: Path = DEFAULT_REFERENCE_DIR, *, tokens: list[Token] | None = None
                   ) -> list[DocumentRef]:
    """Every document named in `text`, in text order; short back-references share the earlier canonical name.

    `orgs` are the text's organisation mentions when the caller has them: a head noun inside an organisation's
    name ("United Nations Development Programme") is no document. `tokens` are `match_tokens(text)` when the
    caller already has them.
    """
    heads = _heads(reference_dir)
    tokens = match_tokens(text) if tokens is None else tokens
    if orgs is None:
        orgs = _organisations(reference_dir).find(text, tokens=tokens)
    refs: list[DocumentRef] = []
    taken: set[int] = set()
    if " on granting " in text:  # each regex runs only where its fixed words occur
        for m in GRANTING.finditer(text):
            refs.append(_ref(text, m.start(), m.end(), "treaty", "granting"))
    if "esolution " in text:
        for m in RESOLUTION_NUMBER.finditer(text):
            refs.append(_ref(text, m.start(), m.end(), "resolution", "resolution_number"))
    spans = [(r.mention.start, r.mention.end) for r in refs]
    candidates = indexes_of(tokens, heads)
    org_cover = _org_cover(tokens, orgs) if candidates else set()
    for h in candidates:
        tok = tokens[h]
        head = heads[tok.text]
        if h in taken or h in org_cover or any(s <= tok.start < e for s, e in spans):
            continue
        found = _named(text, tokens, h, head, refs)
        if found is None:
            continue
        ref, last = found
        refs.append(ref)
        taken.update(range(h, last + 1))
        spans.append((ref.mention.start, ref.mention.end))
    return sorted(refs, key=lambda r: (r.mention.start, r.mention.end))


def _org_cover(tokens: list[Token], orgs: Sequence[OrgRef]) -> set[int]:
    """Token indexes inside organisation names ("United Nations Development Programme", "Treaty Organization")."""
    starts = token_starts(tokens)
    cover: set[int] = set()
    for org in orgs:
        if org.rule.startswith("pattern") or org.rule == "ellipsis":
            continue
        first = bisect.bisect_left(starts, org.mention.start)
        if first == len(starts) or starts[first] != org.mention.start:
            continue
        i = first
        while i < len(tokens) and tokens[i].end <= org.mention.end:
            cover.add(i)
            i += 1
    return cover


def _is_name_word(tokens: list[Token], i: int) -> bool:
    if not 0 <= i < len(tokens):
        return False
    tok = tokens[i]
    return tok.is_word and tok.text[0].isupper() and tok.text not in NOT_MODIFIERS


def _named(text: str, tokens: list[Token], h: int, head: _Head, earlier: list[DocumentRef]
           ) -> tuple[DocumentRef, int] | None:
    """The document name around head token `h`, or a back-reference to an earlier one."""
    nxt = tokens[h + 1].text if h + 1 < len(tokens) else ""
    if _is_name_word(tokens, h + 1):
        return None
    first = h
    while _is_name_word(tokens, first - 1):
        first -= 1
    modifiers = [t.text for t in tokens[first:h]]
    last = h
    sub_document = IMPLEMENTATION.match(text, tokens[h].end + 1)
    if sub_document:
        end = sub_document.end()
        ref = _ref(text, tokens[first].start, end, head.kind, "sub_document")
        return ref, max(i for i, t in enumerate(tokens) if t.end <= end)
    if nxt in CONNECTORS - {"and", "the"}:
        last = _continuation(text, tokens, h + 1)
    if head.needs == "SCO" and "SCO" not in modifiers:
        return None
    if head.needs == "yes" and not modifiers:
        return None
    if first == h and last == h:
        return _back_reference(text, tokens, h, earlier)
    start = tokens[first].start
    if first > 0 and tokens[first - 1].text == "draft":
        start = tokens[first - 1].start
    rule = "name" if last > h or len(modifiers) > 1 else "short"
    return _ref(text, start, tokens[last].end, head.kind, rule), last


def _continuation(text: str, tokens: list[Token], i: int) -> int:
    """Last token of the "of ..."/"between ... and ..."/"for 2019-2021" complement starting at connector `i`."""
    last = i - 1
    seen_between = False
    while i < len(tokens):
        word = tokens[i].text
        if word == "between":
            seen_between = True
        if word in CONNECTORS or (word == "," and _is_name_word(tokens, i + 1)):
            if word == "and" and i + 1 < len(tokens) and tokens[i + 1].text == "the" and not seen_between:
                break
            i += 1
            continue
        if _is_name_word(tokens, i) or word.isupper() or (last == i - 1 and hyphen_joined(text, tokens, i)):
            last = i
            i += 1
            continue
        if word.isdigit() and len(word) == 4 and (tokens[i - 1].text in YEAR_CONNECTORS or tokens[i - 1].text.isdigit()):
            last = i
            i += 1
            continue
        if word == "'" and i + 1 < len(tokens) and tokens[i + 1].text == "s" and last == i - 1:
            last = i + 1
            i += 2
            continue
        break
    return last


def _back_reference(text: str, tokens: list[Token], h: int, earlier: list[DocumentRef]
                    ) -> tuple[DocumentRef, int] | None:
    """"the Charter" after "SCO Charter": the same document under its earlier canonical name."""
    if h == 0 or tokens[h - 1].text.lower() != "the":
        return None
    head = tokens[h].text
    for ref in reversed(earlier):
        if head in ref.canonical_name.split():
            mention = Mention(tokens[h].start, tokens[h].end, tokens[h].text)
            return DocumentRef(ref.canonical_name, ref.kind, mention, "back_reference",
                               CONFIDENCE["back_reference"]), h
    return None


def _ref(text: str, start: int, end: int, kind: str, rule: str) -> DocumentRef:
    surface = text[start:end]
    return DocumentRef(_canonical(surface), kind, Mention(start, end, surface), rule, CONFIDENCE[rule])


def _canonical(surface: str) -> str:
    """The name as written, one line, without a leading article or year."""
    name = " ".join(surface.split())
    name = re.sub(r"^(?:[Tt]he |\d{4} )+", "", name)
    return name
