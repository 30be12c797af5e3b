"""Store: where a graph lives, as a file (graphio), in the embedded Oxigraph store (embedded) or a SPARQL server (endpoint), with the rdflib-pyoxigraph bridge (oxigraph).
May import: the shared modules and kg.rdf; nothing of reading, extraction, the build or a later stage."""

from __future__ import annotations

__all__ = ["GraphStore", "open_store_graph"]


def __getattr__(name: str):
    if name in __all__:
        from kg.store import embedded as module

        return getattr(module, name)
    raise AttributeError(name)
