"""A benchmark corpus of any size, made by recombining the 16 sample releases (not a test).

Each generated release is one sample with its people, countries, organisations, cities and dates swapped for others
drawn from `sources/reference/` (persons, countries, organisations, places), so the extractor meets realistic
entities in realistic sentences. Deterministic: release `n` of seed `s` is always the same bytes, so a bigger corpus
extends a smaller one and "10 more releases" are releases 10_000..10_009.
"""
from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipelines.extraction.reference import load_rows
from tests.conftest import SAMPLES_DIR

SEED = 20_240_115
KEPT = "Shanghai Cooperation Organisation"
FILES_PER_FOLDER = 1000
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@dataclass(frozen=True)
class _Country:
    forms: tuple[str, ...]  # name, official name, first adjective: the same slots in every country
    iso3: str


@dataclass(frozen=True)
class _Template:
    name: str
    text: str
    persons: tuple[str, ...]  # canonical names found in the text, and their surnames
    countries: tuple[str, ...]  # iso3 codes found
    organisations: tuple[str, ...]
    cities: tuple[str, ...]
    pattern: re.Pattern[str]  # every replaceable string, longest first


def _countries() -> dict[str, _Country]:
    countries = {}
    for row in load_rows("countries.csv"):
        adjective = row["adjectives"].split("|")[0]
        if adjective and row["name"] and row["official_name"]:
            countries[row["iso3"]] = _Country((row["name"], row["official_name"], adjective), row["iso3"])
    return countries


class CorpusGenerator:
    """Releases recombined from the samples with reference entities; `release(n)` is deterministic."""

    def __init__(self, seed: int = SEED) -> None:
        self.seed = seed
        self.persons = sorted({row["canonical_name"] for row in load_rows("persons.csv") if " " in row["canonical_name"]})
        self.countries = _countries()
        # The SCO's own bodies (and its seat's name in "Shanghai Spirit") stay: the genre is the SCO's releases.
        self.organisations = sorted(
            {row["canonical_name"] for row in load_rows("organisations.csv")
             if len(row["canonical_name"]) > 12 and KEPT not in row["canonical_name"]}
        )
        self.cities = sorted({row["name"] for row in load_rows("places.csv") if row["kind"] == "city"} - {"Shanghai"})
        self.templates = [self._template(path) for path in sorted(SAMPLES_DIR.iterdir())]

    def _template(self, path: Path) -> _Template:
        text = path.read_text(encoding="utf-8")

        def present(candidates: list[str]) -> tuple[str, ...]:
            return tuple(c for c in candidates if re.search(rf"(?<!\w){re.escape(c)}(?!\w)", text))

        persons = present(self.persons)
        countries = tuple(iso3 for iso3, country in self.countries.items() if present(list(country.forms)))
        surnames = [name.split()[-1] for name in persons if len(name.split()[-1]) > 3]
        strings = [*persons, *surnames, *present(self.organisations), *present(self.cities), KEPT]
        strings += [form for iso3 in countries for form in self.countries[iso3].forms]
        strings = sorted(set(strings), key=lambda s: (-len(s), s))
        alternation = "|".join(re.escape(s) for s in strings) or "(?!x)x"
        pattern = re.compile(rf"(?<!\w)(?:{alternation}|(?:19|20)\d\d|{'|'.join(MONTHS)})(?!\w)")
        return _Template(path.name, text, persons, countries, present(self.organisations), present(self.cities),
                         pattern)

    def release(self, number: int) -> tuple[str, str]:
        """(relative path, text) of release `number`."""
        template = self.templates[number % len(self.templates)]
        rng = random.Random(f"{self.seed}:{number}")
        mapping: dict[str, str] = {}
        for name in template.persons:
            new = rng.choice(self.persons)
            mapping[name] = new
            if len(name.split()[-1]) > 3:
                mapping.setdefault(name.split()[-1], new.split()[-1])
        for iso3 in template.countries:
            new = self.countries[rng.choice(sorted(self.countries))]
            mapping.update(zip(self.countries[iso3].forms, new.forms, strict=True))
        mapping.update((org, rng.choice(self.organisations)) for org in template.organisations)
        mapping.update((city, rng.choice(self.cities)) for city in template.cities)
        shift = rng.randint(-8, 0)
        months = dict(zip(MONTHS, rng.sample(MONTHS, len(MONTHS)), strict=True))

        def replace(match: re.Match[str]) -> str:
            found = match.group(0)
            if found in mapping:
                return mapping[found]
            if found in months:
                return months[found]
            return str(int(found) + shift) if found.isdigit() else found

        text = template.pattern.sub(replace, template.text)
        stem, suffix = template.name.rsplit(".", 1)
        marker = f"<p>(Release {number}.)</p>\n</body>" if suffix == "html" else f"\n(Release {number}.)\n"
        text = text.replace("</body>", marker, 1) if suffix == "html" else text.rstrip("\n") + "\n" + marker
        return f"{number // FILES_PER_FOLDER:04d}/{number:07d}_{stem}.{suffix}", text

    def releases(self, start: int, stop: int) -> Iterator[tuple[str, str]]:
        for number in range(start, stop):
            yield self.release(number)


def write_corpus(folder: Path, count: int, start: int = 0, seed: int = SEED) -> int:
    """Write releases `start`..`start + count - 1` under `folder` (skipping files already there); the count."""
    generator = CorpusGenerator(seed)
    for relative, text in generator.releases(start, start + count):
        path = folder / relative
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return count
