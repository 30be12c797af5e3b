"""The main job as a library call: articles in, graph files out.

    from kg.build import build
    report = build(["articles/"], out_dir="output")

The CLI's `kg build` is a thin shell over `build`.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.document import Document
from kg.fsutil import atomic_write_all
from kg.ingest import PAGE_SECONDS, Skipped, read_documents
from kg.rdf import serialize
from kg.rdf.graph import KnowledgeGraph
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
    page_seconds: float = PAGE_SECONDS,
) -> BuildReport:
    """Read every article under `paths`, extract its facts, write graph.ttl and graph.trig.

    Unreadable inputs are reported in `BuildReport.skipped`, never raised: one bad file
    does not stop the batch. When not one input can be read nothing is written, and
    `outputs` is empty: the previous graph in `out_dir` stays as it was. Usage errors (a
    missing path, a bad date or base) raise. A web page still being read after
    `page_seconds` is stopped and skipped.
    """
    started = time.perf_counter()
    report = BuildReport()
    graph = KnowledgeGraph(base)
    documents = _readable(read_documents(paths, published=published, page_seconds=page_seconds), report.skipped)
    first = next(documents, None)
    if first is not None:
        from kg.extract import Extractor  # loads spaCy: only when there is something to read

        extractor = Extractor(model)
        stream: Iterator = extractor.extract(itertools.chain([first], documents))
        if progress is not None:
            stream = iter(progress(stream))
        for facts in stream:
            graph.add(facts)
            report.documents += 1
            report.events += len(facts.events)
            report.relations += len(facts.relations)
    graph.consolidate()
    union = graph.union()
    report.entities_by_class = _entities_by_class(union)
    report.triples = len(union)
    out = Path(out_dir)
    if report.documents == 0:
        # Every input was skipped: an empty graph would replace the last good one for nothing.
        report.seconds = time.perf_counter() - started
        return report
    # Both files are made before either is written, and written before either replaces
    # the last build's: a failure or a kill leaves the previous pair as it was.
    report.outputs = atomic_write_all(
        {
            out / "graph.ttl": serialize.turtle(union),
            out / "graph.trig": serialize.trig(graph.dataset, graph.base),
        }
    )
    report.seconds = time.perf_counter() - started
    return report


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
