"""Deterministic serialisations: the same graph gives the same bytes, whatever the
insertion order or PYTHONHASHSEED. rdflib's Turtle writer already sorts; TriG, N-Triples
and N-Quads are assembled here in sorted order."""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from kg.rdf.graph import bind_prefixes

_DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")


def turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


def ntriples(graph: Graph) -> bytes:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.split("\n") if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def trig(dataset: Dataset, base: str) -> bytes:
    """One block per named graph, graphs sorted by IRI, each body in rdflib's sorted Turtle."""
    names = sorted(
        g.identifier
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and g.identifier != _DEFAULT_GRAPH and len(g)
    )
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
        blocks.append(f"<{name}> {{\n{body}\n}}\n")
    out = "\n".join(prefixes or []) + "\n\n" + "\n".join(blocks)
    return out.encode("utf-8")


def nquads(dataset: Dataset) -> bytes:
    text = dataset.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.split("\n") if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
