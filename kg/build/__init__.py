"""Build: documents stream from the inputs to workers that extract and map them (engines, worker), into the spool or the store (driver, spool).
May import: the shared modules, kg.read, kg.extract, kg.rdf and kg.store; nothing of kg.query, kg.viz, kg.check, kg.export or kg.cli."""

from __future__ import annotations

__all__ = ["build"]


def __getattr__(name: str):
    if name in __all__:
        from kg.build import driver as module

        return getattr(module, name)
    raise AttributeError(name)
