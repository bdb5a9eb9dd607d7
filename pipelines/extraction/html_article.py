"""The article of a news page: its title, date and body paragraphs, without the page chrome around it.

News sites wrap each release in menus, language switchers, share buttons, "Related news" headlines and a
footer. Those name other people and countries, so anything that is not the article must go before extraction.
The page is parsed with the stdlib `html.parser` into a small tree; chrome is recognised by tag (nav, footer,
script, form, ...), by class/id/role words (menu, share, related, ...), by a heading such as "See also", and by
link density; the article container is the element hinted as the article that holds most paragraph text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

from pipelines.extraction.dates import parse_date_string
from pipelines.extraction.normalise import normalise_line


@dataclass(frozen=True)
class HtmlArticle:
    """What a page says about its article; `paragraphs` exclude the title and the date line."""

    title: str | None
    paragraphs: tuple[str, ...]
    meta_date: date | None  # <meta name="date">, article:published_time, JSON-LD datePublished, ...
    date_line: date | None  # the visible date line, e.g. <div class="date">14.03.2016</div>
    language: str | None  # <html lang="...">


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    parent: _Node | None
    children: list[_Node | str] = field(default_factory=list)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOID = _words("area base br col embed hr img input link meta param source track wbr")
_BLOCK = _words(
    "address article aside blockquote body br center dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul"
)
_CLOSES_P = _BLOCK - _words("br td th tr tbody thead tfoot li dd dt body summary")
_SELF_CLOSING_SIBLINGS = {
    "li": {"ul", "ol"},
    "dt": {"dl"},
    "dd": {"dl"},
    "tr": {"table"},
    "td": {"tr"},
    "th": {"tr"},
    "option": {"select"},
}
_HARD_CHROME_TAGS = _words(
    "script style noscript template head title iframe svg button select textarea object embed canvas audio video map"
)
_CHROME_TAGS = _words("form nav footer aside figcaption header dialog")
_CONTENT_BLOCKS = _words("div section ul ol li p span table td dl b strong h2 h3 h4 h5 h6")
_CHROME_ROLES = _words("navigation banner contentinfo complementary search menu menubar toolbar dialog")
# Substrings of class/id values that mark chrome ("topmenu", "social-links"), and whole words (split on space, "-"
# and "_") that do ("tools", "lang", "ad").
_CHROME_SUBSTRINGS = _words(
    "menu nav share sharing social footer related breadcrumb sidebar cookie banner subscribe newsletter comment "
    "pagination pager toolbar header switcher copyright widget advert popular recommend seealso readalso "
    "morenews othernews latestnews"
)
_CHROME_WORDS = _words(
    "tools tool lang language languages logo search print tags tag also latest more other ad ads promo login "
    "langs flags rss sitemap counter views"
)
_CHROME_HEADING = re.compile(
    r"^(?:share|related|see also|read also|also read|read more|more news|latest news|other news|also in|"
    r"you may also|recommended|most read|popular|tags|print|follow us)\b",
    re.IGNORECASE,
)
_CHROME_LINE = re.compile(
    r"^(?:(?:share|print|tags?|see also|read also|also read|read more|related(?: news)?)\s*:.{0,120}|"
    r"(?:photos?|video|photo credit)\s*:.{0,80}|"
    r"share(?: this)?|print(?: version)?|send to a friend|back(?: to .{0,30})?|views?:? ?\d+|"
    r".{0,100}(?:©|\(c\) \d{4}|all rights reserved).{0,100})$",
    re.IGNORECASE,
)
_ARTICLE_HINT = re.compile(r"article|(?:post|entry|story|news|content)[-_]?(?:text|body|content|detail|full)")
_MAIN_HINT = _words("main content maincontent main-content page-content")
_DATE_HINT = re.compile(r"date|time|publish")
_META_DATE_NAMES = _words(
    "date dc.date dc.date.issued dcterms.date dcterms.issued dcterms.created article:published_time "
    "og:published_time published_time pubdate publishdate publish-date datepublished sailthru.date parsely-pub-date"
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_SPACE = re.compile(r"\s+")
_HINT_SEPARATORS = re.compile(r"[-_\s]")
_HINT_WORD_SPLIT = re.compile(r"[\s_-]+")


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder: unclosed <p>/<li> close as browsers close them, stray end tags are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        node = _Node(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        self.current.children.append(_Node(tag, {name: value or "" for name, value in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: _Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)

    def _close_implied(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._close_open("p", stop_at=_BLOCK - {"p"})
        if tag in _SELF_CLOSING_SIBLINGS:
            self._close_open(tag, stop_at=_SELF_CLOSING_SIBLINGS[tag])

    def _close_open(self, tag: str, stop_at: frozenset[str] | set[str]) -> None:
        node: _Node | None = self.current
        while node is not None and node.tag != tag and node.tag not in stop_at:
            node = node.parent
        if node is not None and node.tag == tag and node.parent is not None:
            self.current = node.parent


def _parse_tree(markup: str) -> _Node:
    builder = _TreeBuilder()
    try:
        builder.feed(markup)
        builder.close()
    except (AssertionError, ValueError):  # malformed declarations in very broken markup: keep what was read
        pass
    return builder.root


def _elements(root: _Node, skip: set[int] | None = None) -> Iterator[_Node]:
    """Element nodes in document order (iterative: pages can nest deeper than Python's recursion limit)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if skip and id(node) in skip:
            continue
        yield node
        stack.extend(child for child in reversed(node.children) if isinstance(child, _Node))


def _text(node: _Node) -> str:
    parts: list[str] = []
    stack: list[_Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item.tag not in ("script", "style", "template"):
            stack.extend(reversed(item.children))
    return _SPACE.sub(" ", "".join(parts)).strip()


def _hints(node: _Node) -> str:
    return f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}".lower()


def _sizes(root: _Node) -> dict[int, tuple[int, int, int]]:
    """Per element: (text length, text length inside links, text length inside <p>), script/style excluded."""
    sizes: dict[int, tuple[int, int, int]] = {}
    for node in reversed(list(_elements(root))):
        if node.tag in _HARD_CHROME_TAGS:
            sizes[id(node)] = (0, 0, 0)
            continue
        text = link = para = 0
        for child in node.children:
            if isinstance(child, str):
                text += len(child.strip())
            else:
                child_text, child_link, child_para = sizes[id(child)]
                text, link, para = text + child_text, link + child_link, para + child_para
        sizes[id(node)] = (text, text if node.tag == "a" else link, text if node.tag == "p" else para)
    return sizes


def _is_hard_chrome(node: _Node) -> bool:
    if node.tag in _HARD_CHROME_TAGS or "hidden" in node.attrs or node.attrs.get("aria-hidden") == "true":
        return True
    return bool(re.search(r"display\s*:\s*none", node.attrs.get("style", ""), re.IGNORECASE))


def _is_soft_chrome(node: _Node, text_length: int, link_length: int) -> bool:
    """Chrome by tag, role, class/id words, link density, or a heading such as "See also"."""
    if node.tag in _CHROME_TAGS or node.attrs.get("role", "").lower() in _CHROME_ROLES:
        return True
    hints = _hints(node)
    joined = _HINT_SEPARATORS.sub("", hints)
    if any(word in joined for word in _CHROME_SUBSTRINGS):
        return True
    if any(word in _CHROME_WORDS for word in _HINT_WORD_SPLIT.split(hints) if word):
        return True
    if node.tag not in _CONTENT_BLOCKS:
        return False
    if 0 < text_length < 400 and link_length > 0.6 * text_length:
        return True
    return node.tag != "p" and text_length < 600 and bool(_CHROME_HEADING.match(_text(node)))


def _chrome_ids(root: _Node, sizes: dict[int, tuple[int, int, int]]) -> set[int]:
    """Ids of chrome elements. A wrapper that holds most of the page's paragraph text is never chrome, whatever its
    class says (`<form id="aspnetForm">` or `<body class="with-sidebar">` wrap whole pages)."""
    page_paragraphs = sizes[id(root)][2]
    chrome: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        text_length, link_length, paragraph_length = sizes[id(node)]
        holds_article = page_paragraphs > 0 and paragraph_length * 2 > page_paragraphs
        if node is not root and (
            _is_hard_chrome(node) or (not holds_article and _is_soft_chrome(node, text_length, link_length))
        ):
            chrome.add(id(node))
            continue
        stack.extend(child for child in node.children if isinstance(child, _Node))
    return chrome


def _choose_container(root: _Node, chrome: set[int]) -> _Node:
    """The article element: itemprop articleBody, else an element hinted as the article (or main content) holding
    at least half the page's paragraph text, else the element whose own <p> children hold most text."""
    elements = list(_elements(root, chrome))
    lengths = {id(node): len(_text(node)) for node in elements if node.tag == "p"}
    totals: dict[int, int] = {}
    for node in reversed(elements):
        totals[id(node)] = lengths.get(id(node)) or sum(
            totals.get(id(child), 0) for child in node.children if isinstance(child, _Node)
        )
    for node in elements:
        if node.attrs.get("itemprop", "").lower() == "articlebody":
            return node
    total = totals[id(root)]
    for is_hinted in (
        lambda n: n.tag == "article" or bool(_ARTICLE_HINT.search(_hints(n))),
        lambda n: n.tag == "main" or any(word in _MAIN_HINT for word in _hints(n).split()),
    ):
        scored = [(totals[id(node)], index) for index, node in enumerate(elements) if is_hinted(node)]
        best = max(scored, default=None)
        if best and best[0] > 0 and best[0] * 2 >= total:
            return elements[best[1]]
    own = [
        (sum(lengths.get(id(child), 0) for child in node.children if isinstance(child, _Node)), index)
        for index, node in enumerate(elements)
    ]
    best_own = max(own, default=None)
    if best_own and best_own[0] > 0:
        return elements[best_own[1]]
    return next((node for node in elements if node.tag == "body"), root)


def _title(root: _Node, container: _Node, chrome: set[int], article_chrome: set[int]) -> str | None:
    """The article's <h1>, else og:title, else a heading classed as a title, else the longest part of the page
    <title> ("SCO | Headline")."""
    for scope, skip in ((container, article_chrome), (root, chrome)):
        for node in _elements(scope, skip):
            if node.tag == "h1" and _text(node):
                return normalise_line(_text(node), unescape_entities=False)
    for node in _elements(root):
        if node.tag == "meta" and node.attrs.get("property", "").lower() == "og:title" and node.attrs.get("content"):
            return normalise_line(node.attrs["content"]) or None
    for node in _elements(root, chrome):
        if node.tag in ("h2", "h3") and "title" in _hints(node) and _text(node):
            return normalise_line(_text(node), unescape_entities=False)
    for node in _elements(root):
        if node.tag == "title" and _text(node):
            parts = re.split(r"\s+(?:\||::)\s+", normalise_line(_text(node), unescape_entities=False))
            return max(parts, key=len) or None
    return None


def _meta_date(root: _Node) -> date | None:
    for node in _elements(root):
        key = (node.attrs.get("name") or node.attrs.get("property") or node.attrs.get("itemprop") or "").lower()
        if node.tag == "meta" and key in _META_DATE_NAMES:
            found = parse_date_string(node.attrs.get("content", ""))
            if found:
                return found
        if node.attrs.get("itemprop", "").lower() == "datepublished" or "pubdate" in node.attrs:
            found = parse_date_string(node.attrs.get("datetime") or node.attrs.get("content") or _text(node))
            if found:
                return found
        if node.tag == "script" and "ld+json" in node.attrs.get("type", "").lower():
            match = _JSON_LD_DATE.search("".join(child for child in node.children if isinstance(child, str)))
            found = parse_date_string(match.group(1)) if match else None
            if found:
                return found
    return None


def _date_nodes(scope: _Node, chrome: set[int]) -> Iterator[tuple[_Node, date]]:
    for node in _elements(scope, chrome):
        hints = _hints(node)
        if node.tag != "time" and not (_DATE_HINT.search(hints) and "update" not in hints and "modif" not in hints):
            continue
        text = _text(node)
        if len(text) > 80:
            continue
        found = parse_date_string(node.attrs.get("datetime", "")) or parse_date_string(text)
        if found:
            yield node, found


def _date_line(
    root: _Node, container: _Node, chrome: set[int], article_chrome: set[int]
) -> tuple[date | None, set[int]]:
    """The visible date line near the article and the ids of every short date element in the article (to drop)."""
    in_container = list(_date_nodes(container, article_chrome))
    if in_container:
        return in_container[0][1], {id(node) for node, _ in in_container}
    h1 = next((node for node in _elements(root, chrome) if node.tag == "h1"), None)
    for scope in ([h1.parent] if h1 and h1.parent else []) + [root]:
        for _node, found in _date_nodes(scope, chrome):
            return found, set()
    return None, set()


def _paragraphs(container: _Node, skip: set[int]) -> list[str]:
    """The container's text, one paragraph per block element or <br>, each normalised."""
    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = normalise_line(_SPACE.sub(" ", "".join(buffer)), unescape_entities=False)
        buffer.clear()
        if line and not _CHROME_LINE.match(line):
            paragraphs.append(line)

    stack: list[tuple[_Node | str, bool]] = [(container, False)]
    while stack:
        item, leaving = stack.pop()
        if isinstance(item, str):
            buffer.append(item)
            continue
        if id(item) in skip or item.tag in ("h1", "script", "style", "template"):
            continue
        if item.tag in _BLOCK:
            flush()
        if leaving:
            continue
        if item.tag in ("td", "th"):
            buffer.append(" ")
        stack.append((item, True))
        stack.extend((child, False) for child in reversed(item.children))
    flush()
    return paragraphs


def extract_article(markup: str) -> HtmlArticle:
    """The title, dates, language and body paragraphs of the article on an HTML page."""
    root = _parse_tree(markup)
    chrome = _chrome_ids(root, _sizes(root))
    container = _choose_container(root, chrome)
    # An article's own <header> holds its title, date and standfirst: page chrome only outside the article.
    article_chrome = chrome - {id(node) for node in _elements(container) if node.tag == "header"}
    title = _title(root, container, chrome, article_chrome)
    date_line, date_ids = _date_line(root, container, chrome, article_chrome)
    paragraphs = _paragraphs(container, article_chrome | date_ids)
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    html_node = next((node for node in _elements(root) if node.tag == "html"), None)
    language = html_node.attrs.get("lang") if html_node else None
    return HtmlArticle(title, tuple(paragraphs), _meta_date(root), date_line, language or None)
