"""The persistent embedded store (`--store DIR`), backed by Oxigraph.

Seam: commands reach the store only through `open_store_graph` (and `kg build --store`).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import UsageError


def open_store_graph(store: str | Path) -> Graph:
    raise UsageError("--store is not available in this version of kg; use --graph FILE")
