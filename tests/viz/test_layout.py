import itertools
import random

import networkx as nx

from kg.viz.layout import SPACING, static_layout


def news_like_graph(seed: int, actors: int = 300, events: int = 700) -> nx.Graph:
    """Events linking one or two actors, most of them among a few well-known actors."""
    rng = random.Random(seed)
    graph = nx.Graph()
    names = [f"actor-{i}" for i in range(actors)]
    graph.add_nodes_from(names)
    for i in range(events):
        graph.add_edge(f"event-{i}", rng.choice(names[:30]) if rng.random() < 0.6 else rng.choice(names))
        if rng.random() < 0.7:
            graph.add_edge(f"event-{i}", rng.choice(names))
    return graph


def test_every_node_gets_a_position_and_the_same_graph_the_same_positions():
    graph = news_like_graph(1)
    first = static_layout(graph)
    assert set(first) == set(graph)
    shuffled = nx.Graph()
    nodes = list(graph)
    random.Random(5).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(reversed(list(graph.edges())))
    assert static_layout(shuffled) == first


def test_nodes_are_spread_out_and_neighbours_stay_close():
    graph = news_like_graph(2)
    pos = static_layout(graph)
    distinct = {p for p in pos.values()}
    assert len(distinct) > 0.95 * len(pos), "nodes piled on top of each other"
    edge_lengths = sorted(_distance(pos[u], pos[v]) for u, v in graph.edges())
    pairs = random.Random(3).sample(list(itertools.combinations(sorted(pos), 2)), 2000)
    pair_lengths = sorted(_distance(pos[u], pos[v]) for u, v in pairs)
    assert edge_lengths[len(edge_lengths) // 2] * 3 < pair_lengths[len(pair_lengths) // 2]


def test_components_do_not_overlap():
    graph = nx.disjoint_union_all([nx.path_graph(6), nx.star_graph(8), nx.cycle_graph(5)])
    graph.add_node("alone")
    graph = nx.relabel_nodes(graph, str)
    pos = static_layout(graph)
    boxes = []
    for members in nx.connected_components(graph):
        xs, ys = zip(*(pos[n] for n in members), strict=True)
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for a, b in itertools.combinations(boxes, 2):
        apart = a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]
        assert apart, (a, b)
    assert all(_distance(pos[u], pos[v]) < 4 * SPACING for u, v in graph.edges())


def _distance(p, q) -> float:
    return ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5
