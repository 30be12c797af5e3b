"""An interactive page of the graph: pyvis over a networkx projection, working offline.

Actors and places are nodes coloured by class; events are nodes linked to their agent,
patient and place. Text from articles reaches the page as text: every label and tooltip
is passed to vis.js as a plain string, which it renders with textContent.
"""

from __future__ import annotations

import html
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.fsutil import atomic_write
from kg.rdf.namespace import KG

COLOURS = {
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "ArmedGroup": "#b07aa1",
    "Government": "#59a14f",
    "Group": "#f28e2b",
    "City": "#76b7b2",
    "Country": "#9c755f",
    "Region": "#bab0ac",
    "Facility": "#edc948",
    "Event": "#ff9da7",
}
ROLES = ("agent", "patient", "place")


def _local(iri) -> str:
    text = str(iri)
    return text.split("#")[-1] if "#" in text else text.rsplit("/", 1)[-1]


def project(graph: Graph) -> nx.MultiDiGraph:
    """Entities and events as nodes; roles and relations as labelled edges."""
    net = nx.MultiDiGraph()
    kinds = {}
    for s, o in graph.subject_objects(RDF.type):
        name = _local(o)
        if isinstance(s, URIRef) and str(o).startswith(str(KG)) and name not in ("Document", "Assertion", "Quantity"):
            kinds.setdefault(s, name)
    events = {s for s in kinds if (s, KG.trigger, None) in graph}
    for node, kind in kinds.items():
        label = str(graph.value(node, RDFS.label) or _local(node))
        net.add_node(str(node), label=label, kind="Event" if node in events else kind, cls=kind)
    for event in events:
        for role in ROLES:
            for target in graph.objects(event, KG[role]):
                if target in kinds:
                    net.add_edge(str(event), str(target), label=role)
    for prop in (
        "memberOf",
        "hasMember",
        "locatedIn",
        "partOf",
        "capitalOf",
        "controls",
        "supports",
        "alliedWith",
        "opposes",
        "leaderOf",
    ):
        for s, o in graph.subject_objects(KG[prop]):
            if s in kinds and o in kinds:
                net.add_edge(str(s), str(o), label=prop)
    return net


def render(graph: Graph, out: str | Path, heading: str = "kg graph") -> Path:
    from pyvis.network import Network

    net = project(graph)
    page = Network(height="90vh", width="100%", directed=True, cdn_resources="in_line", heading=html.escape(heading))
    for node, data in net.nodes(data=True):
        page.add_node(
            node,
            label=data["label"][:60],
            color=COLOURS.get(data["kind"], "#cccccc"),
            title=f"{data['cls']}: {data['label']}",
            shape="dot" if data["kind"] != "Event" else "diamond",
            size=10 + 3 * min(net.degree(node), 10),
        )
    for s, o, data in net.edges(data=True):
        page.add_edge(s, o, title=data["label"], label=data["label"])
    return atomic_write(out, page.generate_html())
