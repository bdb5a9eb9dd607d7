"""Releases per second of `Extractor.extract` alone, on one core, with the time spent per stage (not a test).

    PYTHONPATH=. .venv/bin/python tests/extraction/bench_extraction.py [--releases N] [--rounds R] [--synthetic]

The corpus is the one `make bench` measures (`tests/benchmark/corpus.py`: the samples recombined with reference
entities, text and HTML), decoded and parsed before timing; `--synthetic` takes the paragraph-recombined corpus of
`snapshot_extraction.py` instead. Rate: the best of R timed rounds after one warm-up round, in wall and in CPU time
(CPU time is what the other processes of a shared machine change least), with the collector set up as in the extract
asset's workers (reference data frozen, young generation collected every `GC_YOUNG_THRESHOLD` allocations). The parse
step (`parse_document`, which the pipeline runs before extraction) is timed the same way. Stage timings come from a
separate round in which every public method of the extractor's matchers, and every function `release.py` imports, is
wrapped in a timer.
"""
from __future__ import annotations

import argparse
import dataclasses
import inspect
import os
from collections import defaultdict
from collections.abc import Callable
from time import perf_counter, process_time
from typing import Any

from snapshot_extraction import synthetic_releases

from pipelines.assets.extract import load_extractor
from pipelines.extraction import release
from pipelines.extraction.intake import decode_input
from pipelines.extraction.parse import parse_document
from pipelines.extraction.records import SourceDocument
from pipelines.extraction.release import Extractor
from tests.benchmark.corpus import CorpusGenerator


class _Timed:
    """A matcher whose public methods add their wall time to `totals`."""

    def __init__(self, name: str, target: object, totals: dict[str, float]) -> None:
        self._name, self._target, self._totals = name, target, totals

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self._target, attr)
        if attr.startswith("_") or not callable(value):
            return value
        return _timer(f"{self._name}.{attr}", value, self._totals)


def _timer(label: str, func: Callable[..., Any], totals: dict[str, float]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            totals[label] += perf_counter() - started
    return timed


def _rates(extractor: Extractor, corpus: list, rounds: int) -> tuple[float, float]:
    """Releases per second of wall time and of CPU time: the best round of each."""
    for _, text, published in corpus:
        extractor.extract(text, published)  # warm-up: caches, lazy loads
    wall = cpu = float("inf")
    for _ in range(rounds):
        started, started_cpu = perf_counter(), process_time()
        for _, text, published in corpus:
            extractor.extract(text, published)
        wall, cpu = min(wall, perf_counter() - started), min(cpu, process_time() - started_cpu)
    return len(corpus) / wall, len(corpus) / cpu


def _benchmark_corpus(count: int) -> tuple[list[SourceDocument], list]:
    """The decoded documents of the `make bench` corpus and their (name, body_text, published)."""
    documents, corpus = [], []
    for name, text in CorpusGenerator().releases(0, count):
        document = decode_input(name, text.encode("utf-8")).document
        if document is None:
            continue
        parsed = parse_document(document)
        documents.append(document)
        corpus.append((name, parsed.body_text, parsed.published_date))
    return documents, corpus


def _parse_rate(documents: list[SourceDocument], rounds: int) -> float:
    """Documents per second of CPU time of `parse_document`: the best of `rounds`."""
    best = float("inf")
    for _ in range(rounds):
        started = process_time()
        for document in documents:
            parse_document(document)
        best = min(best, process_time() - started)
    return len(documents) / best


def _stages(extractor: Extractor, corpus: list) -> tuple[dict[str, float], float]:
    totals: dict[str, float] = defaultdict(float)
    timed = dataclasses.replace(extractor, **{f.name: _Timed(f.name, getattr(extractor, f.name), totals)
                                              for f in dataclasses.fields(extractor)})
    patched = {name: obj for name, obj in vars(release).items()
               if inspect.isfunction(obj) and obj.__module__ != release.__name__}
    try:
        for name, func in patched.items():
            setattr(release, name, _timer(name, func, totals))
        started = perf_counter()
        for _, text, published in corpus:
            timed.extract(text, published)
        total = perf_counter() - started
    finally:
        for name, func in patched.items():
            setattr(release, name, func)
    return totals, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--synthetic", action="store_true", help="the corpus of snapshot_extraction.py")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    documents, corpus = ([], synthetic_releases(args.releases)) if args.synthetic else _benchmark_corpus(args.releases)
    size = sum(len(text) for _, text, _ in corpus) / len(corpus)
    extractor = load_extractor()  # with the collector set up as in the extract asset's workers
    rate, cpu_rate = _rates(extractor, corpus, args.rounds)
    print(f"{len(corpus)} releases, {size:.0f} chars each on average, one core")
    print(f"extract: {rate:,.0f} releases/s wall ({1000 / rate:.3f} ms per release), "
          f"{cpu_rate:,.0f} releases/s of CPU time (what other processes on the machine do not change)")
    if documents:
        parse_rate = _parse_rate(documents, args.rounds)
        print(f"parse:   {parse_rate:,.0f} releases/s of CPU time ({1000 / parse_rate:.3f} ms per release)")
    totals, total = _stages(extractor, corpus)
    print(f"\nstage timings (instrumented round, {total / len(corpus) * 1000:.3f} ms per release):")
    for label, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {label:<32} {seconds / len(corpus) * 1000:8.3f} ms  {seconds / total:6.1%}")
    rest = total - sum(totals.values())
    print(f"  {'(assembly, unattributed)':<32} {rest / len(corpus) * 1000:8.3f} ms  {rest / total:6.1%}")


if __name__ == "__main__":
    main()
