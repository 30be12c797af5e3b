"""What a worker does with documents: extract their facts, map them to RDF, hand back N-Quads.

The same code runs in the driver (one process), in each process of `--jobs N`, and on each
Dask worker: documents in, N-Quads out, one named graph per document. A worker process loads
the spaCy model the first time it is asked to and keeps it for every later partition.

Beside the N-Quads, each document's record carries what the driver needs without parsing
the graph: its counts for the summary, and what it says each entity is called and is (the
votes that settle one label and one class per entity across the corpus).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg import __version__
from kg.document import Document
from kg.errors import DataError
from kg.paths import data_dir
from kg.rdf.graph import ENTITY_TYPES, Names
from kg.rdf.mapping import document_iri, document_triples
from kg.store.oxigraph import first_line, to_ox


@dataclass(frozen=True)
class Settings:
    """What every worker must agree on for a build: the IRI base, the model, and the code."""

    base: str
    model: str | None = None
    fingerprint: str = ""


@dataclass
class DocumentRecord:
    """One document as a worker read it; its triples are the N-Quads of its named graph."""

    id: str
    graph: str  # the named graph's IRI: the document's IRI
    digest: str  # of the document's content and metadata, for resuming
    events: int = 0
    relations: int = 0
    names: dict[str, Names] = field(default_factory=dict)  # entity IRI -> what this document says


@dataclass
class PartitionResult:
    """A partition's documents in order, their graphs as one N-Quads text, and who made them."""

    documents: list[DocumentRecord]
    nquads: bytes
    worker: str = ""  # host:pid of the process that read the partition
    model_loads: int = 0  # how many times that process has loaded a model, ever
    fingerprint: str = ""


_extractors: dict = {}
_model_loads = 0


def extractor_for(model: str | None):
    """The process's Extractor for `model`, made once per process."""
    global _model_loads
    if model not in _extractors:
        from kg.extract import Extractor

        _extractors[model] = Extractor(model)
        _model_loads += 1
    return _extractors[model]


def warm(model: str | None) -> None:
    """Load the model now (a worker process's initializer), not with the first partition."""
    extractor_for(model)


def read_stream(documents: Iterable[Document], settings: Settings) -> Iterator[tuple[DocumentRecord, bytes]]:
    """Each document's record and its named graph as N-Quads, in order, through one nlp.pipe."""
    extractor = extractor_for(settings.model)
    for facts in extractor.extract(documents):
        document = facts.document
        graph = document_iri(settings.base, document.id)
        record = DocumentRecord(
            id=document.id,
            graph=str(graph),
            digest=document_digest(document),
            events=len(facts.events),
            relations=len(facts.relations),
        )
        triples = list(document_triples(facts, settings.base))
        record.names = names_said(triples)
        yield record, nquads(triples, graph)


def read_partition(documents: list[Document], settings: Settings) -> PartitionResult:
    """A partition read whole: what `--jobs` processes and Dask workers run."""
    records, out = [], io.BytesIO()
    for record, text in read_stream(documents, settings):
        records.append(record)
        out.write(text)
    return PartitionResult(records, out.getvalue(), worker_name(), _model_loads, code_fingerprint())


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def nquads(triples: Iterable[tuple], graph: URIRef) -> bytes:
    """The triples as N-Quads lines in `graph`, in Oxigraph's canonical N-Triples term syntax."""
    g = str(to_ox(graph))
    lines = [f"{to_ox(s)} {to_ox(p)} {to_ox(o)} {g} .\n" for s, p, o in triples]
    return "".join(lines).encode("utf-8")


def names_said(triples: Iterable[tuple]) -> dict[str, Names]:
    """What the triples say each entity (a subject with an entity class) is called and is."""
    labels: dict = {}
    alts: dict = {}
    classes: dict = {}
    for s, p, o in triples:
        if p == RDF.type and o in ENTITY_TYPES:
            classes.setdefault(s, set()).add(o)
        elif p == RDFS.label:
            labels.setdefault(s, set()).add(o)
        elif p == SKOS.altLabel:
            alts.setdefault(s, set()).add(o)
    return {
        str(s): Names(frozenset(labels.get(s, ())), frozenset(alts.get(s, ())), frozenset(found))
        for s, found in classes.items()
    }


def document_digest(document: Document) -> str:
    """A hash of everything the graph of `document` is made from, besides the code and settings."""
    fields = [document.id, document.text, document.title, document.published, document.source, document.url]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


# The code a document's graph depends on; an edit elsewhere (the CLI, say) keeps finished work.
GRAPH_CODE = (
    "extract/**/*.py",
    "rdf/*.py",
    "facts.py",
    "lexicon.py",
    "document.py",
    "store/oxigraph.py",
    "build/worker.py",
)


@cache
def code_fingerprint() -> str:
    """A hash of kg's code and ontology data: a build resumes only what this same kg made, and a
    cluster's workers must run the same kg as the driver."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]  # kg/, which GRAPH_CODE is relative to
    files = [path for part in GRAPH_CODE for path in sorted(package.glob(part))]
    files += sorted(data_dir("ontology").glob("*.ttl"))
    for path in files:
        name = path.relative_to(package) if path.is_relative_to(package) else Path("ontology") / path.name
        digest.update(name.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def parse_partition(nquads: bytes, records: list[DocumentRecord]) -> list[tuple[DocumentRecord, list]]:
    """A worker's N-Quads split into each document's triples (N-Triples terms); a DataError when
    the text is not N-Quads or holds a graph none of `records` names."""
    by_graph: dict[str, list[tuple[str, str, str]]] = {r.graph: [] for r in records}
    try:
        for quad in ox.parse(input=nquads, format=ox.RdfFormat.N_QUADS):
            name = quad.graph_name
            triples = by_graph.get(name.value) if isinstance(name, ox.NamedNode) else None
            if triples is None:
                raise DataError(f"a worker sent triples in graph {name}, which is none of its documents'")
            triples.append((str(quad.subject), str(quad.predicate), str(quad.object)))
    except SyntaxError as err:
        raise DataError(f"a worker sent text that is not N-Quads ({first_line(err)})") from None
    return [(record, by_graph[record.graph]) for record in records]
