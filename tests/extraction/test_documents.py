"""Document names: as written, fullest form, short back-references mapped to the earlier document."""
from __future__ import annotations

import pytest

from pipelines.extraction.documents import find_documents


def docs(text: str) -> list[tuple[str, str, str]]:
    refs = find_documents(text)
    assert all(text[r.mention.start:r.mention.end] == r.mention.text for r in refs)
    return [(r.mention.text, r.canonical_name, r.kind) for r in refs]


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("signed the Memorandum on Granting the Republic of Azerbaijan the Status of SCO Dialogue Partner. The ceremony",
     "Memorandum on Granting the Republic of Azerbaijan the Status of SCO Dialogue Partner", "treaty"),
    (("the work to implement the Programme of Cooperation of SCO Member States in Combating Terrorism, Separatism and "
     "Extremism for 2019-2021, adopted at the Qingdao summit"),
     "Programme of Cooperation of SCO Member States in Combating Terrorism, Separatism and Extremism for 2019-2021",
     "programme"),
    ("in line with the UN Global Counter-Terrorism Strategy.", "UN Global Counter-Terrorism Strategy", "strategy"),
    ("consensus on adopting the Comprehensive Convention on International Terrorism.",
     "Comprehensive Convention on International Terrorism", "treaty"),
    ("joining the SCO Convention on Countering Extremism, which came into force in 2019",
     "SCO Convention on Countering Extremism", "treaty"),
    ("promote the SCO Initiative on World Unity for Just Peace, Harmony and Development put forward by Kazakhstan",
     "SCO Initiative on World Unity for Just Peace, Harmony and Development", "other"),
    ("adopted the Tashkent Declaration of the Council of Heads of State of the SCO.",
     "Tashkent Declaration of the Council of Heads of State of the SCO", "declaration"),
    ("the Development Strategy of the SCO until 2025 was approved", "Development Strategy of the SCO until 2025",
     "strategy"),
    ("He recalled UN Security Council resolution 2178.", "UN Security Council resolution 2178", "resolution"),
    ("signed the memorandum on granting Nepal the status of SCO dialogue partner in Tashkent",
     "memorandum on granting Nepal the status of SCO dialogue partner", "treaty"),
])
def test_named_documents(text: str, name: str, kind: str) -> None:
    assert (name, name, kind) in docs(text)


def test_leading_year_and_article_are_not_part_of_the_name() -> None:
    text = "joint events under the 2017 Memorandum of Understanding between the SCO Secretariat and the " \
           "International Committee of the Red Cross."
    name = "Memorandum of Understanding between the SCO Secretariat and the International Committee of the Red Cross"
    assert docs(text) == [(name, name, "treaty")]


def test_drafts_keep_their_draft() -> None:
    text = "approved the draft Memorandum of Understanding between the SCO Secretariat and the UN Economic " \
           "Commission for Europe."
    assert docs(text)[0][1].startswith("draft Memorandum of Understanding between the SCO Secretariat")


def test_sub_documents_are_separate() -> None:
    text = "the Joint Address of the SCO Heads of State for the Youth and the Programme on its implementation."
    assert [d[1] for d in docs(text)] == ["Joint Address of the SCO Heads of State for the Youth",
                                          "Programme on its implementation"]
    text = "the SCO Environmental Cooperation Concept and the Plan for its Implementation were adopted"
    assert [d[1] for d in docs(text)] == ["SCO Environmental Cooperation Concept", "Plan for its Implementation"]


def test_short_reference_maps_to_the_earlier_document() -> None:
    text = "He spoke of the SCO Charter. The Charter turns 15 and the Charter is the constitution."
    refs = find_documents(text)
    assert [(r.mention.text, r.canonical_name, r.rule) for r in refs] == [
        ("SCO Charter", "SCO Charter", "short"), ("Charter", "SCO Charter", "back_reference"),
        ("Charter", "SCO Charter", "back_reference")]
    assert refs[0].confidence > refs[1].confidence
    assert find_documents("The Charter was read aloud.") == []


@pytest.mark.parametrize("text", [
    "following respective UNSC resolutions and the UNSC counter-terrorism resolutions",
    "the heads of delegations adopted a joint communique",
    "pursuant to the decision adopted by the SCO Heads of State Council at its meeting in Samarkand",
    "the documents to be considered at the summit and the report on the work",
    "the Belt and Road Initiative and the Global Security Initiative",
    "held at the National Exhibition and Convention Centre",
    "the Collective Security Treaty Organization and the United Nations Development Programme",
    "drafting a plan of interaction",
])
def test_unnamed_references_events_and_organisations_are_not_documents(text: str) -> None:
    assert docs(text) == []


def test_organisation_mentions_can_be_passed_in() -> None:
    from pipelines.extraction.organisations import OrganisationMatcher

    text = "the United Nations Development Programme and the UN Global Counter-Terrorism Strategy"
    orgs = OrganisationMatcher.load().find(text)
    assert find_documents(text, orgs) == find_documents(text)
    assert [d.canonical_name for d in find_documents(text, orgs)] == ["UN Global Counter-Terrorism Strategy"]
