"""Ask the graph: named SPARQL questions (queries/*.rq) with typed, bound parameters.
May import: the shared modules, kg.rdf and kg.store; nothing of kg.build, kg.viz, kg.check, kg.export or kg.cli.

    from kg.query import run_query, list_queries
    result = run_query("actor-events", {"actor": "ISIS"}, graph="output/graph.ttl")
    result = run_query("place-timeline", {"place": "Mosul"}, store="kgstore")

Queries are read-only (SPARQL Update and SERVICE are refused before anything runs), run
in a worker process with a wall-clock timeout, and return at most `limit` rows unless
`limit=None`. `kg query` is the command-line shell over this package.
"""

from kg.query.formats import FORMATS, render
from kg.query.session import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    QueryResult,
    QuerySession,
    QueryTimeout,
    from_text,
    run_query,
)
from kg.query.spec import NamedQuery, Param, list_queries, load_query

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "NamedQuery",
    "Param",
    "QueryResult",
    "QuerySession",
    "QueryTimeout",
    "from_text",
    "list_queries",
    "load_query",
    "render",
    "run_query",
]
