"""From an RDF graph to a page file: project, select, lay out, describe, render, write.

from kg.viz import render
result = render(graph, "output/graph.html", focus="Islamic State", depth=2)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.errors import UsageError
from kg.util.fsutil import atomic_write
from kg.viz import DEFAULT_MAX_NODES, STATIC_LAYOUT_THRESHOLD, select
from kg.viz.page import render_html
from kg.viz.projection import Source, collapsed_edges, project
from kg.viz.style import known_classes, style
from kg.viz.timespan import bound

# Past this many edges, edge labels are left to tooltips: thousands of labels make the canvas unreadable.
EDGE_LABEL_LIMIT = 300
LAYOUTS = ("auto", "physics", "static")
LABEL_LENGTH = 40
MAX_SOURCES = 5


@dataclass(frozen=True)
class VizResult:
    """What `render` drew: the file, what is on it, and how much was left out."""

    path: Path
    nodes: int
    edges: int
    available: int
    layout: str


def render(
    graph: Graph,
    out: str | Path,
    *,
    heading: str = "kg graph",
    focus: str | None = None,
    depth: int = 2,
    classes: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    layout: str = "auto",
) -> VizResult:
    """Write the page for `graph` to `out` (atomically, UTF-8) and say what is on it."""
    html, result = render_page(
        graph,
        heading=heading,
        focus=focus,
        depth=depth,
        classes=classes,
        since=since,
        until=until,
        max_nodes=max_nodes,
        layout=layout,
    )
    path = atomic_write(out, html.encode("utf-8"))
    return VizResult(path, result.nodes, result.edges, result.available, result.layout)


def render_page(graph: Graph, *, heading: str = "kg graph", layout: str = "auto", **choices) -> tuple[str, VizResult]:
    """The page as text, without writing it."""
    if layout not in LAYOUTS:
        raise UsageError(f"--layout {layout!r}: use one of {', '.join(LAYOUTS)}")
    net, available = choose(project(graph), **choices)
    static = layout == "static" or (layout == "auto" and net.number_of_nodes() > STATIC_LAYOUT_THRESHOLD)
    data, options = describe(net, static=static, available=available)
    html = render_html(heading, data, options)
    drawn = VizResult(Path(), len(data["nodes"]), len(data["edges"]), available, "static" if static else "physics")
    return html, drawn


def choose(
    net: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 2,
    classes: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> tuple[nx.MultiDiGraph, int]:
    """The part of the graph to draw, and how many nodes there were to choose from before --max-nodes."""
    start, end = bound("--since", since, end=False), bound("--until", until, end=True)
    if start and end and start > end:
        raise UsageError(f"--since {since} is after --until {until}; swap them")
    wanted = select.expand_classes(classes) if classes else None
    net = select.by_time(net, start, end)
    centres: list[str] = []
    if focus is not None:
        centres = select.find(net, focus)
        net = select.around(net, centres, depth)
    if wanted is not None:
        net = select.by_class(net, wanted, keep=centres)
    available = net.number_of_nodes()
    return select.limit(net, max_nodes, centres), available


def describe(net: nx.MultiDiGraph, *, static: bool, available: int) -> tuple[dict, dict]:
    """The page's data (nodes, edges, legend, summary) and vis.js options."""
    from kg.viz.layout import static_layout

    order = sorted(net)
    ids = {node: i for i, node in enumerate(order)}
    simple = nx.Graph(net.to_undirected(as_view=True))
    degree = dict(simple.degree())
    top = max(degree.values(), default=0) or 1
    positions = static_layout(net) if static else {}
    nodes = []
    for node in order:
        attrs = net.nodes[node]
        drawn = style(attrs["cls"])
        item = {
            "id": ids[node],
            "label": _short(attrs["label"]),
            "cls": attrs["cls"],
            "kind": attrs["kind"],
            "color": drawn.colour,
            "shape": drawn.shape,
            # Importance by degree, on a square-root scale so hubs stand out without swamping.
            "size": round(10 + 22 * math.sqrt(degree[node] / top), 1),
            "names": [attrs["label"], *attrs["aliases"]],
            "info": _node_info(attrs, degree[node]),
        }
        if attrs["kind"] == "Event" and attrs["span"]:
            item["t0"], item["t1"] = attrs["span"]
        if node in positions:
            item["x"], item["y"] = positions[node]
        nodes.append(item)
    edges = []
    show_labels = net.number_of_edges() <= EDGE_LABEL_LIMIT
    for source, target, prop, attrs in sorted(net.edges(keys=True, data=True)):
        edge = {"id": len(edges), "from": ids[source], "to": ids[target], "kind": attrs["kind"], "prop": prop}
        edge["info"] = {"label": prop, "evidence": attrs["evidence"], "sources": _sources([attrs["source"]])}
        if show_labels:
            edge["label"] = prop
        edges.append(edge)
    for agent, target, attrs in collapsed_edges(net):
        event = net.nodes[attrs["event"]]
        edge = {
            "id": len(edges),
            "from": ids[agent],
            "to": ids[target],
            "kind": "collapsed",
            "event": ids[attrs["event"]],
            "info": {"label": event["label"], "evidence": event["evidence"], "sources": _sources(event["sources"])},
        }
        if show_labels:
            edge["label"] = _short(event["label"])
        edges.append(edge)
    counts = Counter(net.nodes[n]["cls"] for n in order)
    legend = [
        {"name": c, "kind": style(c).kind, "color": style(c).colour, "shape": style(c).shape, "count": counts[c]}
        for c in known_classes()
        if counts[c]
    ]
    data = {
        "nodes": nodes,
        "edges": edges,
        "classes": legend,
        "summary": {"nodes": len(nodes), "available": available, "layout": "static" if static else "physics"},
    }
    return data, _options(static, len(nodes))


def _node_info(attrs: dict, links: int) -> dict:
    info = {"label": attrs["label"], "cls": attrs["cls"], "aliases": attrs["aliases"], "links": links}
    info["sources"] = _sources(attrs["sources"])
    info["more_sources"] = max(0, len(attrs["sources"]) - MAX_SOURCES)
    if attrs["kind"] == "Event":
        info.update(trigger=attrs["trigger"], time=attrs["time"], evidence=attrs["evidence"])
    return info


def _sources(sources: list[Source | None]) -> list[dict]:
    return [{"title": s.title, "ref": s.ref, "published": s.published} for s in sources[:MAX_SOURCES] if s is not None]


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def _options(static: bool, count: int) -> dict:
    options = {
        "autoResize": True,
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif", "color": "#222222"}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa0a6", "highlight": "#333333", "hover": "#333333", "inherit": False},
            "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 3},
            "smooth": False if static else {"enabled": True, "type": "dynamic"},
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": count > 1000, "multiselect": False},
        "layout": {"improvedLayout": not static and count <= 150, "randomSeed": 7},
    }
    if static:
        options["physics"] = {"enabled": False}
    else:
        # Settle once, then stop: physics that keeps running makes a graph impossible to read.
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True},
        }
    return options
