"""The benchmark behind `make bench` (minutes; never part of `make test`).

    .venv/bin/python -m tests.benchmark.run_benchmark [--sizes 1000,10000,100000] [--profile]

Measures, on a corpus recombined from the samples (`tests/benchmark/corpus.py`):
- extraction alone on one core: `Extractor.extract` over the parsed 1k corpus, in releases per second;
- the full pipeline (`dagster job execute -j build_warehouse` in a subprocess, fresh warehouse and DAGSTER_HOME) at
  each size of 10k and up: wall seconds and the peak RSS of the whole process tree (sampled every 0.2 s);
- an incremental run adding 10 releases to the 10k warehouse.
Writes `RELEASES_BENCH_OUT` (default `warehouse/bench/results.json`); corpora and runs live under `--work`.
With `--profile`, one more 10k run under py-spy writes its flame data and prints the functions that take the most time.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from pipelines.assets.extract import load_extractor
from pipelines.extraction.intake import decode_input
from pipelines.extraction.parse import parse_document
from tests.benchmark.corpus import CorpusGenerator, write_corpus
from tests.conftest import PROJECT_ROOT
from tests.dagster_cli import JOB_COMMAND, Place

TARGETS = {
    "extract_docs_per_s": (">=", 1000),
    "pipeline_10k_s": ("<=", 60),
    "pipeline_100k_s": ("<=", 600),
    "peak_rss_mb_100k": ("<=", 2048),
    "incremental_10_on_10k_s": ("<=", 15),
}
STEP_TIME = re.compile(r'Finished execution of step "([^"]+)" in (?:(\d+)m)?(?:([\d.]+)(ms|s))?\.')
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def extraction_rate(count: int = 1000) -> float:
    """Releases per second of `Extractor.extract` alone (parsing done beforehand), in this one process."""
    bodies = []
    for name, text in CorpusGenerator().releases(0, count):
        intake = decode_input(name, text.encode("utf-8"))
        release = parse_document(intake.document)
        bodies.append((release.body_text, release.published_date))
    extractor = load_extractor()  # with the collector set up as in the extract asset's workers
    for body, published in bodies[:50]:  # warm-up: caches, lazily compiled patterns
        extractor.extract(body, published)
    started = time.perf_counter()
    for body, published in bodies:
        extractor.extract(body, published)
    return count / (time.perf_counter() - started)


def _tree_rss_bytes(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
        except OSError:
            continue
    return total


class _PeakRss(threading.Thread):
    """Samples a process tree's RSS every 0.2 s until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._stop_event = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, _tree_rss_bytes(self.pid))
            self._stop_event.wait(0.2)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


def run_pipeline(place: Place, log: Path, prefix: list[str] | None = None) -> dict:
    """One `dagster job execute` of the build job: wall seconds, peak RSS of the tree, slowest steps."""
    started = time.perf_counter()
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [*(prefix or []), *JOB_COMMAND], cwd=PROJECT_ROOT, env=place.env(), stdout=handle, stderr=subprocess.STDOUT
        )
        sampler = _PeakRss(process.pid)
        sampler.start()
        code = process.wait()
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    if code != 0:
        raise SystemExit(f"the pipeline failed (exit {code}); see {log}")
    steps: Counter[str] = Counter()
    for step, minutes, value, unit in STEP_TIME.findall(log.read_text(encoding="utf-8", errors="replace")):
        steps[step] += 60 * float(minutes or 0) + float(value or 0) * (0.001 if unit == "ms" else 1.0)
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak / 2**20),
        "steps_total_s": round(sum(steps.values()), 1),
        "slowest_steps_s": {step: round(s, 2) for step, s in steps.most_common(8)},
    }


def _fresh_place(root: Path) -> Place:
    """A run folder with no warehouse and no Dagster history (the corpus is linked in, not copied)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    return Place(root)


def _check(name: str, value: float | None) -> bool | None:
    if value is None:
        return None
    operator, target = TARGETS[name]
    return value >= target if operator == ">=" else value <= target


def _profile(corpus: Path, work: Path) -> list[str]:
    """A 10k run under py-spy (with its subprocesses); the functions with the most samples, inclusive."""
    py_spy = Path(sys.executable).with_name("py-spy")
    if not py_spy.exists():
        return ["py-spy is not installed in .venv (pip install py-spy): no profile"]
    place = _fresh_place(work / "profile")
    place.source.symlink_to(corpus, target_is_directory=True)
    raw = work / "profile_10k.txt"
    run_pipeline(place, work / "profile.log", [str(py_spy), "record", "--subprocesses", "--rate", "50",
                                                "--format", "raw", "-o", str(raw), "--"])
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [re.sub(r" \(/.*?site-packages/", " (", f) for f in stack.split(";")]
        total += int(count)
        own[frames[-1]] += int(count)
        for frame in set(frames):
            if "/work/main/" in frame or "dagster" in frame or "duckdb" in frame:
                inclusive[frame] += int(count)
    lines = [f"samples: {total}", "self time:"]
    lines += [f"  {100 * n / total:5.1f}%  {frame}" for frame, n in own.most_common(15)]
    lines += ["inclusive time (project, dagster, duckdb frames):"]
    lines += [f"  {100 * n / total:5.1f}%  {frame}" for frame, n in inclusive.most_common(25)]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes; 10k and up run the pipeline")
    parser.add_argument("--work", type=Path, default=PROJECT_ROOT / "warehouse" / "bench" / "work")
    parser.add_argument("--profile", action="store_true", help="also profile a 10k run with py-spy")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    out = Path(os.environ.get("RELEASES_BENCH_OUT") or PROJECT_ROOT / "warehouse" / "bench" / "results.json")
    results: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "cpu_count": os.cpu_count(),
                     "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}

    results["extract_docs_per_s"] = round(extraction_rate(min(sizes[0], 1000)))
    print(f"extraction alone: {results['extract_docs_per_s']} releases/s", flush=True)
    for size in (s for s in sizes if s >= 10_000):
        corpus = args.work / f"corpus_{size}"
        started = time.perf_counter()
        write_corpus(corpus, size)
        print(f"{size} releases generated in {time.perf_counter() - started:.0f} s", flush=True)
        place = _fresh_place(args.work / f"run_{size}")
        shutil.copytree(corpus, place.source) if size == 10_000 else place.source.symlink_to(corpus)
        run = run_pipeline(place, args.work / f"run_{size}.log")
        label = f"{size // 1000}k"
        results[f"pipeline_{label}_s"] = run["seconds"]
        results[f"peak_rss_mb_{label}"] = run["peak_rss_mb"]
        results[f"pipeline_{label}_detail"] = run
        print(f"pipeline at {label}: {run}", flush=True)
        if size == 10_000:
            write_corpus(place.source, 10, start=size)
            incremental = run_pipeline(place, args.work / "incremental_10_on_10k.log")
            results["incremental_10_on_10k_s"] = incremental["seconds"]
            results["incremental_10_on_10k_detail"] = incremental
            print(f"incremental 10 on 10k: {incremental}", flush=True)
    results["targets"] = {name: f"{operator} {target}" for name, (operator, target) in TARGETS.items()}
    results["pass"] = {name: _check(name, results.get(name)) for name in TARGETS}
    if args.profile and (args.work / "corpus_10000").exists():
        results["profile_10k_top"] = _profile(args.work / "corpus_10000", args.work)
        print("\n".join(results["profile_10k_top"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({name: results.get(name) for name in TARGETS} | {"pass": results["pass"]}, indent=2))


if __name__ == "__main__":
    main()
