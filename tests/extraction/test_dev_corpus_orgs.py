"""Corpus check: countries, organisations and documents of the 16 dev samples and of the 12 holdout releases
(written blind, in the style of unseen releases) against their gold, scored with the scorer's own matching
(`similar`, greedy one-to-one pairs) so regressions show at once.

Run as a script for the detail of every miss: `PYTHONPATH=. python tests/extraction/test_dev_corpus_orgs.py`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

from pipelines.extraction.countries import CountryGazetteer
from pipelines.extraction.documents import find_documents
from pipelines.extraction.intake import decode_input
from pipelines.extraction.organisations import OrganisationMatcher
from pipelines.extraction.parse import parse_document
from tests.score_extraction import match, similar

ROOT = Path(__file__).resolve().parents[2]
CORPORA = {"dev": (ROOT / "sources" / "samples", ROOT / "tests" / "gold"),
           "holdout": (ROOT / "tests" / "holdout" / "releases", ROOT / "tests" / "holdout" / "gold")}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, n_gold: int, n_pred: int, n_match: int) -> None:
        self.tp += n_match
        self.fp += n_pred - n_match
        self.fn += n_gold - n_match

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def __str__(self) -> str:
        return f"F1={self.f1:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


@lru_cache(maxsize=1)
def matchers() -> tuple[CountryGazetteer, OrganisationMatcher]:
    orgs = OrganisationMatcher.load()
    return orgs.countries, orgs


def body_text(path: Path) -> str:
    result = decode_input(path.name, path.read_bytes())
    assert result.document is not None, result.reason
    return parse_document(result.document).body_text


@lru_cache(maxsize=2)
def score(corpus: str = "dev") -> dict[str, Tally]:
    countries_g, orgs_m = matchers()
    releases, gold_dir = CORPORA[corpus]
    tallies = {"countries": Tally(), "organisations": Tally(), "documents": Tally()}
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = gold["doc"]
        text = body_text(releases / doc)
        countries = countries_g.find(text)
        c_pred = {c.iso3 for c in countries}
        c_gold = set(gold["countries"])
        t = tallies["countries"]
        t.add(len(c_gold), len(c_pred), len(c_pred & c_gold))
        if c_pred != c_gold:
            t.misses.append(f"{doc}: missed {sorted(c_gold - c_pred)} extra {sorted(c_pred - c_gold)}")

        grouped: dict[str, tuple[str, str | None, set[str]]] = {}
        for ref in orgs_m.find(text, countries):
            grouped.setdefault(ref.canonical_name, (ref.canonical_name, ref.acronym, set()))[2].add(ref.mention.text)
        preds = sorted(grouped.values())

        def org_match(g: dict, p: tuple[str, str | None, set[str]]) -> bool:
            g_names = [n for n in [g.get("name"), g.get("acronym"), *g.get("as_written", [])] if n]
            p_names = [n for n in [p[0], p[1], *sorted(p[2])] if n]
            return any(similar(a, b, 0.88) for a in g_names for b in p_names)

        pairs = match(gold["organisations"], preds, org_match)
        t = tallies["organisations"]
        t.add(len(gold["organisations"]), len(preds), len(pairs))
        got = {id(g) for g, _ in pairs}
        used = {p[0] for _, p in pairs}
        t.misses += [f"{doc}: missed org {g['name']} {g['as_written']}" for g in gold["organisations"] if id(g) not in got]
        t.misses += [f"{doc}: extra org {p[0]} {sorted(p[2])}" for p in preds if p[0] not in used]

        docs = sorted({d.canonical_name for d in find_documents(text)})
        dpairs = match(gold["documents"], docs, lambda g, p: similar(g, p, 0.8))
        t = tallies["documents"]
        t.add(len(gold["documents"]), len(docs), len(dpairs))
        t.misses += [f"{doc}: missed document {g}" for g in gold["documents"] if g not in {g for g, _ in dpairs}]
        t.misses += [f"{doc}: extra document {p}" for p in docs if p not in {p for _, p in dpairs}]
    return tallies


@pytest.mark.parametrize(("corpus", "measure", "floor"), [
    ("dev", "countries", 0.98), ("dev", "organisations", 0.96), ("dev", "documents", 0.9),
    ("holdout", "countries", 0.95), ("holdout", "organisations", 0.92), ("holdout", "documents", 0.85),
])
def test_corpus_f1(corpus: str, measure: str, floor: float) -> None:
    tally = score(corpus)[measure]
    assert tally.f1 >= floor, f"{corpus} {measure} {tally}\n" + "\n".join(tally.misses)


if __name__ == "__main__":
    for corpus in CORPORA:
        for name, tally in score(corpus).items():
            print(f"{corpus:8s} {name:14s} {tally}")
            for miss in tally.misses:
                print("   ", miss)
