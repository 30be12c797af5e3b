"""Draw: the graph as an interactive page, as GraphML/GEXF for graph tools (export), and in numbers (stats).
May import: the shared modules and kg.rdf; nothing of kg.store, kg.build, kg.query, kg.check, kg.export or kg.cli.

    from kg.viz import render
    render(graph, "output/graph.html", focus="Islamic State", depth=2)

Nothing heavy is imported until it is used (pyvis, numpy for the layout).
"""

from __future__ import annotations

__all__ = ["VizResult", "render", "render_page"]

# Past this many nodes the browser gets precomputed positions and no physics: vis.js took
# 4 s to settle 150 nodes and 7 s for 400 in headless Chromium here, and gave up on 5,000.
STATIC_LAYOUT_THRESHOLD = 300
DEFAULT_MAX_NODES = 5000


def __getattr__(name: str):
    if name in __all__:
        from kg.viz import draw as module

        return getattr(module, name)
    raise AttributeError(name)
