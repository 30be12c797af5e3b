"""The graph as a file in another format: one registry of writers, each deterministic.

    from kg.export import export
    export("graph.jsonld", store="kgstore")               # format from the suffix
    export("all.nt", graph="output/graph.trig", fmt="nt")

A writer turns a graph into bytes, the same bytes for the same graph whatever the order
the triples arrived in. Graph formats (ttl, nt, jsonld) receive the union of every
document's triples as one rdflib Graph; dataset formats (trig, nq) receive an rdflib
Dataset with one named graph per document.

Adding a format is one call, from any module that kg.export imports at its end (so that
`kg export --format NAME` and its --help know it):

    from kg.export import ExportFormat, register
    register(ExportFormat("graphml", ".graphml", "GraphML for Gephi, yEd, networkx", write_graphml))

where `write_graphml(graph: rdflib.Graph, base: str) -> bytes`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF

from kg.errors import UsageError
from kg.paths import display
from kg.rdf import serialize
from kg.rdf.graph import bind_prefixes
from kg.rdf.namespace import DEFAULT_BASE, KG
from kg.store.graphio import DEFAULT_GRAPH, load_dataset
from kg.util.fsutil import atomic_write


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    about: str  # one line for --help
    write: Callable[[Graph, str], bytes]  # (graph or dataset, base IRI) -> bytes, deterministic
    dataset: bool = False  # True: gets the named graphs (a Dataset), not their union


FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> ExportFormat:
    """Make `fmt` available to `export` and to `kg export --format`."""
    FORMATS[fmt.name] = fmt
    return fmt


register(ExportFormat("ttl", ".ttl", "Turtle, every document's triples together", lambda g, b: serialize.turtle(g, b)))
register(ExportFormat("trig", ".trig", "TriG, one named graph per document", serialize.trig, dataset=True))
register(ExportFormat("nt", ".nt", "N-Triples, one triple a line, sorted", lambda g, b: serialize.ntriples(g)))
register(
    ExportFormat(
        "nq", ".nq", "N-Quads, one named graph per document, sorted", lambda d, b: serialize.nquads(d), dataset=True
    )
)
register(ExportFormat("jsonld", ".jsonld", "JSON-LD, one object per resource, sorted", serialize.jsonld))


def _graphml(graph: Graph, base: str) -> bytes:
    from kg.viz.export import to_graphml  # networkx, only when asked for

    return to_graphml(graph)


def _gexf(graph: Graph, base: str) -> bytes:
    from kg.viz.export import to_gexf

    return to_gexf(graph)


register(ExportFormat("graphml", ".graphml", "GraphML of the drawn graph, for Gephi, yEd, Cytoscape", _graphml))
register(ExportFormat("gexf", ".gexf", "GEXF of the drawn graph, with Gephi colours and sizes", _gexf))


def choose_format(out: str | Path, fmt: str | None) -> ExportFormat:
    """The format asked for, or the one the output file's suffix names."""
    if fmt is None:
        suffix = Path(out).suffix.lower()
        by_suffix = {f.suffix: f for f in FORMATS.values()}
        if suffix not in by_suffix:
            raise UsageError(
                f"{display(out)}: cannot tell the format from the name; give --format ({', '.join(FORMATS)})"
            )
        return by_suffix[suffix]
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt}: unknown; use one of {', '.join(FORMATS)}")
    return FORMATS[fmt]


def export(
    out: str | Path, graph: str | Path | None = None, store: str | Path | None = None, fmt: str | None = None
) -> Path:
    """Write the graph (a file, default output/graph.ttl, or a store folder) to `out`, atomically."""
    chosen = choose_format(out, fmt)
    if graph is not None and store is not None:
        raise UsageError("give --graph FILE or --store DIR, not both")
    dataset = _store_dataset(store) if store is not None else _as_dataset(load_dataset(graph or DEFAULT_GRAPH))
    base = infer_base(dataset)
    data = dataset if chosen.dataset else union(dataset, base)
    return atomic_write(out, chosen.write(data, base))


def union(dataset: Dataset, base: str) -> Graph:
    """Every triple of every graph once; blank nodes (kg writes none) relabelled canonically so
    that the same graph always gives the same labels."""
    graph = bind_prefixes(Graph(), base)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        graph = bind_prefixes(to_canonical_graph(graph), base)
    return graph


def infer_base(dataset: Dataset) -> str:
    """The IRI prefix of the resources kg minted: the file's kgr: prefix, else the part of a
    document's IRI before doc-, else kg's default."""
    for prefix, ns in dataset.namespaces():
        if prefix == "kgr":
            return str(ns)
    documents = sorted(str(s) for s in dataset.subjects(RDF.type, KG.Document) if isinstance(s, URIRef))
    for iri in documents:
        match = re.match(r"^(.*[/#])doc-[^/#]*$", iri)
        if match:
            return match[1]
    return DEFAULT_BASE


def _as_dataset(loaded: Graph | Dataset) -> Dataset:
    if isinstance(loaded, Dataset):
        return loaded
    dataset = Dataset()
    for prefix, ns in loaded.namespaces():
        dataset.bind(prefix, ns, override=True)
    default = dataset.default_graph
    for triple in loaded:
        default.add(triple)
    return dataset


def _store_dataset(store: str | Path) -> Dataset:
    import pyoxigraph as ox

    from kg.store.embedded import open_read_only
    from kg.store.oxigraph import from_ox

    dataset = Dataset()
    graphs: dict = {}
    with open_read_only(store) as reader:
        for quad in reader.db.quads_for_pattern(None, None, None, None):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                continue  # the store's union of the named graphs, which `union` rebuilds from them
            if quad.graph_name not in graphs:
                graphs[quad.graph_name] = dataset.graph(from_ox(quad.graph_name))
            graphs[quad.graph_name].add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return dataset
