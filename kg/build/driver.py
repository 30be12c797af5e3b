"""The main job as a library call: articles in, graph files (or an embedded store) out.

    from kg.build import build
    report = build(["articles/"], out_dir="output")
    report = build(["articles/"], store="kgstore")                                # a persistent Oxigraph store
    report = build(["articles/"], out_dir="output", jobs=2)                       # two worker processes
    report = build(["articles/"], out_dir="output", scheduler="tcp://HOST:8786")  # a Dask cluster

Documents stream from the inputs to the workers (kg.build.engines), and each finished one goes to
disk at once: to the spool of the output folder (kg.build.spool), from which graph.ttl and
graph.trig are assembled at the end, or into the store. Memory stays bounded whatever the
corpus size, and an interrupted build resumes where it stopped: running it again reads
only what is not done. The CLI's `kg build` is a thin shell over `build`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kg.build.engines import Batch, make_engine
from kg.build.spool import SPOOL_DIR, Ledger, Spool, ledger_errors
from kg.build.worker import Settings, code_fingerprint, document_digest
from kg.document import Document
from kg.rdf.iri import check_base
from kg.rdf.mapping import document_iri
from kg.rdf.namespace import DEFAULT_BASE
from kg.read.ingest import PAGE_SECONDS, Skipped, read_documents


@dataclass
class BuildReport:
    """What a build did: counts for the summary, and the inputs it could not read."""

    documents: int = 0  # built: read now, or finished by an earlier run and unchanged since
    resumed: int = 0  # of those, taken from an earlier (perhaps interrupted) run without reading them again
    entities_by_class: Counter = field(default_factory=Counter)
    events: int = 0
    relations: int = 0
    triples: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    stored_documents: int | None = None  # with a store: how many documents it holds after the build
    workers: dict[str, int] = field(default_factory=dict)  # with --jobs or Dask: host:pid -> model loads there

    @property
    def entities(self) -> int:
        return sum(self.entities_by_class.values())

    @property
    def read(self) -> int:
        return self.documents - self.resumed


def build(
    paths: Iterable[str],
    out_dir: str | Path = "output",
    base: str = DEFAULT_BASE,
    published: str | None = None,
    model: str | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
    store: str | Path | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    fresh: bool = False,
    partition_size: int | None = None,
    page_seconds: float = PAGE_SECONDS,
) -> BuildReport:
    """Read every article under `paths`, extract its facts, write graph.ttl and graph.trig, or,
    given `store`, add each document to the embedded store in that folder instead.

    `jobs` worker processes read the articles (each loads the model once); `scheduler`
    ("local" for a Dask LocalCluster of `jobs` processes, or a scheduler's tcp:// address)
    sends them to Dask instead. Documents an earlier run into the same folder or store
    finished, unchanged since and built with the same settings and kg, are not read again
    unless `fresh`. `partition_size` is how many documents go to a worker at a time (the
    engine's default suits most corpora). Unreadable inputs are reported in
    `BuildReport.skipped`, never raised: one bad file does not stop the batch. When not one
    input can be read no file is written and `outputs` is empty: the previous graph in
    `out_dir` stays as it was. Usage errors (a missing path, a bad date or base) raise. A web
    page still being read after `page_seconds` is stopped and skipped.
    """
    started = time.perf_counter()
    report = BuildReport()
    settings = Settings(check_base(base), model, code_fingerprint())
    engine = make_engine(settings, jobs, scheduler, partition_size)
    documents = _readable(read_documents(paths, published=published, page_seconds=page_seconds), report.skipped)
    with ledger_errors(Path(store) if store is not None else Path(out_dir) / SPOOL_DIR):
        sink: Sink = StoreSink(store, settings, fresh) if store is not None else FileSink(out_dir, settings, fresh)
        try:
            ledger = sink.ledger
            todo = (
                d for d in documents if not ledger.resume(str(document_iri(settings.base, d.id)), document_digest(d))
            )
            stream: Iterator = _kept(engine.run(todo), sink)
            if progress is not None:
                stream = iter(progress(stream))
            for _ in stream:
                pass
            sink.finish(report)
            report.documents, report.events, report.relations = ledger.totals()
            report.resumed = ledger.resumed
            report.workers = dict(engine.workers)
        finally:
            sink.close()
    report.seconds = time.perf_counter() - started
    return report


class Sink(Protocol):
    """Where a build puts each finished document, and what it reports at the end."""

    ledger: Ledger  # what is finished: resuming asks it, the report's totals come from it

    def add(self, batch: Batch) -> None:
        """Keep finished documents (each with its triples as N-Triples terms)."""

    def finish(self, report: BuildReport) -> None:
        """Write what is pending; fill the report's entity, triple and output figures."""

    def close(self) -> None: ...


class FileSink:
    """graph.ttl (everything, consolidated) and graph.trig (one named graph per document) in a
    folder, assembled from the folder's spool."""

    def __init__(self, out_dir: str | Path, settings: Settings, fresh: bool):
        self.ledger = self.spool = Spool(out_dir, settings, fresh)

    def add(self, batch: Batch) -> None:
        self.spool.add(batch)

    def finish(self, report: BuildReport) -> None:
        if self.spool.totals()[0] == 0:
            return  # every input was skipped: an empty graph would replace the last good one for nothing
        report.outputs, report.entities_by_class, report.triples = self.spool.write_files()

    def close(self) -> None:
        self.spool.close()


class StoreSink:
    """The embedded store in a folder: each document replaces its own named graph as it is read.
    Every few documents the store settles labels and classes and the ledger (DIR/kg-build.sqlite3)
    records them, so an interrupted build keeps every document finished before it."""

    SETTLE_EVERY = 32  # documents between settling the store and recording them as finished

    def __init__(self, store: str | Path, settings: Settings, fresh: bool):
        from kg.store.embedded import GraphStore

        self.store = GraphStore(store)  # first: it refuses a folder that is not a store
        try:
            self.ledger = Ledger(self.store.path, settings, fresh, name="kg-build")
        except BaseException:
            self.store.close()
            raise
        self.pending: Batch = []

    def add(self, batch: Batch) -> None:
        for record, triples in batch:
            self.store.put_terms(record.graph, triples)
        self.pending += batch
        if len(self.pending) >= self.SETTLE_EVERY:
            self._settle()

    def _settle(self) -> None:
        self.store.settle()
        self.ledger.record(self.pending)
        self.pending = []

    def finish(self, report: BuildReport) -> None:
        self._settle()
        report.entities_by_class = +self.store.entities_by_class()
        report.triples = self.store.triples()
        report.stored_documents = self.store.documents()
        report.outputs = [self.store.path]

    def close(self) -> None:
        self.ledger.close()
        self.store.close()


def _kept(batches: Iterable[Batch], sink: Sink) -> Iterator:
    """Each document once its sink has it (one item per document, for a progress bar)."""
    for batch in batches:
        sink.add(batch)
        yield from batch


def _readable(items: Iterable[Document | Skipped], skipped: list[Skipped]) -> Iterator[Document]:
    """The documents among `items`; what could not be read goes to `skipped` as it passes."""
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            yield item
