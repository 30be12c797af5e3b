"""The main job as a library call: articles in, graph files (or an embedded store) out.

    from kg.build import build
    report = build(["articles/"], out_dir="output")
    report = build(["articles/"], store="kgstore")   # add to a persistent Oxigraph store

The CLI's `kg build` is a thin shell over `build`.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kg.document import Document
from kg.facts import DocumentFacts
from kg.fsutil import atomic_write_all
from kg.ingest import PAGE_SECONDS, Skipped, read_documents
from kg.rdf import serialize
from kg.rdf.graph import KnowledgeGraph
from kg.rdf.iri import check_base
from kg.rdf.mapping import document_iri, document_triples
from kg.rdf.namespace import DEFAULT_BASE


@dataclass
class BuildReport:
    """What a build did: counts for the summary, and the inputs it could not read."""

    documents: int = 0
    entities_by_class: Counter = field(default_factory=Counter)
    events: int = 0
    relations: int = 0
    triples: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    stored_documents: int | None = None  # with a store: how many documents it holds after the build

    @property
    def entities(self) -> int:
        return sum(self.entities_by_class.values())


def build(
    paths: Iterable[str],
    out_dir: str | Path = "output",
    base: str = DEFAULT_BASE,
    published: str | None = None,
    model: str | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
    store: str | Path | None = None,
    page_seconds: float = PAGE_SECONDS,
) -> BuildReport:
    """Read every article under `paths`, extract its facts, write graph.ttl and graph.trig, or,
    given `store`, add each document to the embedded store in that folder instead.

    Unreadable inputs are reported in `BuildReport.skipped`, never raised: one bad file
    does not stop the batch. When not one input can be read no file is written, and
    `outputs` is empty: the previous graph in `out_dir` stays as it was. Usage errors (a
    missing path, a bad date or base) raise. A web page still being read after
    `page_seconds` is stopped and skipped.
    """
    started = time.perf_counter()
    report = BuildReport()
    sink: Sink = StoreSink(store, base) if store is not None else FileSink(out_dir, base)
    try:
        documents = _readable(read_documents(paths, published=published, page_seconds=page_seconds), report.skipped)
        first = next(documents, None)
        if first is not None:
            from kg.extract import Extractor  # loads spaCy: only when there is something to read

            extractor = Extractor(model)
            stream: Iterator = extractor.extract(itertools.chain([first], documents))
            if progress is not None:
                stream = iter(progress(stream))
            for facts in stream:
                sink.add(facts)
                report.documents += 1
                report.events += len(facts.events)
                report.relations += len(facts.relations)
        sink.finish(report)
    finally:
        sink.close()
    report.seconds = time.perf_counter() - started
    return report


class Sink(Protocol):
    """Where a build puts each document's facts, and what it reports at the end."""

    def add(self, facts: DocumentFacts) -> None: ...

    def finish(self, report: BuildReport) -> None:
        """Write what is pending; fill the report's entity, triple and output figures."""

    def close(self) -> None: ...


class FileSink:
    """graph.ttl (everything, consolidated) and graph.trig (one named graph per document) in a folder."""

    def __init__(self, out_dir: str | Path, base: str):
        self.out = Path(out_dir)
        self.graph = KnowledgeGraph(base)

    def add(self, facts: DocumentFacts) -> None:
        self.graph.add(facts)

    def finish(self, report: BuildReport) -> None:
        self.graph.consolidate()
        union = self.graph.union()
        report.entities_by_class = _entities_by_class(union)
        report.triples = len(union)
        if report.documents == 0:
            return  # every input was skipped: an empty graph would replace the last good one for nothing
        # Both files are made before either is written, and written before either replaces
        # the last build's: a failure or a kill leaves the previous pair as it was.
        report.outputs = atomic_write_all(
            {
                self.out / "graph.ttl": serialize.turtle(union),
                self.out / "graph.trig": serialize.trig(self.graph.dataset, self.graph.base),
            }
        )

    def close(self) -> None:
        pass


class StoreSink:
    """The embedded store in a folder: each document replaces its own named graph as it is read,
    so an interrupted build keeps every document finished before it."""

    def __init__(self, store: str | Path, base: str):
        from kg.store import GraphStore

        self.base = check_base(base)
        self.store = GraphStore(store)

    def add(self, facts: DocumentFacts) -> None:
        self.store.put(document_iri(self.base, facts.document.id), document_triples(facts, self.base))

    def finish(self, report: BuildReport) -> None:
        self.store.settle()
        report.entities_by_class = +self.store.entities_by_class()
        report.triples = self.store.triples()
        report.stored_documents = self.store.documents()
        report.outputs = [self.store.path]

    def close(self) -> None:
        self.store.close()


def _readable(items: Iterable[Document | Skipped], skipped: list[Skipped]) -> Iterator[Document]:
    """The documents among `items`; what could not be read goes to `skipped` as it passes."""
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            yield item


def _entities_by_class(union) -> Counter:
    from rdflib.namespace import RDF

    from kg.rdf.graph import ENTITY_CLASSES
    from kg.rdf.namespace import KG

    counts: Counter = Counter()
    for cls in ENTITY_CLASSES:
        counts[cls] = len(set(union.subjects(RDF.type, KG[cls])))
    return +counts
