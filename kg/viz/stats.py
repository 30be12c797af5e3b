"""What is in a graph, at a glance: counts by class, the most central actors, communities
and connected components (networkx over the projection kg viz draws).

    from kg.viz.stats import graph_stats
    stats = graph_stats(graph)
    print(stats.to_text())

Centrality is degree centrality on the graph kg viz draws (events are nodes, so an actor's
score counts the events it takes part in and the relations it has), the same measure that
sizes nodes on the page. Communities are found on the entity network, where two actors or
places are linked when they share an event or a relation joins them. Components are
counted on the drawn graph. Everything is deterministic: same graph,
same numbers, same order.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from itertools import combinations

import networkx as nx
from rdflib import Graph
from rdflib.namespace import RDF

from kg.rdf.namespace import KG
from kg.viz.projection import project
from kg.viz.style import known_classes

TOP = 10
COMMUNITY_MEMBERS_SHOWN = 8


@dataclass
class GraphStats:
    triples: int = 0
    documents: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    central_actors: list[dict] = field(default_factory=list)
    communities: list[dict] = field(default_factory=list)
    community_count: int = 0
    components: dict = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def to_text(self) -> str:
        lines = [f"{self.triples} triples from {self.documents} document{'s' * (self.documents != 1)}"]
        for name, counts in (("entities", self.entities), ("events", self.events), ("relations", self.relations)):
            detail = ", ".join(f"{k} {v}" for k, v in counts.items())
            lines.append(f"  {name:<10} {sum(counts.values()):>6}" + (f"  ({detail})" if detail else ""))
        lines.append("")
        lines.append("Most central actors (degree centrality; events count as nodes):")
        if not self.central_actors:
            lines.append("  none: no actor is linked to anything")
        width = max((len(a["label"]) + len(a["class"]) for a in self.central_actors), default=0) + 3
        for rank, actor in enumerate(self.central_actors, 1):
            name = f"{actor['label']} ({actor['class']})"
            lines.append(
                f"  {rank:>2}. {name:<{width}} {actor['centrality']:.3f}  "
                f"{actor['links']} link{'s' * (actor['links'] != 1)}, {actor['events']} event{'s' * (actor['events'] != 1)}"
            )
        lines.append("")
        lines.append(f"Communities (Louvain, among linked entities): {self.community_count}")
        for rank, community in enumerate(self.communities, 1):
            more = community["size"] - len(community["members"])
            tail = f", and {more} more" if more else ""
            lines.append(f"  {rank:>2}. {community['size']} members: {', '.join(community['members'])}{tail}")
        c = self.components
        lines.append("")
        lines.append(
            f"Connected components: {c.get('count', 0)} (largest {c.get('largest', 0)} nodes; "
            f"{c.get('isolated', 0)} isolated nodes)"
        )
        if c.get("sizes"):
            lines.append(f"  sizes: {', '.join(str(s) for s in c['sizes'])}")
        return "\n".join(lines) + "\n"


def graph_stats(graph: Graph, top: int = TOP) -> GraphStats:
    """Counts, central actors, communities and components of `graph`."""
    net = project(graph)
    order = {name: i for i, name in enumerate(known_classes())}
    stats = GraphStats(triples=len(graph), documents=len(set(graph.subjects(RDF.type, KG.Document))))
    entity_classes = Counter(a["cls"] for _, a in net.nodes(data=True) if a["kind"] != "Event")
    event_classes = Counter(a["cls"] for _, a in net.nodes(data=True) if a["kind"] == "Event")
    stats.entities = _ranked(entity_classes, order)
    stats.events = _ranked(event_classes, order)
    relations = Counter(prop for _, _, prop, kind in net.edges(keys=True, data="kind") if kind == "relation")
    stats.relations = dict(sorted(relations.items(), key=lambda kv: (-kv[1], kv[0])))

    drawn = nx.Graph(net.to_undirected(as_view=True))
    centrality = nx.degree_centrality(drawn) if drawn.number_of_nodes() > 1 else {}
    events_of = Counter(target for _, target, kind in net.edges(data="kind") if kind == "role")
    actors = [n for n in drawn if net.nodes[n]["kind"] == "Actor" and drawn.degree(n) > 0]
    actors.sort(key=lambda n: (-centrality.get(n, 0.0), net.nodes[n]["label"], n))
    stats.central_actors = [
        {
            "label": net.nodes[n]["label"],
            "class": net.nodes[n]["cls"],
            "iri": n,
            "centrality": round(centrality.get(n, 0.0), 4),
            "links": drawn.degree(n),
            "events": events_of[n],
        }
        for n in actors[:top]
    ]

    entities = entity_network(net)
    linked = entities.subgraph(n for n in entities if entities.degree(n) > 0)
    found = nx.community.louvain_communities(linked, weight="weight", seed=0) if linked.number_of_nodes() else []
    ranked = sorted(
        (sorted(c, key=lambda n: (-linked.degree(n, weight="weight"), net.nodes[n]["label"], n)) for c in found),
        key=lambda members: (-len(members), net.nodes[members[0]]["label"]),
    )
    stats.community_count = len(ranked)
    stats.communities = [
        {"size": len(members), "members": [net.nodes[n]["label"] for n in members[:COMMUNITY_MEMBERS_SHOWN]]}
        for members in ranked[:top]
    ]

    sizes = sorted((len(c) for c in nx.weakly_connected_components(net)), reverse=True)
    stats.components = {
        "count": len(sizes),
        "largest": sizes[0] if sizes else 0,
        "isolated": sum(1 for n in net if net.degree(n) == 0),
        "sizes": sizes[:top],
    }
    return stats


def entity_network(net: nx.MultiDiGraph) -> nx.Graph:
    """Actors and places, linked (with a weight) for each event they share and each relation between them."""
    entities = nx.Graph()
    entities.add_nodes_from(sorted(n for n, a in net.nodes(data=True) if a["kind"] != "Event"))
    for event in sorted(n for n, a in net.nodes(data=True) if a["kind"] == "Event"):
        taking_part = sorted({t for _, t, kind in net.out_edges(event, data="kind") if kind == "role"})
        for a, b in combinations(taking_part, 2):
            _link(entities, a, b)
    for s, o, kind in net.edges(data="kind"):
        if kind == "relation" and s != o:
            _link(entities, s, o)
    return entities


def _link(graph: nx.Graph, a: str, b: str) -> None:
    if graph.has_edge(a, b):
        graph[a][b]["weight"] += 1
    else:
        graph.add_edge(a, b, weight=1)


def _ranked(counts: Counter, order: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order)), kv[0])))
