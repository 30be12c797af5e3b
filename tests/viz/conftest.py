"""Helpers for the viz tests; the graphs themselves (seed_graph, hostile_graph) are in tests/conftest.py."""

from __future__ import annotations

from ..conftest import DATA

HOSTILE = DATA / "hostile.ttl"


def iri(name: str) -> str:
    return "https://w3id.org/newskg/id/" + name
