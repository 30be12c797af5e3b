"""A static layout computed in Python, for graphs too large to let the browser's physics settle.

vis.js physics on thousands of nodes keeps a page busy for minutes; positions computed
here let the page draw at once with physics off. The method is Fruchterman-Reingold in
numpy on the graph's core, with nodes of one link placed in a ring around their neighbour
and connected components packed side by side. Same graph, same positions: the starting
positions come from a seeded generator over nodes in sorted order.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

SPACING = 80.0  # pixels between neighbouring nodes, about vis.js's spring length
ITERATIONS = 60
_BLOCK = 512  # rows of the pair matrix computed at a time: bounds memory at ~10 MB a block for 5,000 nodes


def static_layout(graph: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in pixels for every node of `graph` (directions and multi-edges ignored)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    # Sorted edges too: the order of float sums changes the result, so it must not depend on input order.
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in graph.edges() if u != v}))
    rng = np.random.default_rng(seed)
    boxes = []
    for members in sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c))):
        boxes.append(_component(simple.subgraph(members), rng))
    return _pack(boxes)


def _component(graph: nx.Graph, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Positions for one connected component, centred on the origin."""
    nodes = sorted(graph)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    leaves = {n: next(iter(graph[n])) for n in nodes if graph.degree(n) == 1}
    # Of two nodes linked only to each other, one stays in the core for the other to hang on.
    core = [n for n in nodes if n not in leaves or (graph.degree(leaves[n]) == 1 and n < leaves[n])]
    positions = _force_directed(graph.subgraph(core), sorted(core), rng)
    by_parent: dict[str, list[str]] = {}
    for leaf in nodes:
        if leaf not in positions:
            by_parent.setdefault(leaves[leaf], []).append(leaf)
    for parent, children in by_parent.items():
        # A ring a little wider than the spacing, growing with the number of children.
        radius = SPACING * max(0.8, len(children) / (2 * math.pi) * 0.5)
        for i, child in enumerate(children):
            angle = 2 * math.pi * i / len(children)
            positions[child] = positions[parent] + radius * np.array([math.cos(angle), math.sin(angle)])
    centre = np.mean(np.array(list(positions.values())), axis=0)
    return {n: p - centre for n, p in positions.items()}


def _force_directed(graph: nx.Graph, nodes: list[str], rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Fruchterman-Reingold: springs along edges, repulsion between every pair, a cooling step."""
    count = len(nodes)
    if count == 1:
        return {nodes[0]: np.zeros(2)}
    index = {n: i for i, n in enumerate(nodes)}
    pairs = sorted((min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges())
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    k = SPACING
    # float32 halves the memory traffic of the pair blocks, which is where the time goes.
    pos = (rng.uniform(-1, 1, size=(count, 2)) * k * math.sqrt(count)).astype(np.float32)
    step = k * math.sqrt(count) / 4
    cooling = step / (ITERATIONS + 1)
    for _ in range(ITERATIONS):
        shift = np.empty_like(pos)
        x, y = pos[:, 0], pos[:, 1]
        for start in range(0, count, _BLOCK):
            dx = x[start : start + _BLOCK, None] - x[None, :]
            dy = y[start : start + _BLOCK, None] - y[None, :]
            push = (k * k) / np.maximum(dx * dx + dy * dy, 0.01)
            shift[start : start + _BLOCK, 0] = (dx * push).sum(axis=1)
            shift[start : start + _BLOCK, 1] = (dy * push).sum(axis=1)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.maximum(np.linalg.norm(delta, axis=1), 0.01)
            pull = delta * (dist / k)[:, None]
            np.add.at(shift, edges[:, 0], -pull)
            np.add.at(shift, edges[:, 1], pull)
        length = np.maximum(np.linalg.norm(shift, axis=1), 0.01)
        pos += shift / length[:, None] * np.minimum(length, step)[:, None]
        step -= cooling
    return {n: pos[index[n]] for n in nodes}


def _pack(boxes: list[dict[str, np.ndarray]]) -> dict[str, tuple[float, float]]:
    """Components in rows, largest first, each in its own box, rows about as wide as they are tall."""
    sizes = []
    for box in boxes:
        pts = np.array(list(box.values()))
        sizes.append((pts.min(axis=0), pts.max(axis=0)))
    total_area = sum(float(np.prod(hi - lo + 2 * SPACING)) for lo, hi in sizes)
    row_width = max(math.sqrt(total_area) * 1.2, float(sizes[0][1][0] - sizes[0][0][0]) + 2 * SPACING)
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for box, (lo, hi) in zip(boxes, sizes, strict=True):
        width, height = float(hi[0] - lo[0]) + 2 * SPACING, float(hi[1] - lo[1]) + 2 * SPACING
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        offset = np.array([x + SPACING, y + SPACING]) - lo
        for node, p in box.items():
            q = p + offset
            out[node] = (round(float(q[0]), 1), round(float(q[1]), 1))
        x += width
        row_height = max(row_height, height)
    return out
