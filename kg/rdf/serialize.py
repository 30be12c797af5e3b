"""Deterministic serialisations: the same graph gives the same bytes, whatever the
insertion order or PYTHONHASHSEED. rdflib's Turtle writer already sorts; TriG, N-Triples,
N-Quads and JSON-LD are assembled here in sorted order."""

from __future__ import annotations

import json

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.rdf.graph import bind_prefixes, kg_prefixes

_DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")


def turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


def ntriples(graph: Graph) -> bytes:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.split("\n") if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def trig(dataset: Dataset, base: str) -> bytes:
    """One block per named graph, graphs sorted by IRI, each body in rdflib's sorted Turtle;
    triples in no named graph (a Turtle file's, say) come first in an unnamed block."""
    names = sorted(
        g.identifier
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and g.identifier != _DEFAULT_GRAPH and len(g)
    )
    if len(dataset.graph(_DEFAULT_GRAPH)):
        names.insert(0, _DEFAULT_GRAPH)
    prefixes = None
    blocks = []
    for name in names:
        graph = bind_prefixes(Graph(), base)
        for triple in dataset.graph(name):
            graph.add(triple)
        # split("\n"), not splitlines(): a literal may hold U+2028 and other line separators,
        # and lines are not re-indented, which would change the text of multi-line literals.
        lines = graph.serialize(format="turtle").split("\n")
        head = [line for line in lines if line.startswith("@prefix ")]
        body = "\n".join(lines[len(head) :]).strip("\n")
        prefixes = sorted(set(prefixes or []) | set(head))
        label = "" if name == _DEFAULT_GRAPH else f"<{name}> "
        blocks.append(f"{label}{{\n{body}\n}}\n")
    out = "\n".join(prefixes or []) + "\n\n" + "\n".join(blocks)
    return out.encode("utf-8")


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
