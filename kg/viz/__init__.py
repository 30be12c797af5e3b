"""Look at the graph: an interactive page, GraphML/GEXF for graph tools.

    from kg.viz import render
    render(graph, "output/graph.html", focus="Islamic State", depth=2)

Nothing heavy is imported until it is used (pyvis, numpy for the layout).
"""

from __future__ import annotations

__all__ = ["VizResult", "render", "render_page"]


def __getattr__(name: str):
    if name in __all__:
        from kg.viz import draw as module

        return getattr(module, name)
    raise AttributeError(name)
