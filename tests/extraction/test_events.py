"""Events on short releases: kind precedence, several meetings, date, format and place."""
from __future__ import annotations

from datetime import date

import pytest

from pipelines.extraction.records import EventRef
from pipelines.extraction.release import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def events(extractor: Extractor, text: str, published: date | None = date(2023, 3, 16)) -> tuple[EventRef, ...]:
    found = extractor.extract(text, published).events
    for event in found:
        assert text[event.mention.start:event.mention.end] == event.mention.text
    return found


def test_several_meetings_in_one_release(extractor: Extractor) -> None:
    text = ("On 16 March 2023, SCO Secretary-General Zhang Ming took part in a working lunch hosted by Minister of "
            "Foreign Affairs of the Russian Federation Sergei Lavrov in Moscow.\n\nThe sides exchanged views.\n\n"
            "On the same day, Zhang Ming held consultations with Deputy Minister of Foreign Affairs of the Russian "
            "Federation Andrei Rudenko.")
    found = events(extractor, text)
    assert [e.kind for e in found] == ["meeting", "meeting"]
    assert [e.event_date for e in found] == [date(2023, 3, 16)] * 2
    assert [e.place for e in found] == ["Moscow", "Moscow"]
    assert "Andrei Rudenko" in found[1].participants


def test_statutory_body_keeps_its_level_online(extractor: Extractor) -> None:
    text = ("SCO Heads of Government Council holds its 21st meeting via videoconference\n\nThe 21st meeting of the "
            "Council of Heads of Government of the Member States of the Shanghai Cooperation Organisation was held "
            "via videoconference on 1 November 2022.")
    (event,) = events(extractor, text, date(2022, 11, 1))
    assert (event.kind, event.is_virtual, event.place) == ("summit", True, None)
    assert event.name.startswith("21st meeting of the Council of Heads of Government")


def test_video_address_beats_the_conference(extractor: Extractor) -> None:
    (event,) = events(extractor, "On 15 April 2021 the SCO Secretary-General made a video address to the "
                                 "conference Global Challenges and Threats.", date(2021, 4, 15))
    assert (event.kind, event.is_virtual, event.event_date) == ("video_address", True, date(2021, 4, 15))


def test_lecture_beats_the_visit_and_place_is_the_city(extractor: Extractor) -> None:
    (event,) = events(extractor, "On 18 April 2017, SCO Secretary-General Rashid Alimov visited Gumilev Eurasian "
                                 "National University in Astana, where he delivered a lecture.", date(2017, 4, 18))
    assert (event.kind, event.place, event.is_virtual) == ("other", "Astana", False)


def test_relative_clause_does_not_decide_the_kind(extractor: Extractor) -> None:
    (event,) = events(extractor, "On 24 August 2019, SCO Secretary-General Vladimir Norov, who travelled to Chongqing "
                                 "to attend the 2nd Smart China Expo, held a meeting with Chen Min'er.")
    assert (event.kind, event.place) == ("meeting", "Chongqing")


def test_hybrid_format_and_year_typo(extractor: Extractor) -> None:
    (event,) = events(extractor, "On 10 March 2020, a meeting of the SCO Council of National Coordinators opened in "
                                 "a combined online and offline format in Tashkent.", date(2021, 3, 13))
    assert event.event_date == date(2021, 3, 10)
    assert event.is_virtual is None
    assert event.place == "Tashkent"
    assert event.name == "meeting of the SCO Council of National Coordinators"


def test_historic_event_keeps_its_date(extractor: Extractor) -> None:
    (event,) = events(extractor, "Twenty years ago, on 15 January 2004, the opening ceremony of the SCO Secretariat "
                                 "took place in Beijing, China.", date(2024, 1, 16))
    assert (event.kind, event.event_date, event.place) == ("other", date(2004, 1, 15), "Beijing")


def test_secretariat_dateline_is_no_event_place(extractor: Extractor) -> None:
    text = ("SCO Secretary-General holds meeting\n\nBeijing, 14 July 2022\n\nSCO Secretary-General Zhang Ming had a "
            "meeting with Ambassador of Cambodia to China Khek Caimealy Sysoda.")
    (event,) = events(extractor, text, date(2022, 7, 14))
    assert event.place is None
    text = text.replace("Beijing, 14 July", "Astana, 14 July")
    (event,) = events(extractor, text, date(2022, 7, 14))
    assert event.place == "Astana"


def test_exercise_at_a_training_ground(extractor: Extractor) -> None:
    (event,) = events(extractor, "On 20 September 2021, the member states launched the joint exercise Peace Mission "
                                 "2021 at the Donguz training ground in the Orenburg Region of the Russian Federation.")
    assert (event.kind, event.name, event.place) == ("exercise", "Peace Mission 2021", "Donguz training ground")


def test_statement_has_no_place_or_format(extractor: Extractor) -> None:
    (event,) = events(extractor, "On 1 January 2026, President of the Kyrgyz Republic Sadyr Japarov made a statement "
                                 "on the chairmanship.", date(2026, 1, 1))
    assert (event.kind, event.is_virtual, event.place) == ("statement", None, None)


def test_forthcoming_and_background_events_are_not_reported(extractor: Extractor) -> None:
    text = ("On 16 March 2023, Zhang Ming met with Sergei Lavrov in Moscow.\n\nThey discussed the meeting of the "
            "SCO Heads of State Council, to be held in India. He recalled that he had met with Wang Yi in 2022.")
    assert [e.kind for e in events(extractor, text)] == ["meeting"]


def test_visit_reported_with_its_meeting_gives_two_events(extractor: Extractor) -> None:
    text = ("Foreign Minister of Kyrgyzstan visits SCO Secretariat\n\nBeijing, 10 June 2023\n\nMinister of Foreign "
            "Affairs of the Kyrgyz Republic Jeenbek Kulubaev, who is in China on an official visit, today visited "
            "the SCO Secretariat in Beijing, where he held a meeting with SCO Secretary-General Zhang Ming.")
    assert sorted(e.kind for e in events(extractor, text, date(2023, 6, 10))) == ["meeting", "visit"]


def test_visit_in_a_relative_clause_only_gives_the_meeting(extractor: Extractor) -> None:
    text = ("On 10 June 2023, SCO Secretary-General Zhang Ming met Minister of Foreign Affairs of the Kyrgyz Republic "
            "Jeenbek Kulubaev, who was in China on an official visit.")
    assert [e.kind for e in events(extractor, text, date(2023, 6, 10))] == ["meeting"]


def test_lecture_after_the_meeting_is_a_second_event(extractor: Extractor) -> None:
    text = ("On 5 October 2023, SCO Secretary-General Zhang Ming held a meeting in Kazan with Rector of Kazan Federal "
            "University Lenar Safin.\n\nThe sides discussed cooperation.\n\nThe Secretary-General then gave a "
            "lecture on the SCO to students of the university.")
    found = events(extractor, text, date(2023, 10, 5))
    assert [e.kind for e in found] == ["meeting", "other"]
    assert found[1].event_date == date(2023, 10, 5) and found[1].place == "Kazan"
