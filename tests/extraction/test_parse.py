"""Parsing: clean body_text, title, dateline, published date and language of a release."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extraction.html_article import extract_article
from pipelines.extraction.intake import decode_input
from pipelines.extraction.language import detect_language
from pipelines.extraction.normalise import normalise_line, split_blocks
from pipelines.extraction.parse import parse_document
from pipelines.extraction.records import ParsedRelease, SourceDocument

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sources" / "samples").iterdir())
GOLD_DIR = ROOT / "tests" / "gold"


def _text(content: str, **metadata: object) -> SourceDocument:
    return SourceDocument(format="text", content=content, encoding="utf-8", **metadata)  # type: ignore[arg-type]


def _html(content: str, **metadata: object) -> SourceDocument:
    return SourceDocument(format="html", content=content, encoding="utf-8", **metadata)  # type: ignore[arg-type]


# --- normalisation -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Cafe\u0301", "Café"),  # NFC
        ("SCO\u00a0Secretary-General", "SCO Secretary-General"),
        ("Zhang\u202fMing", "Zhang Ming"),
        ("Secre\u00adtary", "Secretary"),
        ("Nor\u200bov\u200c\u200d\u2060\ufeff", "Norov"),
        (
            "\u2018Shanghai spirit\u2019 and \u201cunity\u201d, \u201ejoint\u201c, \u00abSCO\u00bb",
            '\'Shanghai spirit\' and "unity", "joint", "SCO"',
        ),
        ("Secretary\u2010General, Nur\u2011Sultan", "Secretary-General, Nur-Sultan"),
        ("2019\u20132021 \u2014 kept", "2019\u20132021 \u2014 kept"),
        ("  a \t  b   ", "a b"),
        ("Tom &amp; Jerry&nbsp;&quot;x&quot; &#8211; y", 'Tom & Jerry "x" \u2013 y'),
        ("bell\x07 and\x85", "bell and"),
    ],
)
def test_normalise_line(raw: str, clean: str) -> None:
    assert normalise_line(raw) == clean


def test_already_unescaped_text_is_not_unescaped_twice() -> None:
    assert normalise_line("&amp;lt;", unescape_entities=False) == "&amp;lt;"


def test_split_blocks_strips_lines_and_drops_blank_ones() -> None:
    assert split_blocks(" a \n b\n\n \u00a0\n\nc \r\n") == [["a", "b"], ["c"]]


# --- language ------------------------------------------------------------------------------------------------------


def test_detect_language() -> None:
    assert detect_language("The Secretary-General met the Minister of Foreign Affairs of the Republic.") == "en"
    assert detect_language("Генеральный секретарь ШОС встретился с министром иностранных дел.") == "ru"
    assert detect_language("上海合作组织秘书长会见哈萨克斯坦大使。") == "zh"
    assert detect_language("Le Secrétaire général a rencontré le ministre des affaires étrangères.") == "und"
    assert detect_language("") == "und"
    assert detect_language("Le texte", "fr-FR") == "fr"


# --- plain text ----------------------------------------------------------------------------------------------------


def test_lead_first_text_has_no_title_and_dates_from_the_lead() -> None:
    parsed = parse_document(_text("On 15 April 2021 the SCO Secretary-General made a video address.\nHe spoke.\n"))
    assert parsed.title is None
    assert parsed.body_text == "On 15 April 2021 the SCO Secretary-General made a video address.\n\nHe spoke."
    assert (parsed.published_date, parsed.date_source, parsed.language) == (date(2021, 4, 15), "lead", "en")


def test_headline_and_dateline_open_the_body() -> None:
    content = (
        "President of Kazakhstan receives SCO Secretary-General\nAstana, 5 January 2025\n\n"
        "On 4 January 2025, the President met the Secretary-General.\n\nThey talked."
    )
    parsed = parse_document(_text(content))
    assert parsed.title == "President of Kazakhstan receives SCO Secretary-General"
    assert parsed.body_text == (
        "President of Kazakhstan receives SCO Secretary-General\n\nAstana, 5 January 2025\n\n"
        "On 4 January 2025, the President met the Secretary-General.\n\nThey talked."
    )
    assert (parsed.published_date, parsed.date_source) == (date(2025, 1, 5), "dateline")


@pytest.mark.parametrize(
    "dateline",
    [
        "Beijing, 14 July 2022",
        "St. Petersburg, July 14, 2022",
        "14 July 2022",
        "Nur-Sultan, 14.07.2022",
        "Rostov-on-Don, 14 July 2022",
    ],
)
def test_dateline_forms(dateline: str) -> None:
    parsed = parse_document(_text(f"SCO Secretary-General holds meetings\n{dateline}\n\nThe parties met."))
    assert (parsed.published_date, parsed.date_source) == (date(2022, 7, 14), "dateline")


def test_a_sentence_with_a_date_is_not_a_dateline() -> None:
    parsed = parse_document(_text("Ambassadors meet\nThe meeting was held on 14 July 2022.\n\nMore."))
    assert parsed.date_source == "lead"
    assert parsed.body_text.startswith("Ambassadors meet\n\nThe meeting was held on 14 July 2022.")


def test_headline_then_lead_with_the_date_at_its_end() -> None:
    content = (
        "SCO Heads of Government Council holds its 21st meeting via videoconference\n\n"
        "The 21st meeting of the Council of Heads of Government was held via videoconference on 1 November 2022."
    )
    parsed = parse_document(_text(content))
    assert parsed.title == "SCO Heads of Government Council holds its 21st meeting via videoconference"
    assert (parsed.published_date, parsed.date_source) == (date(2022, 11, 1), "lead")


def test_long_first_sentence_is_a_lead_not_a_headline() -> None:
    lead = "The SCO Secretary-General received the Ambassador of India, and the two sides discussed cooperation."
    assert parse_document(_text(f"{lead}\nThey agreed to meet again.")).title is None


def test_a_long_headline_with_a_full_stop_is_a_headline_when_a_dateline_follows() -> None:
    headline = "SCO Secretary-General Zhang Ming meets Ambassador Extraordinary and Plenipotentiary of India to China."
    parsed = parse_document(_text(f"{headline}\nBeijing, 14 July 2022\nThe parties met."))
    assert (parsed.title, parsed.published_date, parsed.date_source) == (headline, date(2022, 7, 14), "dateline")


def test_year_less_lead_date_takes_the_nearest_year() -> None:
    parsed = parse_document(_text("Council meets\n\nOn 13 November, the Council met.\n\nIt had met on 2 May 2019."))
    assert (parsed.published_date, parsed.date_source) == (date(2019, 11, 13), "lead")


def test_no_date_anywhere_gives_none() -> None:
    parsed = parse_document(_text("A headline\n\nThe Council met in Beijing."))
    assert (parsed.published_date, parsed.date_source) == (None, "none")


def test_each_line_is_a_paragraph_and_hard_wrapped_sentences_are_joined() -> None:
    parsed = parse_document(
        _text("On 1 May 2020 the SCO met.\nSecond paragraph.\n\nA sentence that was\nwrapped here.")
    )
    assert parsed.body_text == "On 1 May 2020 the SCO met.\n\nSecond paragraph.\n\nA sentence that was wrapped here."


def test_metadata_title_date_and_language_win() -> None:
    document = _text("On 15 April 2021 the SCO met.", title="SCO meets", published=date(2021, 4, 16), language="en")
    parsed = parse_document(document)
    assert parsed.title == "SCO meets"
    assert parsed.body_text == "SCO meets\n\nOn 15 April 2021 the SCO met."
    assert (parsed.published_date, parsed.date_source, parsed.language) == (date(2021, 4, 16), "metadata", "en")


def test_metadata_title_repeated_as_first_line_is_not_doubled() -> None:
    parsed = parse_document(_text("SCO meets\nOn 15 April 2021 the SCO met.", title="SCO meets"))
    assert parsed.body_text == "SCO meets\n\nOn 15 April 2021 the SCO met."


def test_body_is_normalised_before_it_is_built() -> None:
    parsed = parse_document(_text("On 1\u00a0May 2020 the \u201cSCO\u201d  met\u200b.\n"))
    assert parsed.body_text == 'On 1 May 2020 the "SCO" met.'


# --- HTML ----------------------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Norov meets envoy | SCO</title>
<meta property="article:published_time" content="2021-02-03T09:00:00+08:00">
<style>p {color: red}</style><script>var share = "Related";</script></head><body>
<header class="site-header"><h1 class="logo">SCO</h1><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<ul class="lang-switch"><li><a>Русский</a></li><li><a>中文</a></li></ul><span class="today">Today: 09.02.2021</span>
</header>
<main><article>
<header><h1>Norov meets &laquo;envoy&raquo;</h1><time datetime="2021-02-04">4 February 2021</time></header>
<p>On 2 February 2021, SCO Secretary-General Vladimir Norov met the Ambassador of Pakistan.
The sides discussed cooperation.</p>
<p>Mr Norov thanked his guest.<br>The meeting was friendly.</p>
<figure><img src="x.jpg"><figcaption>Photo by the press service: Ilham Aliyev</figcaption></figure>
<p>Share: <a href="#">Facebook</a> <a href="#">Twitter</a></p>
<noscript>Enable JavaScript</noscript>
<form><input name="q"><button>Search</button></form>
</article>
<aside><h3>Related news</h3><article><a href="/n/1">Wang Yi receives Emomali Rahmon</a></article></aside>
<div class="see-also"><b>Read also:</b> <a href="/n/2">Kazakhstan hosts summit</a></div>
<div><h4>Latest news</h4><ul><li><a href="/n/3">Modi visits Tashkent</a></li></ul></div>
</main>
<footer>&copy; 2021 SCO. All rights reserved. <a href="/contacts">Contacts</a></footer>
</body></html>"""


def test_html_article_keeps_only_the_article() -> None:
    parsed = parse_document(_html(PAGE))
    assert parsed.title == 'Norov meets "envoy"'
    assert parsed.body_text == (
        'Norov meets "envoy"\n\n'
        "On 2 February 2021, SCO Secretary-General Vladimir Norov met the Ambassador of Pakistan. "
        "The sides discussed cooperation.\n\nMr Norov thanked his guest.\n\nThe meeting was friendly."
    )
    assert (parsed.published_date, parsed.date_source, parsed.language) == (date(2021, 2, 3), "metadata", "en")


def test_html_date_line_when_no_meta_date() -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2021-02-03T09:00:00+08:00">', "")
    parsed = parse_document(_html(page))
    assert (parsed.published_date, parsed.date_source) == (date(2021, 2, 4), "date_line")
    assert "4 February 2021" not in parsed.body_text


def test_html_div_date_line_is_dropped_from_the_body() -> None:
    page = (
        '<div class="article"><h1>Title</h1><div class="date">14.03.2016</div>'
        "<p>The Council met on 10 March 2016.</p></div>"
    )
    parsed = parse_document(_html(page))
    assert parsed.body_text == "Title\n\nThe Council met on 10 March 2016."
    assert (parsed.published_date, parsed.date_source) == (date(2016, 3, 14), "date_line")


def test_html_without_h1_uses_the_title_element_and_the_longest_part() -> None:
    article = extract_article(
        "<html><head><title>SCO | SCO Secretary-General visits Astana</title></head>"
        "<body><p>He arrived.</p></body></html>"
    )
    assert article.title == "SCO Secretary-General visits Astana"
    assert article.paragraphs == ("He arrived.",)


def test_html_without_h1_takes_a_heading_classed_as_title() -> None:
    page = (
        "<title>SCO - Envoy meets envoy</title><div class='news_date'>25.01.2022</div>"
        "<h2 class='news_title'>Envoy meets envoy</h2><div class='news_text'><p>On 20 January 2022 they met.</p></div>"
    )
    parsed = parse_document(_html(page))
    assert parsed.body_text == "Envoy meets envoy\n\nOn 20 January 2022 they met."
    assert (parsed.published_date, parsed.date_source) == (date(2022, 1, 25), "date_line")


def test_html_fallback_container_is_the_block_with_most_paragraph_text() -> None:
    page = (
        "<body><div id='a'><p>Menu one</p></div><div id='b'><p>The SCO Secretary-General met the Minister.</p>"
        "<p>They discussed the agenda of the summit in detail.</p></div></body>"
    )
    article = extract_article(page)
    assert article.paragraphs == (
        "The SCO Secretary-General met the Minister.",
        "They discussed the agenda of the summit in detail.",
    )


def test_html_unclosed_paragraphs_and_br_paragraphs() -> None:
    article = extract_article("<div class='article'><p>First one.<p>Second one.<div>Third<br/>Fourth</div></div>")
    assert article.paragraphs == ("First one.", "Second one.", "Third", "Fourth")


def test_html_chrome_lines_inside_the_article_are_dropped() -> None:
    page = (
        "<div class='article'><p>The Council met.</p><p>Read also: <a>Other meeting</a></p>"
        "<p>© 2021 SCO. All rights reserved.</p><p>Share</p><p>Photo: SCO Secretariat</p><h3>Related news</h3>"
        "<ul><li><a>Wang Yi meets Lavrov</a></li><li><a>Modi visits Tashkent</a></li></ul></div>"
    )
    assert extract_article(page).paragraphs == ("The Council met.",)


def test_html_wrapper_with_a_chrome_like_class_is_kept_when_it_holds_the_article() -> None:
    page = '<body class="page-with-sidebar"><form id="aspnetForm"><p>The Council met.</p></form></body>'
    assert extract_article(page).paragraphs == ("The Council met.",)


def test_html_text_dateline_paragraph_is_a_dateline() -> None:
    parsed = parse_document(_html("<h1>Envoys meet</h1><p>Beijing, 14 July 2022</p><p>The envoys met.</p>"))
    assert (parsed.published_date, parsed.date_source) == (date(2022, 7, 14), "dateline")
    assert parsed.body_text == "Envoys meet\n\nBeijing, 14 July 2022\n\nThe envoys met."


def test_json_ld_date_published_is_metadata() -> None:
    page = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-06-24"}</script>'
        "<p>On 23 June 2020 the SCO met.</p>"
    )
    parsed = parse_document(_html(page))
    assert (parsed.published_date, parsed.date_source) == (date(2020, 6, 24), "metadata")


def test_deeply_nested_markup_does_not_hit_the_recursion_limit() -> None:
    parsed = parse_document(_html("<div>" * 5000 + "<p>On 1 May 2020 the SCO met.</p>" + "</div>" * 5000))
    assert parsed.body_text == "On 1 May 2020 the SCO met."


# --- the dev samples -----------------------------------------------------------------------------------------------


def _parsed_sample(path: Path) -> ParsedRelease:
    result = decode_input(path.name, path.read_bytes())
    assert result.document is not None, result.reason
    return parse_document(result.document)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_sample_published_date_matches_gold(path: Path) -> None:
    gold = json.loads((GOLD_DIR / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
    parsed = _parsed_sample(path)
    assert str(parsed.published_date) == gold["published"]
    assert parsed.language == "en"


def test_all_sixteen_samples_are_covered() -> None:
    assert len(SAMPLES) == 16


CHROME = re.compile(
    r"\b(?:Share|Related|See also|Read also|Latest news|Other news|Also in News|All rights reserved|Home|Main|Contacts?|"
    r"Contact us|Site map|Print|Photo gallery|Multimedia|Facebook|Twitter|WeChat|Telegram|RSS|Views)\b|Русский|中文|©"
)


@pytest.mark.parametrize("path", [p for p in SAMPLES if p.suffix == ".html"], ids=lambda path: path.name)
def test_no_page_chrome_survives_in_html_samples(path: Path) -> None:
    parsed = _parsed_sample(path)
    assert not CHROME.findall(parsed.body_text)
    related = re.findall(r'<a href="/news/\d+/">([^<]+)</a>', path.read_text(encoding="utf-8"))
    assert related, "the sample has related headlines"
    for headline in related:
        assert headline.replace("&quot;", '"') not in parsed.body_text
    assert parsed.title is not None and parsed.body_text.startswith(parsed.title + "\n\n")
    date_div = re.search(r'<div class="date">([^<]+)</div>', path.read_text(encoding="utf-8"))
    assert date_div and date_div.group(1) not in parsed.body_text


def test_html_sample_body_is_every_article_paragraph() -> None:
    path = next(p for p in SAMPLES if p.name.startswith("2016-03-14"))
    paragraphs = re.findall(r"<p>(.*?)</p>", path.read_text(encoding="utf-8"))
    parsed = _parsed_sample(path)
    assert parsed.body_text.split("\n\n")[1:] == paragraphs


# --- robustness ----------------------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(content=st.text(max_size=800), fmt=st.sampled_from(["text", "html"]))
def test_arbitrary_text_never_crashes_parse(content: str, fmt: str) -> None:
    parsed = parse_document(SourceDocument(format=fmt, content=content, encoding="utf-8"))  # type: ignore[arg-type]
    assert parsed.date_source in {"metadata", "date_line", "dateline", "lead", "none"}
    assert (parsed.published_date is None) == (parsed.date_source == "none")
    assert parsed.body_text == parsed.body_text.strip()


@settings(max_examples=200, deadline=None)
@given(
    content=st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div class='date'>",
                "</div>",
                "<h1>",
                "</h1>",
                "<br>",
                "<!--",
                "-->",
                "<![CDATA[",
                "<script>",
                "</script>",
                "<!DOCTYPE",
                "&",
                "On 1 May 2020",
                " text ",
                "\n",
                "<",
                ">",
                "'",
                '"',
                "13 November",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_arbitrary_markup_never_crashes_parse(content: str) -> None:
    parse_document(SourceDocument(format="html", content=content, encoding="utf-8"))
