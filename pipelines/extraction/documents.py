"""Names of documents: treaties, conventions, charters, declarations, strategies, programmes, memoranda ...

A document name is a capitalised phrase around a document head noun from `document_kinds.csv`: its
capitalised modifiers ("UN Global Counter-Terrorism Strategy") and its "of/on/between/for ..." complement
("Memorandum of Understanding between the SCO Secretariat and the International Committee of the Red Cross",
"... in Combating Terrorism, Separatism and Extremism for 2019-2021", "Regulations on ... Presidential and/or
Parliamentary Elections", "Agreement on Customs Cooperation (Partnership) within the Framework of ..."). A later
"the Charter" refers back to the document of that head already found, a shorter form of a fuller name in the same
text ("Memorandum of Understanding" in a headline) is that document, and a sub-document "Programme on its
implementation" is its own document. Unnamed references ("the UNSC resolutions", "a joint communique") stay out:
they are lower-case, unless a status they confer ("the memoranda of obligations of Iran and Belarus for obtaining
the status of SCO member state") or the parties they name ("memorandum of understanding between the SCO Secretariat
and ...") make them specific.
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
from pipelines.extraction.textutil import TokenList, hyphen_joined, indexes_of, is_capitalised_word, match_tokens

CONNECTORS = frozenset({"of", "on", "between", "for", "in", "to", "and", "the", "among", "against", "with", "at",
                        "until", "till"})
FRAMEWORK = frozenset({"Framework", "framework"})  # "within the Framework of the SCO" continues a name
INSERT_FOLLOWERS = CONNECTORS | {"within"}  # what follows a parenthesised insert inside a name
YEAR_CONNECTORS = frozenset({"for", "until", "till", "to", "in", "of"})
# Lower-case heads that the parties named after them make specific ("memorandum of understanding between the SCO
# Secretariat and ..."); an "agreement between Kazakhstan and China" stays an unnamed reference.
PARTY_HEADS = frozenset({"memorandum", "memoranda"})
NOT_MODIFIERS = frozenset({
    "The", "A", "An", "On", "In", "At", "During", "This", "That", "These", "Those", "His", "Her", "Its", "Their",
    "By", "For", "With", "From", "As", "After", "Before", "It", "He", "She", "They", "We", "And", "But", "Also",
    "Under", "Following", "According", "Pursuant", "Mr", "Ms", "Secretary", "General", "President", "Minister",
    "Speaking", "Addressing", "Particular", "Especially",
})
# A capitalised noun right after a head shows that the head only qualifies it ("Convention Centre").
IMPLEMENTATION = re.compile(r"(?:on|for) its [Ii]mplementation\b")
# "memorandum on granting Nepal the status of SCO dialogue partner", "memoranda of obligations of Iran and Belarus
# for obtaining the status of SCO member state": a lower-case head made specific by the status it confers.
STATUS = re.compile(
    r"\b(?:draft )?(?i:memorand(?:um|a)|agreements?|protocols?|treat(?:y|ies)) (?:on|of) (?:[\w'’-]+ ){0,14}?"
    r"(?i:the status of )(?:an? )?(?:(?:[A-Z]{2,6}|Shanghai Cooperation Organi[sz]ation) )?"
    r"(?i:dialogue partner|observer(?: state)?|partner|member state)s?"
    r"(?: (?:of|in) the (?:[A-Z]{2,6}|Shanghai Cooperation Organi[sz]ation))?\b"
)
STATUS_REACH = 240  # characters: more than 14 words before "status of", and the status after it
RESOLUTION_NUMBER = re.compile(r"\b(?:(?:UN )?Security Council |UNSC |UN General Assembly |UNGA )?[Rr]esolution "
                               r"\d{2,4}(?:/\d+)?(?: \(\d{4}\))?")

LISTED = frozenset({"gazetteer", "acronym"})  # organisation rules whose names may hold a document head
NEEDS_KINDS = frozenset({"", "yes", "complement"})  # other values of `needs_modifier` name a required modifier
MERGEABLE = frozenset({"name", "short"})
CONFIDENCE = {"name": 0.85, "short": 0.7, "back_reference": 0.6, "sub_document": 0.6, "status": 0.8,
              "resolution_number": 0.8, "between": 0.7}


@dataclass(frozen=True)
class _Head:
    kind: str
    needs: str  # "" nothing, "yes" some capitalised modifier, "complement" an "of ...", else that word as modifier


@cache
def _heads(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> dict[str, _Head]:
    return {row["head"]: _Head(row["kind"], row["needs_modifier"]) for row in load_rows("document_kinds.csv",
                                                                                        reference_dir)}


@cache
def _candidate_words(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> frozenset[str]:
    """Every token that may start a look for a document name: the heads and the lower-case party heads."""
    return frozenset(_heads(reference_dir)) | PARTY_HEADS


@cache
def _organisations(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> OrganisationMatcher:
    return OrganisationMatcher.load(reference_dir)


def find_documents(text: str, orgs: Sequence[OrgRef] | None = None,
                   reference_dir: Path = DEFAULT_REFERENCE_DIR, *, tokens: TokenList | None = None
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
    refs += [_ref(text, start, end, "treaty", "status") for start, end in _status_spans(text)]
    if "esolution " in text:  # the regex runs only where its fixed words occur
        for m in RESOLUTION_NUMBER.finditer(text):
            refs.append(_ref(text, m.start(), m.end(), "resolution", "resolution_number"))
    spans = [(r.mention.start, r.mention.end) for r in refs]
    candidates = indexes_of(tokens, _candidate_words(reference_dir))
    if not candidates:
        return sorted(refs, key=lambda r: (r.mention.start, r.mention.end))
    lower = []
    listed = [(o.mention.start, o.mention.end) for o in orgs if o.rule in LISTED]
    texts, starts, ends = tokens.texts, tokens.starts, tokens.ends
    for h in candidates:
        if texts[h] in PARTY_HEADS:
            lower.append(h)
            continue
        start, end = starts[h], ends[h]
        if h in taken or any(s <= start < e for s, e in spans):
            continue  # inside a name already found
        if any(s <= start and end <= e for s, e in listed):
            continue  # inside a listed organisation's name ("United Nations Development Programme")
        found = _named(text, tokens, h, heads, refs)
        if found is None:
            continue
        ref, last = found
        refs.append(ref)
        taken.update(range(h, last + 1))
        spans.append((ref.mention.start, ref.mention.end))
    for h in lower:
        if not any(s <= starts[h] < e for s, e in spans) and (between := _between_parties(text, tokens, h, heads)):
            refs.append(between)
    return _merge_short_forms(sorted(refs, key=lambda r: (r.mention.start, r.mention.end)))


def _status_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `STATUS` documents, searched only in a window around each "status of" (a whole-text scan of that
    regex costs as much as the rest of this module)."""
    spans: list[tuple[int, int]] = []
    at = text.find("tatus of ")
    while at >= 0:
        for m in STATUS.finditer(text, max(0, at - STATUS_REACH), at + STATUS_REACH):
            if m.start() <= at < m.end() and (m.start(), m.end()) not in spans:
                spans.append((m.start(), m.end()))
        at = text.find("tatus of ", at + 1)
    return spans


def _merge_short_forms(refs: list[DocumentRef]) -> list[DocumentRef]:
    """A name that is part of a fuller name in the same text is that document: "Memorandum of Understanding" in a
    headline, "Tashkent Declaration" after the "draft Tashkent Declaration of the Fifteenth Anniversary of ..."."""
    if len(refs) < 2:
        return refs
    keys = [f" {_undrafted(r.canonical_name)} " for r in refs]
    out = []
    for n, ref in enumerate(refs):
        fuller = [m for m, key in enumerate(keys) if len(key) > len(keys[n]) and keys[n] in key]
        if ref.rule in MERGEABLE and len(keys[n].split()) > 1 and fuller:
            target = refs[min(fuller, key=lambda m: (m > n, abs(m - n)))]
            ref = DocumentRef(target.canonical_name, target.kind, ref.mention, ref.rule, ref.confidence)
        out.append(ref)
    return out


def _undrafted(name: str) -> str:
    return name.removeprefix("draft ")


def _between_parties(text: str, tokens: TokenList, h: int, heads: dict[str, _Head]) -> DocumentRef | None:
    """"memoranda of understanding between the SCO Secretariat and the CIS Executive Committee": a lower-case head
    made specific by the named parties."""
    texts = tokens.texts
    i = h + 1
    if _word(texts, i) in {"of", "on"} and _word(texts, i + 1) in {"understanding", "cooperation"}:
        i += 2
    if _word(texts, i) != "between":
        return None
    last = _continuation(text, tokens, i, heads)
    joined = next((k for k in range(i + 1, last) if texts[k] == "and"), None)
    if joined is None or not any(_is_name_word(texts, k) or texts[k].isupper() for k in range(i + 1, joined)):
        return None
    start = tokens.starts[h - 1] if h > 0 and texts[h - 1] == "draft" else tokens.starts[h]
    return _ref(text, start, tokens.ends[last], "treaty", "between")


def _is_name_word(texts: list[str], i: int) -> bool:
    if not 0 <= i < len(texts):
        return False
    word = texts[i]
    return is_capitalised_word(word) and word not in NOT_MODIFIERS


def _named(text: str, tokens: TokenList, h: int, heads: dict[str, _Head], earlier: list[DocumentRef]
           ) -> tuple[DocumentRef, int] | None:
    """The document name around head token `h`, or a back-reference to an earlier one."""
    texts, starts, ends = tokens.texts, tokens.starts, tokens.ends
    head = heads[texts[h]]
    nxt = texts[h + 1] if h + 1 < len(texts) else ""
    if _is_name_word(texts, h + 1):
        return None
    first = h
    while _is_name_word(texts, first - 1):
        first -= 1
    if first == h and head.needs == "yes" and _is_year(texts, h - 1):
        first -= 1  # "2030 Agenda for Sustainable Development"
    modifiers = texts[first:h]
    last = h
    sub_document = IMPLEMENTATION.match(text, ends[h] + 1)
    if sub_document:
        end = sub_document.end()
        ref = _ref(text, starts[first], end, head.kind, "sub_document")
        return ref, bisect.bisect_right(ends, end) - 1  # the last token that ends by then
    if nxt in CONNECTORS - {"and", "the"}:
        last = _continuation(text, tokens, h + 1, heads)
    if head.needs not in NEEDS_KINDS and head.needs not in modifiers:
        return None  # "SCO Initiative on ...", "Road Map for ..."
    if head.needs == "yes" and not modifiers and not _states_a_subject(texts, h, last) \
            or head.needs == "complement" and last == h:
        return None
    if first == h and last == h:
        return _back_reference(text, tokens, h, earlier)
    start = starts[first]
    if first > 0 and texts[first - 1] == "draft":
        start = starts[first - 1]
    rule = "name" if last > h or len(modifiers) > 1 else "short"
    return _ref(text, start, ends[last], head.kind, rule), last


def _states_a_subject(texts: list[str], h: int, last: int) -> bool:
    """"Statement of the Council of Heads of State of the SCO on Cooperation in ...": an author and a subject name a
    statement or appeal that has no modifier."""
    words = texts[h + 1:last + 1]
    return len(words) >= 5 and words[0] == "of" and "on" in words[2:]


def _continuation(text: str, tokens: TokenList, i: int, heads: dict[str, _Head]) -> int:
    """Last token of the "of ..."/"between ... and ..."/"for 2019-2021" complement starting at connector `i`.

    "and the" continues only after "between" ("between A and the B"), and never before a document head ("... and
    the Plan of Action" starts a new name). "and/or" joins like "and"; a parenthesised insert ("Customs
    Cooperation (Partnership) within the Framework of ...") belongs to the name when the name goes on after it.
    """
    texts = tokens.texts
    last = i - 1
    seen_between = False
    while i < len(texts):
        word = texts[i]
        if word == "between":
            seen_between = True
        if word in CONNECTORS or (word == "," and _is_name_word(texts, i + 1)) \
                or (word == "within" and i + 2 < len(texts) and texts[i + 2] in FRAMEWORK):
            if word == "and" and (_word(texts, i + 1) in heads or _word(texts, i + 2) in heads):
                break
            if word == "and" and _word(texts, i + 1) == "the" and not seen_between:
                break
            i += 3 if word == "and" and _word(texts, i + 1) == "/" and _word(texts, i + 2) == "or" else 1
            continue
        if _is_name_word(texts, i) or word.isupper() or (last == i - 1 and hyphen_joined(text, tokens, i)):
            last = i
            i += 1
            continue
        if word.isdigit() and len(word) == 4 and (texts[i - 1] in YEAR_CONNECTORS or texts[i - 1].isdigit()):
            last = i
            i += 1
            continue
        if word == "'" and i + 1 < len(texts) and texts[i + 1] == "s" and last == i - 1:
            last = i + 1
            i += 2
            continue
        if word == "(" and last == i - 1:
            close = _inserted(texts, i)
            if close is not None:
                i = close + 1
                continue
        break
    return last


def _is_year(texts: list[str], i: int) -> bool:
    return i >= 0 and len(texts[i]) == 4 and texts[i].isdigit()


def _word(texts: list[str], i: int) -> str:
    return texts[i] if i < len(texts) else ""


def _inserted(texts: list[str], i: int) -> int | None:
    """The ")" closing a capitalised insert opened at `i`, when a connector and a name word follow it."""
    close = i + 1
    while _is_name_word(texts, close):
        close += 1
    if close == i + 1 or _word(texts, close) != ")" or _word(texts, close + 1) not in INSERT_FOLLOWERS:
        return None
    return close


def _back_reference(text: str, tokens: TokenList, h: int, earlier: list[DocumentRef]
                    ) -> tuple[DocumentRef, int] | None:
    """"the Charter" after "SCO Charter": the same document under its earlier canonical name."""
    if h == 0 or tokens.texts[h - 1].lower() != "the":
        return None
    head = tokens.texts[h]
    for ref in reversed(earlier):
        if head in ref.canonical_name.split():
            mention = Mention(tokens.starts[h], tokens.ends[h], head)
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
