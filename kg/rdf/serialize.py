"""Deterministic serialisations: the same graph gives the same bytes, whatever the
insertion order or PYTHONHASHSEED. Turtle, TriG, N-Triples and N-Quads are written by
`kg.rdf.turtle`, which sorts everything and refuses a term no RDF file can hold instead of
writing a file that other parsers reject; its Turtle and TriG are the same bytes whether a
build streams them from disk or a graph in memory is written. JSON-LD is assembled here in
sorted order, its terms checked the same way."""

from __future__ import annotations

import io
import json

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.rdf import turtle as writer
from kg.rdf.graph import kg_prefixes
from kg.rdf.namespace import DEFAULT_BASE

_DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")


def turtle(graph: Graph, base: str | None = None) -> bytes:
    """The graph in kg's Turtle layout; `base` names the kgr: prefix (default: the graph's own kgr binding)."""
    terms = writer.TurtleTerms(base or _bound_base(graph))
    out = io.StringIO()
    out.write(terms.header())
    writer.write_graph(out, terms, writer.TermWriter().triples(graph))
    return out.getvalue().encode("utf-8")


def _bound_base(graph: Graph) -> str:
    for prefix, namespace in graph.namespaces():
        if prefix == "kgr":
            return str(namespace)
    return DEFAULT_BASE


def ntriples(graph: Graph) -> bytes:
    return writer.ntriples(graph).encode("utf-8")


def trig(dataset: Dataset, base: str) -> bytes:
    """One block per named graph, graphs sorted by IRI, each in kg's Turtle layout; triples in
    no named graph (a Turtle file's, say) come first in an unnamed block."""
    names = sorted(
        g.identifier
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and g.identifier != _DEFAULT_GRAPH and len(g)
    )
    terms = writer.TurtleTerms(base)
    checked = writer.TermWriter()
    out = io.StringIO()
    out.write(terms.header())
    if len(dataset.graph(_DEFAULT_GRAPH)):
        writer.write_named_graph(out, terms, None, checked.triples(dataset.graph(_DEFAULT_GRAPH)))
    for name in names:
        writer.write_named_graph(out, terms, checked.iri(name), checked.triples(dataset.graph(name)))
    return out.getvalue().encode("utf-8")


def nquads(dataset: Dataset) -> bytes:
    quads = ((s, p, o, None if g == _DEFAULT_GRAPH else g) for s, p, o, g in dataset.quads((None, None, None, None)))
    return writer.nquads(quads).encode("utf-8")


def jsonld(graph: Graph, base: str) -> bytes:
    """Compact JSON-LD: one object per subject, sorted by IRI, with sorted properties and values.

    Literals keep their lexical form and datatype ({"@value": "2014", "@type": "xsd:gYear"}),
    so that a round trip through any JSON-LD reader gives back the same triples; a term no
    RDF file can hold is refused (DataError), as the other writers refuse it.
    """
    terms = writer.TermWriter()  # every term checked as for N-Triples: no invalid IRI, no lone surrogate
    schemes = set()
    for triple in graph:
        for term in triple:
            terms.term(term)
            iri = term.datatype if isinstance(term, Literal) else term
            if isinstance(iri, URIRef):
                schemes.add(str(iri).split(":", 1)[0])
    # A reader expands "kg:x" through the context even when it was written as the absolute IRI
    # <kg:x>: a prefix that is also the scheme of an IRI in the graph is left out of the context.
    context = {prefix: ns for prefix, ns in sorted(kg_prefixes(base)) if prefix not in schemes}
    namespaces = sorted(context.items(), key=lambda kv: -len(kv[1]))
    blanks = {
        b: f"_:b{i}" for i, b in enumerate(sorted({t for triple in graph for t in triple if isinstance(t, BNode)}))
    }

    def compact(iri: URIRef) -> str:
        text = str(iri)
        for prefix, ns in namespaces:
            local = text[len(ns) :]
            if text.startswith(ns) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return text

    def node_id(term) -> str:
        # Labels are renumbered: an rdflib label need not be one a JSON-LD reader keeps.
        return blanks[term] if isinstance(term, BNode) else compact(term)

    def value(term):
        if isinstance(term, Literal):
            if term.language:
                return {"@value": str(term), "@language": term.language}
            if term.datatype is not None:
                return {"@value": str(term), "@type": compact(term.datatype)}
            return str(term)
        return {"@id": node_id(term)}

    nodes: dict = {}
    for s, p, o in graph:
        node = nodes.setdefault(s, {})
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(node_id(o))
        else:
            node.setdefault(compact(p), []).append(value(o))
    objects = []
    for subject in sorted(nodes, key=lambda t: (isinstance(t, BNode), str(t))):
        body = {"@id": node_id(subject)}
        for key in sorted(nodes[subject]):
            body[key] = sorted(nodes[subject][key], key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        objects.append(body)
    document = {"@context": context, "@graph": objects}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
