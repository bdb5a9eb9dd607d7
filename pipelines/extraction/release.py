"""The assembler: every matcher over one release, in the order their inputs need.

Countries and places first, organisations on top of them, persons on top of all three, then events and
statements on top of persons. Everything heavy is built once in `Extractor.load`; `extract` is pure.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.extraction.countries import CountryGazetteer
from pipelines.extraction.documents import find_documents
from pipelines.extraction.events import EventExtractor
from pipelines.extraction.organisations import OrganisationMatcher
from pipelines.extraction.persons import PersonExtractor
from pipelines.extraction.places import PlaceGazetteer
from pipelines.extraction.records import ReleaseExtraction
from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR
from pipelines.extraction.sentences import split_sentences, tokenize
from pipelines.extraction.statements import StatementExtractor
from pipelines.extraction.textutil import match_tokens_within
from pipelines.extraction.topics import TopicMatcher


@dataclass(frozen=True)
class Extractor:
    """All matchers of the library, loaded once from the reference data."""

    countries: CountryGazetteer
    places: PlaceGazetteer
    organisations: OrganisationMatcher
    persons: PersonExtractor
    events: EventExtractor
    statements: StatementExtractor
    topics: TopicMatcher

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> Extractor:
        return cls(
            countries=CountryGazetteer.load(reference_dir),
            places=PlaceGazetteer.load(reference_dir),
            organisations=OrganisationMatcher.load(reference_dir),
            persons=PersonExtractor.load(reference_dir),
            events=EventExtractor.load(reference_dir),
            statements=StatementExtractor.load(reference_dir),
            topics=TopicMatcher.load(reference_dir),
        )

    def extract(self, body_text: str, published: date | None) -> ReleaseExtraction:
        """Everything the library finds in one release body (`ParsedRelease.body_text`)."""
        tokens = tokenize(body_text)
        # cut once, matched by every gazetteer: the finer tokens, cut again from the others where they differ
        words = match_tokens_within(body_text, tokens.texts, tokens.starts, tokens.ends)
        countries = tuple(self.countries.find(body_text, words))
        places = tuple(self.places.find(body_text, words))
        orgs = tuple(self.organisations.find(body_text, countries, tokens=words, places=places))
        sentences = split_sentences(body_text, tokens)
        persons = self.persons.find(body_text, orgs=orgs, countries=countries, places=places,
                                    published=published, tokens=tokens, sentences=sentences)
        events = self.events.find(body_text, tokens=tokens, sentences=sentences, persons=persons, places=places,
                                  orgs=orgs, published=published)
        statements = self.statements.find(body_text, tokens=tokens, sentences=sentences, persons=persons,
                                          orgs=orgs, countries=countries)
        return ReleaseExtraction(
            persons=persons,
            organisations=orgs,
            countries=countries,
            places=places,
            documents=tuple(find_documents(body_text, orgs, tokens=words)),
            events=events,
            statements=statements,
            topics=self.topics.find(body_text, tokens=tokens, sentences=sentences),
        )
