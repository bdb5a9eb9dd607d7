"""Place mentions: capitals, SCO cities and regions, aliases; a place never implies a country."""
from __future__ import annotations

import pytest

from pipelines.extraction.places import PlaceGazetteer


@pytest.fixture(scope="module")
def places() -> PlaceGazetteer:
    return PlaceGazetteer.load()


def test_capitals_and_aliases(places: PlaceGazetteer) -> None:
    refs = places.find("From Nur-Sultan to Bishkek, Cholpon-Ata, St Petersburg and Ulan Bator.")
    assert [(r.name, r.country_iso3, r.mention.text) for r in refs] == [
        ("Astana", "KAZ", "Nur-Sultan"), ("Bishkek", "KGZ", "Bishkek"), ("Cholpon-Ata", "KGZ", "Cholpon-Ata"),
        ("Saint Petersburg", "RUS", "St Petersburg"), ("Ulaanbaatar", "MNG", "Ulan Bator")]


def test_regions_and_sites(places: PlaceGazetteer) -> None:
    refs = places.find("at the Donguz training ground in the Orenburg Region, and security in Central Asia")
    assert [(r.name, r.country_iso3) for r in refs] == [
        ("Donguz training ground", "RUS"), ("Orenburg Region", "RUS"), ("Central Asia", None)]


def test_venues_of_the_genre(places: PlaceGazetteer) -> None:
    names = {r.name for r in places.find("Geneva, Vienna, New York, Brussels, Paris, Qingdao, Samarkand, Ufa")}
    assert names == {"Geneva", "Vienna", "New York", "Brussels", "Paris", "Qingdao", "Samarkand", "Ufa"}


def test_country_names_are_not_places(places: PlaceGazetteer) -> None:
    assert places.find("Kazakhstan and China") == []
    assert places.country_of("Beijing") == "CHN"
    assert places.country_of("Beijing and Moscow") is None


def test_place_words_inside_organisation_names_and_ideas_are_not_places(places: PlaceGazetteer) -> None:
    text = "the Shanghai Cooperation Organisation and the Shanghai Spirit; students of Moscow State University"
    assert places.find(text) == []
    assert [r.name for r in places.find("the SCO summit in Shanghai")] == ["Shanghai"]
