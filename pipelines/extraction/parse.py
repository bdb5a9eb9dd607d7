"""Parse a decoded release into its clean article text, title, published date and language.

`body_text` is the one text every char offset refers to: the title, the dateline (if any) and the paragraphs,
separated by blank lines, all normalised before it is built.

The published date follows the annotation rules of the genre: what the source's metadata says, else the page's
date line, else a dateline under the headline ("Bishkek, 19 March 2025"), else the first date of the lead
("On 15 April 2021 ..."), a year-less "On 13 November" taking the year of the nearest dated mention.
"""

from __future__ import annotations

import re
from datetime import date

from pipelines.extraction.dates import DateMention, find_date_mentions, resolve_year
from pipelines.extraction.html_article import extract_article
from pipelines.extraction.language import detect_language, normalise_language_tag
from pipelines.extraction.normalise import split_blocks
from pipelines.extraction.records import ParsedRelease, SourceDocument

_PLACE = re.compile(r"^[A-Z][^\W\d_]*\.?(?:(?:\s+[A-Z]|-[A-Za-z]|')[^\W\d_]*\.?){0,4}$")  # "Rostov-on-Don"
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?$")
_OPEN_LINE_END = re.compile(r"[^.!?:;\"')\]…]$")  # a hard-wrapped line ends mid-sentence
_LEAD_DATE_WITHIN = 16  # a lead starts with its date: "On 15 April 2021", "15 April 2021 -", "Today, 3 May"


def _unwrap(block: list[str]) -> list[str]:
    """Lines of one block, with hard-wrapped sentences ("... the\\nmeeting") joined back into one line."""
    lines: list[str] = []
    for line in block:
        if lines and _OPEN_LINE_END.search(lines[-1]) and line[:1].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return lines


def _dateline_mention(line: str) -> DateMention | None:
    """The date of a dateline line, "Beijing, 14 July 2022" or a bare "14 July 2022"; None for other lines."""
    if len(line) > 80:
        return None
    mentions = [mention for mention in find_date_mentions(line) if mention.day is not None]
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    before, after = line[: mention.start].strip(), line[mention.end :]
    if re.sub(r"[\s,.\-–—]", "", after):
        return None
    if before and not (before.endswith(",") and _PLACE.match(before[:-1].strip())):
        return None
    return mention


def _is_lead(line: str) -> bool:
    """A lead sentence rather than a headline: it opens with a date, or it is a long sentence."""
    if any(m.start <= _LEAD_DATE_WITHIN and m.day is not None for m in find_date_mentions(line[:60])):
        return True
    return len(line) > 250 or (bool(_SENTENCE_END.search(line)) and (len(line) >= 100 or len(line.split()) >= 15))


def _split_text(content: str, known_title: str | None) -> tuple[str | None, str | None, list[str]]:
    """(headline, dateline, paragraphs) of a plain text: each non-empty line is a paragraph."""
    lines = [line for block in split_blocks(content) for line in _unwrap(block)]
    headline = None
    followed_by_dateline = len(lines) > 1 and _dateline_mention(lines[1]) is not None
    if (
        lines
        and _dateline_mention(lines[0]) is None
        and (lines[0] == known_title or followed_by_dateline or (len(lines) > 1 and not _is_lead(lines[0])))
    ):
        headline, lines = lines[0], lines[1:]
    dateline = None
    if lines and _dateline_mention(lines[0]) is not None:
        dateline, lines = lines[0], lines[1:]
    return headline, dateline, lines


def _first_day_mention(text: str, start: int) -> DateMention | None:
    return next((m for m in find_date_mentions(text) if m.start >= start and m.day is not None), None)


def _resolved(mention: DateMention | None, body_text: str) -> date | None:
    if mention is None:
        return None
    year = resolve_year(mention, body_text)
    return mention.resolved(year) if year is not None else None


def parse_document(doc: SourceDocument) -> ParsedRelease:
    """The clean article of one release: title, published date (and where it came from), language, body_text."""
    meta_date = date_line = page_language = None
    if doc.format == "html":
        article = extract_article(doc.content)
        headline, paragraphs = article.title, list(article.paragraphs)
        meta_date, date_line, page_language = article.meta_date, article.date_line, article.language
        dateline = paragraphs.pop(0) if paragraphs and _dateline_mention(paragraphs[0]) else None
    else:
        headline, dateline, paragraphs = _split_text(doc.content, doc.title)
    if headline is None and doc.title and paragraphs and paragraphs[0] == doc.title:
        headline = paragraphs.pop(0)
    head = [part for part in (headline or doc.title, dateline) if part]
    body_text = "\n\n".join(head + paragraphs)
    paragraphs_start = len("\n\n".join(head)) + (2 if head and paragraphs else 0)

    published: date | None = None
    source = "none"
    candidates = (
        ("metadata", lambda: doc.published or meta_date),
        ("date_line", lambda: date_line),
        ("dateline", lambda: _resolved(_dateline_mention(dateline), body_text) if dateline else None),
        ("lead", lambda: _resolved(_first_day_mention(body_text, paragraphs_start), body_text)),
    )
    for name, find in candidates:
        published = find()
        if published is not None:
            source = name
            break

    language = detect_language(body_text, doc.language)
    if language == "und":
        language = normalise_language_tag(page_language) or language
    return ParsedRelease(
        title=doc.title or headline,
        published_date=published,
        date_source=source,
        language=language,
        body_text=body_text,
    )
