"""Deterministic serialisations: the same graph gives the same bytes, whatever the
insertion order or PYTHONHASHSEED. All four are written by `kg.rdf.turtle`, which sorts
everything and refuses a term no RDF file can hold instead of writing a file that other
parsers reject."""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from kg.rdf import turtle as writer
from kg.rdf.graph import kg_prefixes

_DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")


def turtle(graph: Graph) -> bytes:
    return writer.turtle(graph, graph.namespaces()).encode("utf-8")


def ntriples(graph: Graph) -> bytes:
    return writer.ntriples(graph).encode("utf-8")


def trig(dataset: Dataset, base: str) -> bytes:
    """One block per named graph, graphs sorted by IRI, each body sorted as in Turtle."""
    names = sorted(
        g.identifier
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and g.identifier != _DEFAULT_GRAPH and len(g)
    )
    return writer.trig(((name, dataset.graph(name)) for name in names), kg_prefixes(base)).encode("utf-8")


def nquads(dataset: Dataset) -> bytes:
    quads = ((s, p, o, None if g == _DEFAULT_GRAPH else g) for s, p, o, g in dataset.quads((None, None, None, None)))
    return writer.nquads(quads).encode("utf-8")
