"""Persons on short strings: title/name split, lists, later references, offices on a date."""
from __future__ import annotations

from datetime import date

import pytest

from pipelines.extraction.records import PersonRef
from pipelines.extraction.release import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def persons(extractor: Extractor, text: str, published: date | None = date(2023, 5, 10)) -> dict[str, PersonRef]:
    found = extractor.extract(text, published).persons
    for person in found:
        for mention in person.mentions:
            assert text[mention.start:mention.end] == mention.text
    return {p.canonical_name: p for p in found}


def test_title_runs_into_name(extractor: Extractor) -> None:
    found = persons(extractor, "On 1 May 2023, Speaker of the Senate of the Oliy Majlis of the Republic of Uzbekistan "
                               "Tanzila Narbaeva met with guests.")
    person = found["Tanzila Narbaeva"]
    assert person.title == "Speaker of the Senate of the Oliy Majlis of the Republic of Uzbekistan"
    assert person.country_iso3 == "UZB"
    assert person.org_name == "Senate of the Oliy Majlis of the Republic of Uzbekistan"


def test_participant_list_with_commas_and_and(extractor: Extractor) -> None:
    found = persons(extractor, "Taking part were Prime Minister of the Republic of Kazakhstan Alikhan Smailov, "
                               "Premier of the State Council of the People's Republic of China Li Keqiang and Prime "
                               "Minister of Mongolia Luvsannamsrain Oyun-Erdene.")
    assert set(found) == {"Alikhan Smailov", "Li Keqiang", "Luvsannamsrain Oyun-Erdene"}
    assert found["Li Keqiang"].org_name == "State Council of the People's Republic of China"
    assert found["Luvsannamsrain Oyun-Erdene"].title == "Prime Minister of Mongolia"
    assert found["Alikhan Smailov"].org_name is None


def test_military_rank_is_neither_title_nor_name(extractor: Extractor) -> None:
    found = persons(extractor, "Commander of the Central Military District of the Russian Armed Forces "
                               "Colonel-General Alexander Lapin said the drills began. Colonel-General Lapin noted "
                               "progress.")
    person = found["Alexander Lapin"]
    assert person.title == "Commander of the Central Military District of the Russian Armed Forces"
    assert person.country_iso3 == "RUS"
    assert "Colonel-General Lapin" in [m.text for m in person.mentions]


def test_compound_title_takes_the_office_that_gives_standing(extractor: Extractor) -> None:
    found = persons(extractor, "He met with member of the Political Bureau of the 19th Central Committee of the "
                               "Communist Party of China and Secretary of the CPC Chongqing Municipal Committee "
                               "Chen Min'er. The Chinese official praised the pavilion.")
    person = found["Chen Min'er"]
    assert person.title.startswith("member of the Political Bureau")
    assert person.country_iso3 == "CHN"
    assert "Chongqing" in (person.org_name or "")
    assert "Chinese official" in [m.text for m in person.mentions]


def test_international_officials_represent_no_state(extractor: Extractor) -> None:
    found = persons(extractor, "Also present were SCO Secretary-General Zhang Ming, WHO Regional Director for Europe "
                               "Hans Kluge and Head of the Regional East Asia Delegation of the International "
                               "Committee of the Red Cross Pierre Krähenbühl.")
    assert found["Zhang Ming"].country_iso3 is None
    assert found["Zhang Ming"].org_name == "Shanghai Cooperation Organisation"
    assert found["Hans Kluge"].org_name == "World Health Organization"
    assert found["Hans Kluge"].country_iso3 is None
    assert found["Pierre Krähenbühl"].country_iso3 is None


def test_ambassador_represents_the_first_state(extractor: Extractor) -> None:
    found = persons(extractor, "Zhang Ming met with Ambassador Extraordinary and Plenipotentiary of the Kingdom of "
                               "Cambodia to the People's Republic of China Khek Caimealy Sysoda.")
    person = found["Khek Caimealy Sysoda"]
    assert person.country_iso3 == "KHM"
    assert person.org_name is None


def test_known_spellings_and_honorific_references(extractor: Extractor) -> None:
    found = persons(extractor, "SCO Secretary-General Nurlan Ermekbaev met Pierre Krähenbühl. Mr Kraehenbuehl "
                               "thanked Mr Yermekbayev.", date(2025, 3, 1))
    assert set(found) == {"Nurlan Yermekbayev", "Pierre Krähenbühl"}
    assert "Mr Kraehenbuehl" in [m.text for m in found["Pierre Krähenbühl"].mentions]
    assert "Mr Yermekbayev" in [m.text for m in found["Nurlan Yermekbayev"].mentions]


def test_chinese_name_without_title_and_surname_reference(extractor: Extractor) -> None:
    found = persons(extractor, "Professor of Peking University Li Wei spoke first. Mr Li noted the results.")
    assert "Mr Li" in [m.text for m in found["Li Wei"].mentions]
    assert found["Li Wei"].title == "Professor of Peking University"


def test_bracketed_country_and_office_list(extractor: Extractor) -> None:
    found = persons(extractor, "The post of SCO Secretary-General has been held by Bolat Nurgaliyev (Republic of "
                               "Kazakhstan) in 2007-2009 and Dmitry Mezentsev (Russian Federation) in 2013-2015.",
                    date(2024, 1, 16))
    assert found["Bolat Nurgaliyev"].title == "SCO Secretary-General"
    assert found["Bolat Nurgaliyev"].country_iso3 is None


def test_bracketed_country_for_a_national_official(extractor: Extractor) -> None:
    found = persons(extractor, "The forum was attended by Ivan Petrenko (Russian Federation) and others.")
    assert found["Ivan Petrenko"].country_iso3 == "RUS"


def test_role_reference_resolved_by_office_on_date(extractor: Extractor) -> None:
    text = ("On 15 April 2021 the SCO Secretary-General made a video address. Vladimir Norov noted the threats. "
            "The Secretary-General said more.")
    found = persons(extractor, text, date(2021, 4, 15))
    person = found["Vladimir Norov"]
    assert person.title == "SCO Secretary-General"
    assert person.org_name == "Shanghai Cooperation Organisation"
    assert [m.text for m in person.mentions].count("Secretary-General") == 1


def test_head_of_state_and_president_references(extractor: Extractor) -> None:
    found = persons(extractor, "President of the Kyrgyz Republic Sadyr Japarov made a statement. The Head of State "
                               "said a lot. President Japarov noted more.")
    texts = [m.text for m in found["Sadyr Japarov"].mentions]
    assert "Head of State" in texts and "President Japarov" in texts


def test_ambiguous_role_goes_to_the_most_recent_holder(extractor: Extractor) -> None:
    found = persons(extractor, "He met Ambassador of Myanmar to China U Myo Thant Pe. The Ambassador spoke. Later he "
                               "met Ambassador of Cambodia to China Khek Caimealy Sysoda.")
    assert "Ambassador" in [m.text for m in found["U Myo Thant Pe"].mentions]
    assert "Ambassador" not in [m.text for m in found["Khek Caimealy Sysoda"].mentions]


def test_misspelt_surname_after_honorific(extractor: Extractor) -> None:
    found = persons(extractor, "SCO Secretary-General Rashid Alimov welcomed pupils. \"Study well,\" Mr Rashidov said.",
                    date(2018, 4, 25))
    assert set(found) == {"Rashid Alimov"}
    assert "Mr Rashidov" in [m.text for m in found["Rashid Alimov"].mentions]


def test_unnamed_and_non_person_capitals_are_not_persons(extractor: Extractor) -> None:
    found = persons(extractor, "The Ambassadors of Russia, Armenia and Iran attended the Peace Mission 2021 exercise "
                               "and the Smart China Expo near the Alexander Nevsky Cathedral. Open Door Day was held.")
    assert found == {}


def test_apposition_title_after_the_name(extractor: Extractor) -> None:
    found = persons(extractor, "Zhang Ming, Secretary-General of the Shanghai Cooperation Organisation, met guests.")
    assert found["Zhang Ming"].title == "Secretary-General of the Shanghai Cooperation Organisation"


def test_patronymic_dropped_from_canonical_name(extractor: Extractor) -> None:
    found = persons(extractor, "Minister of Culture of the Russian Federation Olga Borisovna Lyubimova spoke.")
    assert "Olga Lyubimova" in found
    assert found["Olga Lyubimova"].mentions[0].text == "Olga Borisovna Lyubimova"


def test_office_named_inside_a_title_is_no_reference(extractor: Extractor) -> None:
    found = persons(extractor, "SCO Secretary-General Zhang Ming met with Special Representative of the UN "
                               "Secretary-General for Central Asia Kaha Imnadze. He conveyed greetings from the "
                               "Secretary-General of the United Nations.")
    assert [m.text for m in found["Kaha Imnadze"].mentions] == ["Kaha Imnadze"]
    assert "Secretary-General" not in [m.text for m in found["Zhang Ming"].mentions]


def test_compound_title_goes_on_after_and(extractor: Extractor) -> None:
    found = persons(extractor, "On 3 May 2023, the Secretary-General met Rector of Kazan Federal University and "
                               "corresponding member of the Russian Academy of Sciences Lenar Safin.")
    person = found["Lenar Safin"]
    assert person.title == ("Rector of Kazan Federal University and corresponding member of the Russian Academy of "
                            "Sciences")
    assert person.country_iso3 == "RUS"


def test_vice_title_written_as_one_word(extractor: Extractor) -> None:
    found = persons(extractor, "Among the guests were Vice-Chairman of the National Assembly of the Republic of "
                               "Korea Kim Sang-hee and ambassadors.")
    assert found["Kim Sang-hee"].title == "Vice-Chairman of the National Assembly of the Republic of Korea"
    assert found["Kim Sang-hee"].country_iso3 == "KOR"


def test_office_named_before_the_person_it_introduces(extractor: Extractor) -> None:
    text = ("On 2 May 2023, the meeting of the council was held in Almaty.\n\nOpening the meeting, the Chairman of "
            "the Development Bank of Kazakhstan said that the banks had much to do.\n\n"
            "Yerlan Alimbayev also proposed a plan. Mr Alimbayev thanked the guests.")
    person = persons(extractor, text)["Yerlan Alimbayev"]
    assert person.title is not None and person.title == "Chairman of the Development Bank of Kazakhstan"
    assert "Mr Alimbayev" in [m.text for m in person.mentions]


def test_untitled_full_name_before_a_verb_is_a_person(extractor: Extractor) -> None:
    found = persons(extractor, "On 2 May 2023, the council met in Delhi.\n\nRamesh Kumar Sharma also supported the "
                               "plan. Mr Sharma was thanked.")
    assert set(found) == {"Ramesh Kumar Sharma"}


def test_known_person_introduced_by_title_and_surname(extractor: Extractor) -> None:
    found = persons(extractor, "On 3 May 2023, SCO Secretary-General Zhang Ming met Russian Foreign Minister Lavrov "
                               "in Moscow. Mr Lavrov thanked him.")
    person = found["Sergei Lavrov"]
    assert person.title == "Russian Foreign Minister" and person.country_iso3 == "RUS"
    assert [m.text for m in person.mentions] == ["Lavrov", "Mr Lavrov"]


def test_unknown_surname_after_a_title_is_not_a_person(extractor: Extractor) -> None:
    found = persons(extractor, "On 3 May 2023, Minister Qwertyov spoke.")
    assert found == {}
