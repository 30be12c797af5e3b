"""Deterministic serialisations: the same graph gives the same bytes, whatever the
insertion order or PYTHONHASHSEED. Turtle and TriG are kg's own fixed layout
(kg.rdf.turtle), the same whether a build streams them from disk or a graph in memory is
written; N-Triples, N-Quads and JSON-LD are assembled here in sorted order."""

from __future__ import annotations

import io
import json

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.oxigraph import to_ox
from kg.rdf.graph import kg_prefixes
from kg.rdf.namespace import DEFAULT_BASE
from kg.rdf.turtle import TurtleTerms, write_graph, write_named_graph

_DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")


def turtle(graph: Graph, base: str | None = None) -> bytes:
    """The graph in kg's Turtle layout; `base` names the kgr: prefix (default: the graph's own kgr binding)."""
    terms = TurtleTerms(base or _bound_base(graph))
    out = io.StringIO()
    out.write(terms.header())
    write_graph(out, terms, _sorted_terms(graph))
    return out.getvalue().encode("utf-8")


def ntriples(graph: Graph) -> bytes:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.split("\n") if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def trig(dataset: Dataset, base: str) -> bytes:
    """One block per named graph, graphs sorted by IRI, each in kg's Turtle layout; triples in
    no named graph (a Turtle file's, say) come first in an unnamed block."""
    names = sorted(
        g.identifier
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and g.identifier != _DEFAULT_GRAPH and len(g)
    )
    terms = TurtleTerms(base)
    out = io.StringIO()
    out.write(terms.header())
    if len(dataset.graph(_DEFAULT_GRAPH)):
        write_named_graph(out, terms, None, _sorted_terms(dataset.graph(_DEFAULT_GRAPH)))
    for name in names:
        write_named_graph(out, terms, str(to_ox(name)), _sorted_terms(dataset.graph(name)))
    return out.getvalue().encode("utf-8")


def _sorted_terms(graph: Graph) -> list[tuple[str, str, str]]:
    """The triples as N-Triples terms, sorted: the order kg's Turtle writer takes them in."""
    return sorted((str(to_ox(s)), str(to_ox(p)), str(to_ox(o))) for s, p, o in graph)


def _bound_base(graph: Graph) -> str:
    for prefix, namespace in graph.namespaces():
        if prefix == "kgr":
            return str(namespace)
    return DEFAULT_BASE


def nquads(dataset: Dataset) -> bytes:
    text = dataset.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.split("\n") if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def jsonld(graph: Graph, base: str) -> bytes:
    """Compact JSON-LD: one object per subject, sorted by IRI, with sorted properties and values.

    Literals keep their lexical form and datatype ({"@value": "2014", "@type": "xsd:gYear"}),
    so that a round trip through any JSON-LD reader gives back the same triples.
    """
    context = dict(sorted(kg_prefixes(base)))
    namespaces = sorted(context.items(), key=lambda kv: -len(kv[1]))

    def compact(iri: URIRef) -> str:
        text = str(iri)
        for prefix, ns in namespaces:
            local = text[len(ns) :]
            if text.startswith(ns) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return text

    def node_id(term) -> str:
        return f"_:{term}" if isinstance(term, BNode) else compact(term)

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
