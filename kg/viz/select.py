"""Cut the projected graph down to what a person asked to see: a time range, the neighbourhood
of one actor, some classes, at most N nodes.

The steps run in that order. The neighbourhood is taken before classes are dropped, so
`--focus X --depth 2 --classes Actor` shows the actors that share an event with X even
though the events themselves are not drawn.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import networkx as nx

from kg.errors import UsageError
from kg.viz.style import known_classes, subclasses
from kg.viz.timespan import overlaps


def expand_classes(names: Iterable[str]) -> set[str]:
    """Class names as written (any case; a superclass stands for its subclasses) -> kg class names."""
    known = {c.casefold(): c for c in known_classes()}
    chosen: set[str] = set()
    for raw in names:
        for name in (part.strip() for part in raw.split(",")):
            if not name:
                continue
            if name.casefold() not in known:
                raise UsageError(f"--classes: unknown class {name!r}; use some of {', '.join(known_classes())}")
            chosen |= subclasses(known[name.casefold()])
    return chosen


def find(net: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose label or any alias is `name` (ignoring case), or a usage error with close names."""
    wanted = name.strip().casefold()
    hits = [n for n, a in net.nodes(data=True) if wanted in {x.casefold() for x in [a["label"], *a["aliases"]]}]
    if hits:
        return sorted(hits)
    names = sorted({x for _, a in net.nodes(data=True) for x in [a["label"], *a["aliases"]]})
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else "; check the spelling or run `kg stats`"
    raise UsageError(f"--focus {name!r}: no node has that label or alias{hint}")


def by_time(net: nx.MultiDiGraph, since: str | None, until: str | None) -> nx.MultiDiGraph:
    """Events whose time meets [since, until] (undated events are left out), and what still links to them.

    Entities stay when something in range still links to them; relations between entities
    carry no time and stay with them.
    """
    if since is None and until is None:
        return net
    dropped = {n for n, a in net.nodes(data=True) if a["kind"] == "Event" and not overlaps(a["span"], since, until)}
    kept = net.subgraph(n for n in net if n not in dropped)
    linked = {n for n in kept if kept.degree(n) > 0}
    return net.subgraph(linked).copy()


def around(net: nx.MultiDiGraph, centres: list[str], depth: int) -> nx.MultiDiGraph:
    """Everything within `depth` links of the centres, whichever way the links point."""
    if depth < 0:
        raise UsageError(f"--depth {depth}: use 0 or more")
    near = _distances(net, centres)
    return net.subgraph(n for n, d in near.items() if d <= depth).copy()


def by_class(net: nx.MultiDiGraph, classes: set[str], keep: Iterable[str] = ()) -> nx.MultiDiGraph:
    """Nodes of the chosen classes, plus `keep` (the focus stays even when its class is not chosen)."""
    keep = set(keep)
    return net.subgraph(n for n, a in net.nodes(data=True) if a["cls"] in classes or n in keep).copy()


def limit(net: nx.MultiDiGraph, max_nodes: int, centres: list[str] = ()) -> nx.MultiDiGraph:
    """At most `max_nodes` nodes: nearest the centres first when there are some, then the best linked."""
    if max_nodes < 1:
        raise UsageError(f"--max-nodes {max_nodes}: use 1 or more")
    if net.number_of_nodes() <= max_nodes:
        return net
    near = _distances(net, list(centres)) if centres else {}
    far = net.number_of_nodes() + 1
    ranked = sorted(net, key=lambda n: (near.get(n, far), -net.degree(n), net.nodes[n]["label"], n))
    return net.subgraph(ranked[:max_nodes]).copy()


def _distances(net: nx.MultiDiGraph, centres: list[str]) -> dict[str, int]:
    return nx.multi_source_dijkstra_path_length(net.to_undirected(as_view=True), set(centres), weight=lambda *_: 1)
