"""Each sample release against its gold file, through the library alone (intake -> parse -> Extractor).

Thresholds, not equality: the scorer's matching rules (name similarity, title token overlap, event kinds) are
used per release, so a regression in one release fails its own test.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from pipelines.extraction.intake import decode_input
from pipelines.extraction.parse import parse_document
from pipelines.extraction.release import Extractor

ROOT = Path(__file__).resolve().parents[1]
GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("*.gold.json"))


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", ROOT / "tests" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORER = _scorer()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def _person_match(gold: dict, name: str) -> bool:
    return SCORER.similar(gold["name"], name, 0.85) or any(
        SCORER.similar(alias, name, 0.9) for alias in gold.get("aliases_in_text", [])
        if len(alias.split()) >= 2 and not alias.lower().startswith(("mr", "ms", "mrs", "the ")))


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_release_against_gold(extractor: Extractor, gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = ROOT / "sources" / "samples" / gold["doc"]
    parsed = parse_document(decode_input(path.name, path.read_bytes()).document)
    result = extractor.extract(parsed.body_text, parsed.published_date)

    persons = list(result.persons)
    pairs = SCORER.match(gold["persons"], persons, lambda g, p: _person_match(g, p.canonical_name))
    n_gold, n_pred = len(gold["persons"]), len(persons)
    f1 = 2 * len(pairs) / (n_gold + n_pred) if n_gold + n_pred else 1.0
    assert f1 >= 0.9, f"persons F1 {f1:.2f}: {[p.canonical_name for p in persons]}"
    titled = [(g, p) for g, p in pairs if g.get("title")]
    titles_ok = sum(1 for g, p in titled
                    if max(SCORER.token_f1(p.title, v) for v in SCORER.title_variants(g["title"])) >= 0.7)
    assert titles_ok >= 0.9 * len(titled)
    countries_ok = sum(1 for g, p in pairs if (g.get("country") or None) == p.country_iso3)
    assert countries_ok >= 0.9 * len(pairs)

    events = list(result.events)
    epairs = SCORER.match(gold["events"], events, lambda g, e: e.kind in [g["kind"], *g.get("kind_alt", [])])
    assert len(epairs) == len(gold["events"]) == len(events), [e.kind for e in events]
    for g, e in epairs:
        if g.get("date"):
            assert str(e.event_date) == g["date"]
        if g.get("place"):
            assert e.place and SCORER.similar(g["place"], e.place, 0.85)
