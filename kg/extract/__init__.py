"""Extraction: Documents in, DocumentFacts out. spaCy stays inside this package.
May import: the shared modules (kg.document, kg.facts, kg.lexicon, kg.errors); nothing of RDF (rdflib, pyoxigraph, kg.rdf) or of a later stage.

extractor = Extractor(model=None)          # loads the pipeline and lexicon once
for facts in extractor.extract(documents):  # nlp.pipe over many documents
    ...
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import replace

from kg.document import Document
from kg.extract.coref import resolve_descriptive_groups, resolve_references
from kg.extract.entities import find_entities
from kg.extract.events import carry_agents, find_events
from kg.extract.pipeline import MAX_CHARS, load_pipeline, mask, parse_masks, unmask
from kg.extract.quantities import find_quantities
from kg.extract.relations import find_relations
from kg.facts import DocumentFacts, Entity, Event, Mention, Quantity, Relation, Sentence, TimeValue
from kg.lexicon import Lexicon, load_lexicon

__all__ = [
    "DocumentFacts",
    "Entity",
    "Event",
    "Extractor",
    "Mention",
    "Quantity",
    "Relation",
    "Sentence",
    "TimeValue",
]


class Extractor:
    """Holds one spaCy pipeline and one lexicon; reads many documents with them."""

    def __init__(self, model: str | None = None, lexicon: Lexicon | None = None, batch_size: int = 16):
        self.nlp = load_pipeline(model)
        self.lexicon = lexicon or load_lexicon()
        self.masks = parse_masks(self.lexicon, self.nlp.Defaults.stop_words)
        self.batch_size = batch_size

    def extract(self, documents: Iterable[Document]) -> Iterator[DocumentFacts]:
        """Facts for each document, in order; texts over spaCy's limit are read in chunks."""
        parts: list[DocumentFacts] = []
        for doc, (document, offset, last) in self.nlp.pipe(
            self._chunks(documents), as_tuples=True, batch_size=self.batch_size
        ):
            chunk = document.text[offset : offset + len(doc.text)]
            doc = unmask(doc, chunk)
            parts.append(self._read(document, doc, offset, sum(len(p.sentences) for p in parts)))
            if last:
                yield parts[0] if len(parts) == 1 else _join(parts)
                parts = []

    def extract_one(self, document: Document) -> DocumentFacts:
        return next(self.extract([document]))

    def _chunks(self, documents: Iterable[Document]):
        for document in documents:
            text, offset = document.text, 0
            while len(text) - offset > MAX_CHARS:
                cut = _cut(text, offset)
                yield mask(text[offset:cut], self.masks), (document, offset, False)
                offset = cut
            yield mask(text[offset:], self.masks), (document, offset, True)

    def _read(self, document: Document, doc, offset: int = 0, first_sentence: int = 0) -> DocumentFacts:
        sentences = [s for s in doc.sents if s.text.strip()]
        starts = [s.start for s in sentences]

        def sentence_of(token_index: int) -> int:
            return first_sentence + max(0, bisect.bisect_right(starts, token_index) - 1)

        index = find_entities(doc, self.lexicon, sentence_of)
        resolve_references(doc, index, self.lexicon, sentence_of)
        resolve_descriptive_groups(doc, index, self.lexicon, sentence_of)
        events = find_events(doc, index, self.lexicon, sentence_of, document.published)
        relations = find_relations(doc, index, self.lexicon, sentence_of, events)
        quantities = find_quantities(doc, index, self.lexicon, sentence_of, events)
        events = carry_agents(events, index)
        used = {label for e in events for label in (*e.agents, *e.patients, *e.places)}
        used |= {r.subject for r in relations} | {r.object for r in relations if not r.literal}
        used |= {q.subject for q in quantities if q.subject}
        entities = [e for e in index.entities if e.label in used or e.label not in index.optional]
        return DocumentFacts(
            document=document,
            sentences=[
                Sentence(first_sentence + i, offset + s.start_char, offset + s.end_char, s.text.strip())
                for i, s in enumerate(sentences)
            ],
            entities=[_shift(e, offset) for e in entities] if offset else entities,
            events=[replace(e, start=e.start + offset, end=e.end + offset) for e in events] if offset else events,
            relations=relations,
            quantities=quantities,
        )


def _shift(entity: Entity, offset: int) -> Entity:
    mentions = tuple(Mention(m.text, m.start + offset, m.end + offset, m.sentence) for m in entity.mentions)
    return Entity(entity.label, entity.cls, entity.aliases, mentions, entity.known)


def _join(parts: list[DocumentFacts]) -> DocumentFacts:
    """One document's facts from the facts of its chunks; entities merge by label."""
    entities: dict[str, Entity] = {}
    for part in parts:
        for e in part.entities:
            if e.label in entities:
                e = entities[e.label].merged_with(e)
            entities[e.label] = e
    return DocumentFacts(
        document=parts[0].document,
        sentences=[s for p in parts for s in p.sentences],
        entities=list(entities.values()),
        events=[e for p in parts for e in p.events],
        relations=[r for p in parts for r in p.relations],
        quantities=[q for p in parts for q in p.quantities],
    )


def _cut(text: str, offset: int) -> int:
    """Where the chunk starting at `offset` ends: the last paragraph break before the limit."""
    limit = offset + MAX_CHARS
    for mark in ("\n\n", "\n", ". "):
        cut = text.rfind(mark, offset + MAX_CHARS // 2, limit)
        if cut > 0:
            return cut + len(mark)
    return limit
