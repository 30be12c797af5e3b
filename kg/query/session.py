"""Running questions against a graph: a file, an embedded store, an rdflib graph in memory, or a
SPARQL 1.1 server (`endpoint`, where `kg push` writes).

    from kg.query import QuerySession
    with QuerySession(store="kgstore") as session:
        result = session.run("actor-events", {"actor": "ISIS"})
        for row in result.rows: ...

Every query is checked before it runs (read-only, parameters known and typed), then runs
in a worker process that holds the graph; a query that outlives its timeout is stopped by
killing that process, and the next query starts a fresh one. A server is asked over HTTP
(SPARQL 1.1 Protocol) and given up on after the timeout.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.graph import ConjunctiveGraph

from kg.errors import DataError, UsageError
from kg.paths import display
from kg.query import sparql_text
from kg.query.spec import NamedQuery, load_query, parse
from kg.store.graphio import DEFAULT_GRAPH
from kg.store.oxigraph import from_ox, rdf_format
from kg.util.child import Child, ChildDied, ChildTimeout

DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT = 30.0


class QueryTimeout(DataError):
    """A query ran past its time and was stopped."""


@dataclass
class QueryResult:
    """What a query answered. `kind` is select (rows), ask (`boolean`) or graph (CONSTRUCT/DESCRIBE
    triples as subject/predicate/object rows). Terms are rdflib terms; an unbound cell is None."""

    kind: str
    variables: list[str]
    rows: list[tuple]
    boolean: bool | None = None
    truncated: bool = False  # more rows matched than the limit let through


class QuerySession:
    """Questions against one graph: `graph` (a file; default output/graph.ttl), `store` (a store
    folder) or `data` (an rdflib Graph). The graph is loaded once, by the first query."""

    def __init__(
        self,
        graph: str | Path | None = None,
        store: str | Path | None = None,
        data: Graph | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        endpoint: str | None = None,
    ):
        self.source = _source(graph, store, data, endpoint)
        self.timeout = timeout or None
        self._worker: Child | None = None  # kg.query.worker holding the graph, started by the first query

    def __enter__(self) -> QuerySession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(
        self,
        query: str | Path | NamedQuery,
        params: Mapping[str, object] | None = None,
        limit: int | None = DEFAULT_LIMIT,
    ) -> QueryResult:
        """Answer `query` (a name, a .rq path or a NamedQuery) with `params` bound; at most `limit` rows."""
        if not isinstance(query, NamedQuery):
            query = load_query(query)
        sparql_text.check_read_only(query.text, query.origin)
        bound = query.bind(params)
        if self.source[0] == "endpoint":
            return self._ask_endpoint(query, bound, limit)
        try:
            kind, variables, rows, boolean, truncated = self._opened().ask(
                ("query", query.text, bound, query.origin, limit), self.timeout
            )
        except ChildTimeout:
            self.close()
            raise QueryTimeout(
                f"{query.origin}: stopped after {self.timeout:g} s; narrow the question or give a longer --timeout"
            ) from None
        except ChildDied as err:
            self.close()
            raise DataError(f"{query.origin}: the query process ended unexpectedly ({err})") from None
        rows = [tuple(from_ox(term) for term in row) for row in rows]
        return QueryResult(kind, variables, rows, boolean, truncated)

    def _ask_endpoint(self, query: NamedQuery, bound: str, limit: int | None) -> QueryResult:
        """The bound query sent to the server, after the same syntax check the worker makes."""
        import pyoxigraph as ox

        from kg.query.worker import PREFIXES, _syntax_message
        from kg.store.endpoint import Endpoint, EndpointTimeout
        from kg.store.endpoint import query as ask

        try:
            ox.Store().query(query.text, prefixes=PREFIXES)
        except SyntaxError as err:
            raise UsageError(f"{query.origin}: {_syntax_message(str(err))}") from None
        declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", bound)}
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p.lower() not in declared)
        try:
            kind, variables, rows, boolean = ask(Endpoint(self.source[1], timeout=self.timeout), prologue + bound)
        except EndpointTimeout:
            raise QueryTimeout(
                f"{query.origin}: stopped after {self.timeout:g} s; narrow the question or give a longer --timeout"
            ) from None
        truncated = limit is not None and len(rows) > limit
        return QueryResult(kind, variables, rows[:limit] if truncated else rows, boolean, truncated)

    def close(self) -> None:
        """Stop the worker (killing it if it is busy); the next query starts another."""
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def _opened(self) -> Child:
        """The worker, with the graph open: a fresh interpreter (kg.util.child), not a fork, since the
        caller may hold threads or an open database that a fork would copy mid-state."""
        if self._worker is None:
            worker = Child("kg.query.worker")
            try:
                worker.ask(("open", self.source), timeout=None)  # a big graph takes what it takes to load
            except ChildDied as err:
                worker.close()
                raise DataError(f"the graph: the query process ended unexpectedly ({err})") from None
            except BaseException:
                worker.close()
                raise
            self._worker = worker
        return self._worker


def run_query(
    query: str | Path | NamedQuery,
    params: Mapping[str, object] | None = None,
    graph: str | Path | None = None,
    store: str | Path | None = None,
    data: Graph | None = None,
    limit: int | None = DEFAULT_LIMIT,
    timeout: float | None = DEFAULT_TIMEOUT,
    endpoint: str | None = None,
) -> QueryResult:
    """One question, answered: `run_query("actor-events", {"actor": "ISIS"}, store="kgstore")`, or
    from a server: `run_query("actor-events", {"actor": "ISIS"}, endpoint="http://localhost:7878/query")`."""
    with QuerySession(graph, store, data, timeout, endpoint) as session:
        return session.run(query, params, limit)


def from_text(text: str, name: str = "query") -> NamedQuery:
    """A NamedQuery from SPARQL text, with or without a header."""
    return parse(text, name, name)


def _source(graph, store, data, endpoint=None) -> tuple:
    if sum(x is not None for x in (graph, store, data)) > 1:
        raise UsageError("give --graph FILE or --store DIR, not both")
    if endpoint is not None:
        if any(x is not None for x in (graph, store, data)):
            raise UsageError("give --endpoint URL or a graph (--graph FILE, --store DIR), not both")
        from kg.store.endpoint import Endpoint

        Endpoint(endpoint)  # a usage error now for a URL kg cannot ask
        return ("endpoint", endpoint)
    if data is not None:
        if isinstance(data, ConjunctiveGraph):
            return ("data", data.serialize(format="nquads", encoding="utf-8"), ".nq")
        return ("data", data.serialize(format="nt", encoding="utf-8"), ".nt")
    if store is not None:
        from kg.store.embedded import check_store

        check_store(Path(store))
        return ("store", str(store))
    path = Path(graph or DEFAULT_GRAPH)
    if not path.is_file():
        raise UsageError(f"{display(path)}: no such graph file; run `kg build` first or check the path")
    rdf_format(path)  # a usage error now for a suffix kg cannot read, not later in the worker
    return ("file", str(path))
