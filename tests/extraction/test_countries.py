"""Country mentions: every name form, acronym and adjective; longest match; places and regions block."""
from __future__ import annotations

import csv

import pytest

from pipelines.extraction.countries import CountryGazetteer
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR
from pipelines.extraction.sentences import tokenize
from pipelines.extraction.textutil import (
    PhraseTrie,
    Token,
    match_tokens,
    match_tokens_within,
    spelling_variants,
)


@pytest.fixture(scope="module")
def gazetteer() -> CountryGazetteer:
    return CountryGazetteer.load()


def codes(gazetteer: CountryGazetteer, text: str) -> list[str]:
    return [ref.iso3 for ref in gazetteer.find(text)]


def test_reference_file_lists_every_iso_country_once() -> None:
    with (DEFAULT_REFERENCE_DIR / "countries.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    iso3 = [row["iso3"] for row in rows]
    assert len(rows) == 249 and len(set(iso3)) == 249
    assert all(len(code) == 3 and code.isupper() for code in iso3)
    statuses = {row["iso3"]: row["sco_status"] for row in rows}
    assert {code for code, s in statuses.items() if s == "member"} == {
        "CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB", "IND", "PAK", "IRN", "BLR"}
    assert statuses["MNG"] == "observer" and statuses["AZE"] == "partner"


@pytest.mark.parametrize(("text", "expected"), [
    ("the Kyrgyz Republic and the Republic of Kyrgyzstan", ["KGZ", "KGZ"]),
    ("PRC, People's Republic of China and People’s Republic of China", ["CHN", "CHN", "CHN"]),
    ("Türkiye, formerly Turkey", ["TUR", "TUR"]),
    ("Republic of the Union of Myanmar, also Burma", ["MMR", "MMR"]),
    ("Lao PDR and the Islamic Republic of Iran", ["LAO", "IRN"]),
    ("DPRK, UAE, UK, USA, US and the United States of America", ["PRK", "ARE", "GBR", "USA", "USA", "USA"]),
    ("Democratic People's Republic of Korea and the Republic of Korea", ["PRK", "KOR"]),
    ("Guinea-Bissau, Papua New Guinea, Equatorial Guinea, Guinea", ["GNB", "PNG", "GNQ", "GIN"]),
    ("Nigeria and Niger", ["NGA", "NER"]),
])
def test_name_forms(gazetteer: CountryGazetteer, text: str, expected: list[str]) -> None:
    assert codes(gazetteer, text) == expected


def test_longest_form_is_one_mention(gazetteer: CountryGazetteer) -> None:
    refs = gazetteer.find("Ambassador of the Republic of the Union of Myanmar to the PRC")
    assert [(r.iso3, r.mention.text, r.rule) for r in refs] == [
        ("MMR", "Republic of the Union of Myanmar", "country_name"), ("CHN", "PRC", "country_acronym")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian Foreign Minister", ["RUS"]),
    ("the Uzbekistani diplomat and the Uzbek side", ["UZB", "UZB"]),
    ("Chinese and foreign media", ["CHN"]),
    ("Kazakh, Kazakhstani, Kyrgyz, Tajik, Turkmen", ["KAZ", "KAZ", "KGZ", "TJK", "TKM"]),
    ("Indian, Pakistani, Iranian, Belarusian, Mongolian, Afghan", ["IND", "PAK", "IRN", "BLR", "MNG", "AFG"]),
    ("Azerbaijani, Armenian, Cambodian, Nepalese, Sri Lankan, Turkish", ["AZE", "ARM", "KHM", "NPL", "LKA", "TUR"]),
    ("Egyptian, Qatari, Saudi, Emirati, Kuwaiti, Bahraini, Maldivian, Burmese", [
        "EGY", "QAT", "SAU", "ARE", "KWT", "BHR", "MDV", "MMR"]),
])
def test_adjectives_and_demonyms(gazetteer: CountryGazetteer, text: str, expected: list[str]) -> None:
    assert codes(gazetteer, text) == expected


def test_countries_inside_organisation_names_count(gazetteer: CountryGazetteer) -> None:
    assert codes(gazetteer, "Embassy of the Russian Federation in China") == ["RUS", "CHN"]
    assert codes(gazetteer, "the Orenburg Region of the Russian Federation") == ["RUS"]


@pytest.mark.parametrize("text", [
    "Beijing, Astana and Samarkand", "Central Asia, Eurasia, Europe and the Asia-Pacific region",
    "Kuwait City and Mexico City", "Latin American states", "the Korean Peninsula", "the Indian Ocean",
    "SCO member states", "indian summer in china", "Nigerian" + "ism",
])
def test_cities_regions_and_lowercase_words_are_not_countries(gazetteer: CountryGazetteer, text: str) -> None:
    assert codes(gazetteer, text) == []


def test_possessive_and_word_boundaries(gazetteer: CountryGazetteer) -> None:
    assert codes(gazetteer, "Kyrgyzstan's presidency and Russia’s approach") == ["KGZ", "RUS"]
    assert codes(gazetteer, "Kazakhstani") == ["KAZ"]


def test_offsets_cut_the_mention_out_of_the_text(gazetteer: CountryGazetteer) -> None:
    text = "Talks between Uzbekistan and the Kyrgyz Republic."
    assert all(text[r.mention.start:r.mention.end] == r.mention.text for r in gazetteer.find(text))


def test_rows_and_lookup(gazetteer: CountryGazetteer) -> None:
    rows = gazetteer.rows
    assert len(rows) == 249 and rows == sorted(rows)
    assert ("RUS", "Russia") in rows and ("CHN", "China") in rows
    assert gazetteer.iso3_for("Kyrgyz Republic") == "KGZ"
    assert gazetteer.iso3_for("the PRC") == "CHN"
    assert gazetteer.iso3_for("Uzbek") == "UZB"
    assert gazetteer.iso3_for("Beijing") is None
    assert gazetteer.official_in_text("RUS") == "the Russian Federation"
    assert gazetteer.official_in_text("TKM") == "Turkmenistan"


def test_phrase_trie_finds_nested_and_longest() -> None:
    trie: PhraseTrie[str] = PhraseTrie()
    trie.add("OSCE", "a")
    trie.add("OSCE Parliamentary Assembly", "b")
    tokens = match_tokens("the OSCE Parliamentary Assembly and IPA-CIS")
    assert [(m.first, m.last, m.values) for m in trie.find_all(tokens)] == [(1, 1, ("a",)), (1, 3, ("b",))]
    assert [m.values for m in trie.find_longest(tokens)] == [("b",)]
    trie.add("IPA CIS", "c")
    assert trie.find_longest(tokens)[-1].values == ("c",)
    assert spelling_variants("Organisation Centre") == {
        "Organisation Centre", "Organization Centre", "Organisation Center", "Organization Center"}


def test_prefixes_and_currencies(gazetteer: CountryGazetteer) -> None:
    assert codes(gazetteer, "Sino-Russian relations") == ["CHN", "RUS"]
    assert codes(gazetteer, "about US$37 trillion") == []


@pytest.mark.parametrize("text", [
    "The Secretary-General met H.E. Mr Oyun-Erdene in the U.S. on 3 May – talks on Russia’s role (SCO/CIS).",
    "pre- and post-crisis — a_b 'quoted' ‘single’ ʼx` Türkiye, São Paulo; 2019-2021!",
    "",
])
def test_match_tokens_within_equals_match_tokens(text: str) -> None:
    coarse = tokenize(text)
    within = match_tokens_within(text, coarse.texts, coarse.starts, coarse.ends)
    whole = match_tokens(text)
    assert within.texts == whole.texts and within.starts == whole.starts and within.ends == whole.ends
    assert within.keys == whole.keys
    assert all(type(token) is Token for token in within)

