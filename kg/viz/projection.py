"""The RDF graph as a networkx graph a person can look at: things as nodes, links as edges.

Actors, places and events become nodes (an event is a node of its own, linked to its
agent, patient and place); relations between entities become edges. Every node and edge
keeps the text a reader needs to trust it: labels, aliases, and for events and relations
the evidence sentence and the article it came from. Documents, assertions and quantities
are not drawn; what they say is folded into the nodes and edges they describe.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, SKOS

from kg.rdf.namespace import KG, KG_IRI
from kg.viz.style import style
from kg.viz.timespan import span

ROLES = ("agent", "patient", "place")


@dataclass(frozen=True)
class Source:
    """The article a fact was read from, as a reader would name it."""

    title: str
    ref: str
    published: str


def project(graph: Graph) -> nx.MultiDiGraph:
    """Actors, places and events as nodes keyed by IRI; roles and relations as edges keyed by property."""
    net = nx.MultiDiGraph()
    sources = _sources(graph)
    kinds = _classes(graph)
    for node in sorted(kinds):
        cls = kinds[node]
        drawn = style(cls)
        assert drawn is not None
        aliases = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)})
        label = _text(graph.value(node, RDFS.label)) or (aliases[0] if aliases else _tail(node))
        docs = sorted({sources[d] for d in graph.objects(node, PROV.wasDerivedFrom) if d in sources}, key=_source_key)
        attrs = {
            "iri": str(node),
            "label": label,
            "cls": cls,
            "kind": drawn.kind,
            "aliases": [a for a in aliases if a != label],
            "sources": docs,
        }
        if drawn.kind == "Event":
            time = _text(graph.value(node, KG.time))
            attrs.update(
                trigger=_text(graph.value(node, KG.trigger)),
                time=time,
                span=span(time),
                evidence=_text(_first(graph.objects(node, KG.evidence))),
                confidence=_text(graph.value(node, KG.confidence)),
            )
        net.add_node(str(node), **attrs)
    evidence = _assertion_evidence(graph, sources)
    for s, p, o in sorted(graph.triples((None, None, None))):
        if s not in kinds or o not in kinds or not str(p).startswith(KG_IRI):
            continue
        name = str(p)[len(KG_IRI) :]
        if name in ROLES or name == "content":
            # An event's roles and reported content were all read from the event's own sentence.
            event = net.nodes[str(s)]
            said, source = event.get("evidence", ""), (event["sources"] or [None])[0]
            kind = "role" if name in ROLES else "content"
        else:
            said, source = evidence.get((s, p, o), ("", None))
            kind = "relation"
        net.add_edge(str(s), str(o), key=name, prop=name, kind=kind, evidence=said, source=source)
    return net


def collapsed_edges(net: nx.MultiDiGraph) -> list[tuple[str, str, dict]]:
    """Each event as labelled edges from its agents to its patients (or, lacking those, its places)."""
    out = []
    for event, attrs in net.nodes(data=True):
        if attrs["kind"] != "Event":
            continue
        by_role: dict[str, list[str]] = {role: [] for role in ROLES}
        for _, target, prop in net.out_edges(event, keys=True):
            if prop in by_role:
                by_role[prop].append(target)
        targets = sorted(set(by_role["patient"] or by_role["place"]))
        for agent in sorted(set(by_role["agent"])):
            for target in targets:
                if target != agent:
                    out.append((agent, target, {"event": event}))
    return out


def _classes(graph: Graph) -> dict[URIRef, str]:
    """The most specific drawable kg class of each resource that has one."""
    found: dict[URIRef, tuple[int, str]] = {}
    for s, o in graph.subject_objects(RDF.type):
        if not isinstance(s, URIRef) or not str(o).startswith(KG_IRI):
            continue
        drawn = style(str(o)[len(KG_IRI) :])
        if drawn is None:
            continue
        rank = (-drawn.depth, drawn.name)
        if s not in found or rank < found[s]:
            found[s] = rank
    return {s: rank[1] for s, rank in found.items()}


def _sources(graph: Graph) -> dict[URIRef, Source]:
    out = {}
    for doc in graph.subjects(RDF.type, KG.Document):
        if isinstance(doc, URIRef):
            ref = _text(graph.value(doc, SDO.url)) or _text(graph.value(doc, KG.source)) or str(doc)
            title = _text(graph.value(doc, RDFS.label)) or ref
            out[doc] = Source(title, ref, _text(graph.value(doc, KG.published)))
    return out


def _assertion_evidence(graph: Graph, sources: dict[URIRef, Source]) -> dict[tuple, tuple[str, Source | None]]:
    """(subject, predicate, object) -> the first sentence (in text order) that states it, and its article."""
    out: dict[tuple, tuple[str, Source | None]] = {}
    for node in sorted(graph.subjects(RDF.type, KG.Assertion)):
        key = (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object))
        said = _text(_first(graph.objects(node, KG.evidence)))
        source = sources.get(graph.value(node, PROV.wasDerivedFrom))
        if key not in out or (said, _source_key(source)) < (out[key][0], _source_key(out[key][1])):
            out[key] = (said, source)
    return out


def _source_key(source: Source | None) -> tuple:
    return ("", "", "") if source is None else (source.title, source.ref, source.published)


def _first(values) -> Literal | None:
    found = sorted(values)
    return found[0] if found else None


def _text(value) -> str:
    return "" if value is None else str(value)


def _tail(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]
