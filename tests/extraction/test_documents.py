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


@pytest.mark.parametrize(("text", "name", "kind"), [
    # lower-case and plural heads made specific by the status they confer or by the parties they name
    (("decided to submit the memoranda of obligations of Belarus and Iran for obtaining the status of SCO member "
     "state to the summit"),
     "memoranda of obligations of Belarus and Iran for obtaining the status of SCO member state",
     "treaty"),
    ("the agreement on granting Laos the status of an SCO observer state was signed",
     "agreement on granting Laos the status of an SCO observer state", "treaty"),
    ("they signed memoranda of understanding between the SCO Secretariat and the CIS Executive Committee.",
     "memoranda of understanding between the SCO Secretariat and the CIS Executive Committee", "treaty"),
    # "and/or", a parenthesised insert and "within the Framework of" inside a name
    ("It acts under the Rules of Procedure for Observers at Local and/or Regional Elections and Referendums.",
     "Rules of Procedure for Observers at Local and/or Regional Elections and Referendums", "other"),
    (("when the Agreement on Customs Cooperation (Partnership) within the Framework of the Eurasian Economic Union "
     "was signed"),
     "Agreement on Customs Cooperation (Partnership) within the Framework of the Eurasian Economic Union",
     "treaty"),
    ("the Regulations on Observer Status at the Shanghai Cooperation Organisation were cited",
     "Regulations on Observer Status at the Shanghai Cooperation Organisation", "other"),
    # years, road maps and agendas
    ("the Single Convention on Narcotic Drugs of 1961 and others", "Single Convention on Narcotic Drugs of 1961",
     "treaty"),
    ("in line with the Road Map for Further Development of Cooperation.",
     "Road Map for Further Development of Cooperation", "programme"),
    ("contributes to the 2030 Agenda for Sustainable Development.", "Agenda for Sustainable Development", "programme"),
    # a statement with no modifier is named by its author and its subject
    ("The Statement of the Council of Heads of State of the CSTO on Cooperation in Cyber Security was adopted.",
     "Statement of the Council of Heads of State of the CSTO on Cooperation in Cyber Security", "declaration"),
])
def test_named_documents_of_other_releases(text: str, name: str, kind: str) -> None:
    assert name in [d[1] for d in docs(text)]
    assert (name, kind) in [(d[1], d[2]) for d in docs(text)]


def test_a_parenthesis_that_ends_the_name_stays_out() -> None:
    text = "he referred to the Astana Declaration of the Heads of State (2017) and to the Charter."
    assert docs(text)[0][1] == "Astana Declaration of the Heads of State"


def test_and_before_another_document_starts_a_new_name() -> None:
    text = ("signed the Agreement between the Governments of the SCO Member States on Cooperation in Education and "
            "the Plan of Action for 2020-2025.")
    assert [d[1] for d in docs(text)] == [
        "Agreement between the Governments of the SCO Member States on Cooperation in Education",
        "Plan of Action for 2020-2025"]


def test_a_shorter_form_of_a_fuller_name_is_the_same_document() -> None:
    text = ("Secretariats sign Memorandum of Understanding\n\nOn 3 May, they signed the Memorandum of Understanding "
            "between the Secretariat of the SCO and the Secretariat of the OIC.")
    full = "Memorandum of Understanding between the Secretariat of the SCO and the Secretariat of the OIC"
    assert [(d[0], d[1]) for d in docs(text)] == [("Memorandum of Understanding", full), (full, full)]
    text = ("approved the draft Dushanbe Declaration of the Twentieth Anniversary of the SCO. The Dushanbe "
            "Declaration will sum up twenty years.")
    assert {d[1] for d in docs(text)} == {"draft Dushanbe Declaration of the Twentieth Anniversary of the SCO"}


@pytest.mark.parametrize("text", [
    "the Joint Declarations of the two sides were recalled",
    "an agreement between the two countries",
    "a memorandum as an important step",
    "The agreement between Kazakhstan and China on visa-free travel entered into force.",
    "the Political Map of Asia was presented",
    "the Conventions of the UN were recalled",
])
def test_plural_and_lower_case_heads_need_a_complement_that_names(text: str) -> None:
    assert docs(text) == []
