"""Organisation mentions: gazetteer (nested too), genre patterns, elliptical back-references."""
from __future__ import annotations

import csv

import pytest

from pipelines.extraction.organisations import OrganisationMatcher
from pipelines.extraction.records import OrgRef
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR

SCO = "Shanghai Cooperation Organisation"
ORG_TYPES = {"intergovernmental", "national_body", "ministry", "parliament", "company", "academic", "ngo", "other"}


@pytest.fixture(scope="module")
def matcher() -> OrganisationMatcher:
    return OrganisationMatcher.load()


def found(matcher: OrganisationMatcher, text: str) -> list[tuple[str, str]]:
    refs = matcher.find(text)
    assert all(text[r.mention.start:r.mention.end] == r.mention.text for r in refs)
    return [(r.mention.text, r.canonical_name) for r in refs]


def names(matcher: OrganisationMatcher, text: str) -> set[str]:
    return {r.canonical_name for r in matcher.find(text)}


def test_reference_file_is_well_formed() -> None:
    with (DEFAULT_REFERENCE_DIR / "organisations.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    canonical = [row["canonical_name"] for row in rows]
    assert len(canonical) == len(set(canonical)) > 200
    assert {row["org_type"] for row in rows} <= ORG_TYPES
    for fixed in [SCO, f"Secretariat of the {SCO}", f"Regional Anti-Terrorist Structure of the {SCO}",
                  f"Council of Heads of State of the {SCO}", f"Interbank Consortium of the {SCO}",
                  "United Nations Office on Drugs and Crime", "World Health Organization",
                  "International Criminal Police Organization", "Economic Cooperation Organization"]:
        assert fixed in canonical


@pytest.mark.parametrize(("surface", "canonical"), [
    ("SCO Secretariat", f"Secretariat of the {SCO}"),
    ("SCO Headquarters", f"Secretariat of the {SCO}"),
    ("SCO headquarters", f"Secretariat of the {SCO}"),
    ("headquarters of the Shanghai Cooperation Organisation", f"Secretariat of the {SCO}"),
    ("SCO Heads of State Council", f"Council of Heads of State of the {SCO}"),
    ("Council of SCO Heads of State", f"Council of Heads of State of the {SCO}"),
    ("SCO Council of Heads of State", f"Council of Heads of State of the {SCO}"),
    ("RATS SCO", f"Regional Anti-Terrorist Structure of the {SCO}"),
    ("SCO Regional Anti-Terrorist Structure", f"Regional Anti-Terrorist Structure of the {SCO}"),
    ("Shanghai Cooperation Organization", SCO),
    ("UN Security Council", "United Nations Security Council"),
    ("International Criminal Police Organisation", "International Criminal Police Organization"),
    ("Economic Cooperation Organisation", "Economic Cooperation Organization"),
    ("Organisation for Security and Cooperation in Europe", "Organization for Security and Co-operation in Europe"),
    ("IPA-CIS", "Interparliamentary Assembly of the Member Nations of the Commonwealth of Independent States"),
    ("Russian Federal Security Service", "Federal Security Service of the Russian Federation"),
])
def test_gazetteer_aliases_and_spellings(matcher: OrganisationMatcher, surface: str, canonical: str) -> None:
    assert (surface, canonical) in found(matcher, f"Speaking at the {surface} today.")


def test_acronyms_are_case_sensitive_whole_words(matcher: OrganisationMatcher) -> None:
    assert names(matcher, "who said the eco-friendly unsco plan") == set()
    assert names(matcher, "WHO and ECO") == {"World Health Organization", "Economic Cooperation Organization"}


def test_nested_mentions_are_reported(matcher: OrganisationMatcher) -> None:
    assert names(matcher, "the OSCE Parliamentary Assembly") == {
        "Parliamentary Assembly of the Organization for Security and Co-operation in Europe",
        "Organization for Security and Co-operation in Europe"}
    assert names(matcher, "President of the Parliamentary Assembly of the Council of Europe") == {
        "Parliamentary Assembly of the Council of Europe", "Council of Europe"}
    assert names(matcher, "Speaker of the Federation Council of the Federal Assembly of the Russian Federation") == {
        "Federation Council of the Federal Assembly of the Russian Federation",
        "Federal Assembly of the Russian Federation"}
    assert names(matcher, "SCO Secretariat") == {SCO, f"Secretariat of the {SCO}"}
    assert names(matcher, "SCO Secretary-General Zhang Ming") == {SCO}
    assert names(matcher, "UN Secretary-General") == {"United Nations"}


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    (("met with Ambassador Extraordinary and Plenipotentiary of the Kingdom of Cambodia and the Embassy of Cambodia "
     "in Beijing"), "Embassy of Cambodia in Beijing",
     "Embassy of the Kingdom of Cambodia in the People's Republic of China"),
    ("contacts with the Embassy of the Republic of the Union of Myanmar to the PRC.",
     "Embassy of the Republic of the Union of Myanmar to the PRC",
     "Embassy of the Republic of the Union of Myanmar in the People's Republic of China"),
    ("the Chinese Embassy in Moscow", "Chinese Embassy in Moscow",
     "Embassy of the People's Republic of China in the Russian Federation"),
    ("Deputy Chairman of the Cabinet of Ministers of Turkmenistan Khodjamyrat Geldimyradov attended",
     "Cabinet of Ministers of Turkmenistan", "Cabinet of Ministers of Turkmenistan"),
    ("the Ministry of Foreign Affairs of Uzbekistan Bakhtiyor Saidov", "Ministry of Foreign Affairs of Uzbekistan",
     "Ministry of Foreign Affairs of the Republic of Uzbekistan"),
    ("the Kazakh Ministry of Defence", "Kazakh Ministry of Defence", "Ministry of Defence of the Republic of Kazakhstan"),
    ("the Chinese Foreign Ministry", "Chinese Foreign Ministry",
     "Ministry of Foreign Affairs of the People's Republic of China"),
    ("troops of the Belarusian Armed Forces", "Belarusian Armed Forces", "Armed Forces of the Republic of Belarus"),
    ("Speaker of the Parliament of Georgia Shalva Papuashvili", "Parliament of Georgia", "Parliament of Georgia"),
    ("Speaker of the National Assembly of Pakistan Raja Pervaiz Ashraf", "National Assembly of Pakistan",
     "National Assembly of the Islamic Republic of Pakistan"),
    ("Deputy Chairman of the Senate of the Parliament of Tajikistan", "Senate of the Parliament of Tajikistan",
     "Senate of the Parliament of the Republic of Tajikistan"),
    ("Rector of Sochi State University Alexander Ivanov", "Sochi State University", "Sochi State University"),
    ("a professor of the University of Strasbourg", "University of Strasbourg", "University of Strasbourg"),
    ("students of the China-EU School of Law", "China-EU School of Law", "China-EU School of Law"),
    ("Secretary of the CPC Chongqing Municipal Committee Chen Min'er", "CPC Chongqing Municipal Committee",
     "Chongqing Municipal Committee of the Communist Party of China"),
    ("Commander of the Central Military District of the Russian Armed Forces", "Central Military District",
     "Central Military District"),
    ("the SCO Development Bank and the SCO Pharmaceutical Association", "SCO Pharmaceutical Association",
     "SCO Pharmaceutical Association"),
    ("pupils of Beijing's general educational school No. 55 visited", "general educational school No. 55",
     "General educational school No. 55"),
    ("pupils of the general school at the Embassy of the Russian Federation in China, who",
     "general school at the Embassy of the Russian Federation in China",
     "General school at the Embassy of the Russian Federation in China"),
])
def test_genre_patterns(matcher: OrganisationMatcher, text: str, surface: str, canonical: str) -> None:
    assert (surface, canonical) in found(matcher, text)


def test_pattern_country_and_type(matcher: OrganisationMatcher) -> None:
    ref = next(r for r in matcher.find("the Embassy of Kazakhstan in China") if r.rule == "pattern:embassy")
    assert (ref.country_iso3, ref.org_type, ref.confidence) == ("KAZ", "national_body", 0.75)
    ref = next(r for r in matcher.find("the Ministry of Foreign Affairs of Mongolia"))
    assert (ref.country_iso3, ref.org_type) == ("MNG", "ministry")


def test_acronym_defined_in_text_names_the_same_body(matcher: OrganisationMatcher) -> None:
    text = "the Tajik Centre for Strategic Research (TCSR) said. TCSR experts agreed."
    assert [r.mention.text for r in matcher.find(text)] == ["Tajik Centre for Strategic Research", "TCSR", "TCSR"]
    assert {r.canonical_name for r in matcher.find(text)} == {"Tajik Centre for Strategic Research"}


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    # consulates general, with the country written officially and the city kept
    ("condemned the attack on the Consulate General of the Republic of India in Jalalabad.",
     "Consulate General of the Republic of India in Jalalabad",
     "Consulate General of the Republic of India in Jalalabad"),
    ("a reception at the Russian Consulate General in Almaty", "Russian Consulate General in Almaty",
     "Consulate General of the Russian Federation in Almaty"),
    # general staffs, of a listed army or of armed forces named after the state
    ("Chief of the General Staff of the Armed Forces of the Republic of Tajikistan Emomali Sobirzoda attended",
     "General Staff of the Armed Forces of the Republic of Tajikistan",
     "General Staff of the Armed Forces of the Republic of Tajikistan"),
    ("The General Staff of the Russian Armed Forces planned the drills.", "General Staff of the Russian Armed Forces",
     "General Staff of the Armed Forces of the Russian Federation"),
    ("officials of the Prosecutor General's Office of the Kyrgyz Republic took part",
     "Prosecutor General's Office of the Kyrgyz Republic", "Prosecutor General's Office of the Kyrgyz Republic"),
    ("the Permanent Mission of Tajikistan to the UN", "Permanent Mission of Tajikistan to the UN",
     "Permanent Mission of the Republic of Tajikistan to the United Nations"),
    # an institute or centre of a university or academy keeps its whole name
    ("Chairman of the Asia Research Institute of the National University of Malaysia Ahmad Ismail said",
     "Asia Research Institute of the National University of Malaysia",
     "Asia Research Institute of the National University of Malaysia"),
    ("with the help of the Science and Education Exchange Centre of the Russian Academy of Sciences.",
     "Science and Education Exchange Centre of the Russian Academy of Sciences",
     "Science and Education Exchange Centre of the Russian Academy of Sciences"),
    ("the Institute of China and Contemporary Studies of the Academy of Sciences of Mongolia",
     "Institute of China and Contemporary Studies of the Academy of Sciences of Mongolia",
     "Institute of China and Contemporary Studies of the Academy of Sciences of Mongolia"),
    ("experts of the Centre for Security Studies under the President of the Republic of Tajikistan said",
     "Centre for Security Studies under the President of the Republic of Tajikistan",
     "Centre for Security Studies under the President of the Republic of Tajikistan"),
    # secretariats of acronym bodies, and possessive ones
    ("Executive Director of the Secretariat of the OIC Ali Khan", "Secretariat of the OIC",
     "Secretariat of the Organisation of Islamic Cooperation"),
    ("the CSTO's Secretariat", "CSTO's Secretariat", "Secretariat of the Collective Security Treaty Organization"),
    # companies by their legal form
    ("member banks: Meezan Bank Limited (Pakistan) and others", "Meezan Bank Limited", "Meezan Bank Limited"),
    ("Huawei Technologies Co., Ltd. and others", "Huawei Technologies Co., Ltd", "Huawei Technologies Co., Ltd"),
    ("delegates of Kazakhtelecom JSC", "Kazakhtelecom JSC", "Kazakhtelecom JSC"),
    ("delegates of PJSC Rostelecom", "PJSC Rostelecom", "PJSC Rostelecom"),
    ("China Merchants Group and others", "China Merchants Group", "China Merchants Group"),
    ("the Development Bank of Kyrgyzstan", "Development Bank of Kyrgyzstan", "Development Bank of Kyrgyzstan"),
    # a country inside a longer name stays as written
    ("Director of the Centre for Caspian Studies of South Kazakhstan Pedagogical University Ivan Petrov",
     "Centre for Caspian Studies of South Kazakhstan Pedagogical University",
     "Centre for Caspian Studies of South Kazakhstan Pedagogical University"),
    # two organisations joined by "and" stay two
    ("the Xiamen Academy of Arts and Lanzhou University", "Lanzhou University", "Lanzhou University"),
    ("the Xiamen Academy of Arts and Lanzhou University", "Xiamen Academy of Arts", "Xiamen Academy of Arts"),
])
def test_genre_patterns_of_other_releases(matcher: OrganisationMatcher, text: str, surface: str,
                                          canonical: str) -> None:
    assert (surface, canonical) in found(matcher, text)


@pytest.mark.parametrize("text", [
    "the Historic Centre of Samarkand in Uzbekistan",
    "the SCO Working Group on Startups and the Expert Group met",
    "the Peace Mission 2025 exercise",
    "Chief of Staff of the Armed Forces",
    "the General Secretary said",
    "General Staff officers of the member states met",
    "Chairman of the Management Board of Samruk-Kazyna JSC Nurlan Rakhmetov spoke",
    "JSC and LLC forms were discussed.",
])
def test_sites_mechanisms_and_titles_are_not_organisations(matcher: OrganisationMatcher, text: str) -> None:
    assert {r.rule for r in matcher.find(text)} <= {"gazetteer", "acronym"}


@pytest.mark.parametrize("text", [
    "the 14th Meeting of Security Council Secretaries of SCO Member States",
    "at the National Exhibition and Convention Centre",
    "the Belt and Road Initiative and the Smart China Expo",
    "the Peace Mission 2021 exercise",
    "Minister of Foreign Affairs of the Republic of Azerbaijan Elmar Mammadyarov",
    "Prime Minister of the Republic of Kazakhstan Alikhan Smailov",
    "Chairman of the Council of the SCO Interbank Consortium Alisher Mirsoatov",
    "a meeting of the Council of Heads of Government of India",
])
def test_events_venues_titles_and_governing_organs_are_not_new_organisations(
        matcher: OrganisationMatcher, text: str) -> None:
    assert {r.rule for r in matcher.find(text)} <= {"gazetteer", "acronym"}


def test_ellipsis_needs_an_antecedent(matcher: OrganisationMatcher) -> None:
    text = "The SCO was founded in 2001. The Organisation's goals and the Secretariat's work were discussed."
    refs = [(r.mention.text, r.canonical_name, r.rule) for r in matcher.find(text)]
    assert ("Organisation", SCO, "ellipsis") in refs
    assert ("Secretariat", f"Secretariat of the {SCO}", "ellipsis") in refs
    assert matcher.find("The Organisation and the Secretariat met.") == []
    assert matcher.find("the organisation met") == []


def test_ellipsis_takes_the_latest_matching_body(matcher: OrganisationMatcher) -> None:
    text = ("delegations of the Council of CIS Heads of Security Agencies and Special Services, Chairman of the "
            "Executive Committee and Executive Secretary of the Commonwealth of Independent States Sergei Lebedev")
    refs = [(r.mention.text, r.canonical_name) for r in matcher.find(text) if r.rule == "ellipsis"]
    assert refs == [("Executive Committee", "Executive Committee of the Commonwealth of Independent States")]
    text = "the ICRC delegation and the SCO Development Fund. The Fund will start in 2027."
    assert ("Fund", "SCO Development Fund") in found(matcher, text)


def test_output_is_sorted_and_deterministic(matcher: OrganisationMatcher) -> None:
    text = "The SCO Secretariat hosted the OSCE Secretariat, and the UNODC met the Secretariat."
    first: list[OrgRef] = matcher.find(text)
    assert first == matcher.find(text)
    assert [r.mention.start for r in first] == sorted(r.mention.start for r in first)


def test_an_elliptical_owner_makes_no_new_secretariat(matcher: OrganisationMatcher) -> None:
    text = "The SCO was founded in 2001. The Organisation's Secretariat is in Beijing."
    assert {(r.mention.text, r.canonical_name) for r in matcher.find(text) if r.rule != "acronym"} == {
        ("Organisation", SCO)}
