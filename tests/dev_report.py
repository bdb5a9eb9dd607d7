"""Per-release misses of the extraction library against the dev gold (a dev tool, not a test).

Run: PYTHONPATH=. .venv/bin/python tests/dev_report.py [--all]
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from pipelines.extraction.intake import decode_input
from pipelines.extraction.parse import parse_document
from pipelines.extraction.release import Extractor

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sources" / "samples"
GOLD = ROOT / "tests" / "gold"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", ROOT / "tests" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(show_all: bool) -> None:
    sc = _scorer()
    extractor = Extractor.load()
    totals = {"p_tp": 0, "p_fp": 0, "p_fn": 0, "t_ok": 0, "t_n": 0, "c_ok": 0, "c_n": 0,
              "e_tp": 0, "e_fp": 0, "e_fn": 0, "e_date": 0, "e_place": 0, "e_place_n": 0, "e_date_n": 0}
    for gold_path in sorted(GOLD.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = SAMPLES / gold["doc"]
        parsed = parse_document(decode_input(path.name, path.read_bytes()).document)
        result = extractor.extract(parsed.body_text, parsed.published_date)
        lines: list[str] = []
        preds = [(p.canonical_name, p.title, p.country_iso3) for p in result.persons]
        pairs = sc.match(gold["persons"], preds, lambda g, p: sc.similar(g["name"], p[0], 0.85) or any(
            sc.similar(a, p[0], 0.9) for a in g.get("aliases_in_text", [])
            if len(a.split()) >= 2 and not a.lower().startswith(("mr", "ms", "mrs", "the "))))
        matched_gold = {id(g) for g, _ in pairs}
        matched_pred = {id(p) for _, p in pairs}
        totals["p_tp"] += len(pairs)
        totals["p_fn"] += len(gold["persons"]) - len(pairs)
        totals["p_fp"] += len(preds) - len(pairs)
        lines += [f"  missed person {g['name']}" for g in gold["persons"] if id(g) not in matched_gold]
        lines += [f"  extra person {p[0]} ({p[1]})" for p in preds if id(p) not in matched_pred]
        for g, p in pairs:
            if g.get("title"):
                totals["t_n"] += 1
                best = max(sc.token_f1(p[1], v) for v in sc.title_variants(g["title"]))
                if best >= 0.7:
                    totals["t_ok"] += 1
                else:
                    lines.append(f"  title of {g['name']}: {p[1]!r} vs {g['title']!r}")
            totals["c_n"] += 1
            if (p[2] or None) == (g.get("country") or None):
                totals["c_ok"] += 1
            else:
                lines.append(f"  country of {g['name']}: {p[2]} vs {g.get('country')}")
        totals["t_n"] += sum(1 for g in gold["persons"] if g.get("title") and id(g) not in matched_gold)
        totals["c_n"] += len(gold["persons"]) - len(pairs)
        events = [(e.kind, e.event_date, e.place, e.is_virtual, e.name) for e in result.events]
        epairs = sc.match(gold["events"], events, lambda g, p: p[0] in [g.get("kind"), *g.get("kind_alt", [])])
        totals["e_tp"] += len(epairs)
        totals["e_fn"] += len(gold["events"]) - len(epairs)
        totals["e_fp"] += len(events) - len(epairs)
        if len(epairs) != len(gold["events"]) or len(events) != len(gold["events"]):
            lines.append(f"  events gold {[g['kind'] for g in gold['events']]} vs {[e[0] for e in events]}")
        for g, p in epairs:
            if g.get("date"):
                totals["e_date_n"] += 1
                if str(p[1]) == g["date"]:
                    totals["e_date"] += 1
                else:
                    lines.append(f"  event date {p[1]} vs {g['date']}")
            if g.get("place"):
                totals["e_place_n"] += 1
                if p[2] and sc.similar(g["place"], p[2], 0.85):
                    totals["e_place"] += 1
                else:
                    lines.append(f"  event place {p[2]!r} vs {g['place']!r}")
            if g.get("virtual") != p[3]:
                lines.append(f"  event virtual {p[3]} vs {g.get('virtual')}")
        if lines or show_all:
            print(gold["doc"])
            for line in lines:
                print(line)
        if show_all:
            for p in result.persons:
                print(f"    P {p.canonical_name} | {p.title} | {p.org_name} | {p.country_iso3} | "
                      f"{[m.text for m in p.mentions]}")
            for e in result.events:
                print(f"    E {e.kind} {e.name!r} {e.event_date} virtual={e.is_virtual} place={e.place} "
                      f"participants={list(e.participants)}")
            for s in result.statements:
                print(f"    S {s.speaker} / {s.org_name} {s.act_type} {s.cue!r}: {s.mention.text[:70]!r}")

    def f1(tp: int, fp: int, fn: int) -> float:
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    print(f"persons_f1={f1(totals['p_tp'], totals['p_fp'], totals['p_fn']):.3f} "
          f"(tp={totals['p_tp']} fp={totals['p_fp']} fn={totals['p_fn']}) "
          f"titles={totals['t_ok']}/{totals['t_n']} countries={totals['c_ok']}/{totals['c_n']} "
          f"events_f1={f1(totals['e_tp'], totals['e_fp'], totals['e_fn']):.3f} "
          f"(tp={totals['e_tp']} fp={totals['e_fp']} fn={totals['e_fn']}) "
          f"event_dates={totals['e_date']}/{totals['e_date_n']} event_places={totals['e_place']}/{totals['e_place_n']}")


if __name__ == "__main__":
    main("--all" in sys.argv[1:])
