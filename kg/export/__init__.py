"""Export: the graph as a file in another format, from one registry of deterministic writers (formats).
May import: the shared modules, kg.rdf, kg.store and kg.viz (the drawn graph's GraphML and GEXF); nothing of kg.cli."""

from __future__ import annotations

__all__ = ["FORMATS", "ExportFormat", "export", "register"]


def __getattr__(name: str):
    if name in __all__:
        from kg.export import formats as module

        return getattr(module, name)
    raise AttributeError(name)
