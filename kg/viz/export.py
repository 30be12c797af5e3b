"""GraphML and GEXF, for Gephi, Cytoscape, yEd and other graph tools.

    from kg.viz.export import to_graphml, to_gexf
    Path("graph.graphml").write_bytes(to_graphml(graph))

Both write the graph kg viz draws: actors, places and events as nodes (id = IRI) with
their label, class, kind, aliases and, for events, time, trigger, evidence and source;
roles and relations as edges with their property, evidence and source. GEXF also carries
each node's colour and size as Gephi's viz attributes. The same graph gives the same bytes:
nodes and edges are written in sorted order and no timestamp is recorded.
"""

from __future__ import annotations

import math
import re
from io import BytesIO

import networkx as nx
from rdflib import Graph

from kg.viz.projection import Source, project
from kg.viz.style import style

# XML 1.0 cannot carry most control characters, not even escaped; they become U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ALIAS_SEPARATOR = " | "


def to_graphml(graph: Graph) -> bytes:
    """The drawn graph as GraphML (UTF-8)."""
    flat = _flat(graph)
    out = BytesIO()
    nx.write_graphml_xml(flat, out, encoding="utf-8", prettyprint=True)
    return out.getvalue()


def to_gexf(graph: Graph) -> bytes:
    """The drawn graph as GEXF 1.2 (UTF-8), with Gephi colours and sizes."""
    flat = _flat(graph)
    top = max((d for _, d in flat.degree()), default=0) or 1
    for node, attrs in flat.nodes(data=True):
        red, green, blue = _rgb(style(attrs["class"]).colour)
        size = round(10 + 22 * math.sqrt(flat.degree(node) / top), 1)
        attrs["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}, "size": size}
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    # networkx stamps today's date here, which would make two exports of one graph differ.
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = "kg"
    writer.add_graph(flat)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _flat(graph: Graph) -> nx.MultiDiGraph:
    """The projection with every attribute a plain string, as both formats require."""
    net = project(graph)
    flat = nx.MultiDiGraph()
    for node in sorted(net):
        a = net.nodes[node]
        attrs = {
            "label": a["label"],
            "class": a["cls"],
            "kind": a["kind"],
            "aliases": ALIAS_SEPARATOR.join(a["aliases"]),
            "sources": ALIAS_SEPARATOR.join(s.title for s in a["sources"]),
        }
        if a["kind"] == "Event":
            attrs.update(time=a["time"], trigger=a["trigger"], evidence=a["evidence"])
        flat.add_node(_xml(node), **{k: _xml(v) for k, v in attrs.items()})
    for source, target, prop, a in sorted(net.edges(keys=True, data=True), key=lambda e: e[:3]):
        attrs = {"label": prop, "kind": a["kind"], "evidence": a["evidence"], "source": _title(a["source"])}
        flat.add_edge(_xml(source), _xml(target), key=prop, **{k: _xml(v) for k, v in attrs.items()})
    return flat


def _title(source: Source | None) -> str:
    return "" if source is None else source.title


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
