"""The main job as a library call: articles in, graph files out.

    from kg.build import build
    report = build(["articles/"], out_dir="output")
    report = build(["articles/"], out_dir="output", jobs=2)                       # two worker processes
    report = build(["articles/"], out_dir="output", scheduler="tcp://HOST:8786")  # a Dask cluster

Documents stream from the inputs to the workers (kg.engines) and each finished one goes to
disk at once (kg.spool), so memory stays bounded whatever the corpus size and an
interrupted build resumes where it stopped: running it again reads only what is not done.
graph.ttl and graph.trig are assembled from the spool at the end. The CLI's `kg build` is a
thin shell over `build`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.document import Document
from kg.engines import Batch, make_engine
from kg.ingest import Skipped, read_documents
from kg.rdf.iri import check_base
from kg.rdf.mapping import document_iri
from kg.rdf.namespace import DEFAULT_BASE
from kg.spool import Spool
from kg.worker import Settings, code_fingerprint, document_digest


@dataclass
class BuildReport:
    """What a build did: counts for the summary, and the inputs it could not read."""

    documents: int = 0  # in the graph written: read now, or finished by an earlier run and unchanged
    resumed: int = 0  # of those, taken from an earlier (perhaps interrupted) run without reading them again
    entities_by_class: Counter = field(default_factory=Counter)
    events: int = 0
    relations: int = 0
    triples: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
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
    jobs: int = 1,
    scheduler: str | None = None,
    fresh: bool = False,
    partition_size: int | None = None,
) -> BuildReport:
    """Read every article under `paths`, extract its facts, write graph.ttl and graph.trig.

    `jobs` worker processes read the articles (each loads the model once); `scheduler`
    ("local" for a Dask LocalCluster of `jobs` processes, or a scheduler's tcp:// address)
    sends them to Dask instead. Documents an earlier run into the same `out_dir` finished,
    unchanged since and built with the same settings and kg, are not read again unless
    `fresh`. `partition_size` is how many documents go to a worker at a time (the engine's
    default suits most corpora). Unreadable inputs are reported in `BuildReport.skipped`, never raised: one bad
    file does not stop the batch. Usage errors (a missing path, a bad date or base) raise.
    """
    started = time.perf_counter()
    report = BuildReport()
    settings = Settings(check_base(base), model, code_fingerprint())
    engine = make_engine(settings, jobs, scheduler, partition_size)
    documents = _readable(read_documents(paths, published=published), report.skipped)
    spool = Spool(out_dir, settings, fresh=fresh)
    try:
        todo = (d for d in documents if not spool.resume(str(document_iri(settings.base, d.id)), document_digest(d)))
        stream: Iterator = _kept(engine.run(todo), spool)
        if progress is not None:
            stream = iter(progress(stream))
        for _ in stream:
            pass
        report.documents, report.events, report.relations = spool.totals()
        report.resumed = spool.resumed
        report.workers = dict(engine.workers)
        report.outputs, report.entities_by_class, report.triples = spool.write_files()
    finally:
        spool.close()
    report.seconds = time.perf_counter() - started
    return report


def _kept(batches: Iterable[Batch], spool: Spool) -> Iterator:
    """Each document once it is safe in the spool (one item per document, for a progress bar)."""
    for batch in batches:
        spool.add(batch)
        yield from batch


def _readable(items: Iterable[Document | Skipped], skipped: list[Skipped]) -> Iterator[Document]:
    """The documents among `items`; what could not be read goes to `skipped` as it passes."""
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            yield item
