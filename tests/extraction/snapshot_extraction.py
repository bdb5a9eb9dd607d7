"""Snapshot of everything `Extractor.extract` returns, to prove that a speed-up changes no output (not a test).

Runs the extractor over every release in `sources/samples` and `tests/holdout/releases` (through intake and
parse, as the pipeline does) and over a deterministic synthetic corpus, and writes every record as JSON.
Two snapshots taken before and after a change must be byte-identical:

    PYTHONPATH=. .venv/bin/python tests/extraction/snapshot_extraction.py before.json
    PYTHONPATH=. .venv/bin/python tests/extraction/snapshot_extraction.py after.json && cmp before.json after.json

The synthetic corpus (`synthetic_releases`) is shared with `bench_extraction.py`: recombined sample paragraphs
with persons, countries, organisations and years swapped in from `sources/reference`, fixed seed.
"""
from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from pipelines.extraction.intake import decode_input
from pipelines.extraction.parse import parse_document
from pipelines.extraction.reference import load_rows
from pipelines.extraction.release import Extractor

ROOT = Path(__file__).resolve().parents[2]
RELEASE_DIRS = (ROOT / "sources" / "samples", ROOT / "tests" / "holdout" / "releases")
SEED = 20240515
TARGET_CHARS = 2000


def real_releases(dirs: tuple[Path, ...] = RELEASE_DIRS) -> list[tuple[str, str, date | None]]:
    """(name, body_text, published) of every parsable release file, sorted by path."""
    out = []
    for folder in dirs:
        for path in sorted(folder.glob("*")):
            if not path.is_file():
                continue
            intake = decode_input(path.name, path.read_bytes())
            if intake.document is None:
                continue
            parsed = parse_document(intake.document)
            out.append((f"{folder.name}/{path.name}", parsed.body_text, parsed.published_date))
    return out


def _swapper(rng: random.Random, text: str, names: list[str], count: int) -> dict[str, str]:
    """Up to `count` random replacements of names that occur in `text` by other names of the same list."""
    present = [name for name in names if name in text]
    return {name: rng.choice(names) for name in rng.sample(present, min(count, len(present)))}


def _swap(text: str, swaps: dict[str, str]) -> str:
    """`text` with every whole-word occurrence of a key of `swaps` replaced, longest keys first."""
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in sorted(swaps, key=len, reverse=True))
                         + r")(?!\w)")
    return pattern.sub(lambda m: swaps[m.group(0)], text)


def synthetic_releases(count: int = 300, seed: int = SEED) -> list[tuple[str, str, date | None]]:
    """(name, body_text, published) of `count` recombined releases of about `TARGET_CHARS` characters each."""
    samples = real_releases(RELEASE_DIRS[:1])
    paragraphs = [p for _, body, _ in samples for p in body.split("\n\n")[1:] if len(p) > 40]
    headlines = [body.split("\n\n")[0] for _, body, _ in samples]
    persons = sorted(row["canonical_name"] for row in load_rows("persons.csv") if len(row["canonical_name"].split()) > 1)
    countries = sorted(row["name"] for row in load_rows("countries.csv"))
    orgs = sorted(row["canonical_name"] for row in load_rows("organisations.csv"))
    rng = random.Random(seed)
    out = []
    for number in range(count):
        parts = [rng.choice(headlines)]
        while sum(len(p) + 2 for p in parts) < TARGET_CHARS:
            parts.append(rng.choice(paragraphs))
        text = "\n\n".join(parts)
        swaps = _swapper(rng, text, persons, 6)
        swaps.update({s.split()[-1]: t.split()[-1] for s, t in list(swaps.items())})
        swaps.update(_swapper(rng, text, countries, 4))
        swaps.update(_swapper(rng, text, orgs, 4))
        shift = rng.randint(-8, 3)
        swaps.update({str(year): str(year + shift) for year in range(2005, 2027)})
        text = _swap(text, swaps)
        published = date(2019 + shift, rng.randint(1, 12), rng.randint(1, 28))
        out.append((f"synthetic/{number:04d}", text, published))
    return out


def _default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value)}")


def main(out_path: str) -> None:
    extractor = Extractor.load()
    records = [
        {"name": name, "published": published, "extraction": asdict(extractor.extract(body, published))}
        for name, body, published in real_releases() + synthetic_releases()
    ]
    Path(out_path).write_text(json.dumps(records, default=_default, ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
    print(f"{len(records)} releases -> {out_path}")


if __name__ == "__main__":
    main(sys.argv[1])
