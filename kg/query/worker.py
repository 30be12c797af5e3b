"""The child process that runs queries (`python -m kg.query.worker FD`), so that a runaway one can be stopped.

Oxigraph evaluates a query in native code that no Python signal interrupts; the only
dependable stop is to kill the process running it (kg.util.child). The worker opens the graph
once, then answers queries sent over a socket until it closes. Its replies are plain tuples of
pyoxigraph terms (which pickle); the parent turns them into rdflib terms.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DataError, KGError, UsageError
from kg.paths import display
from kg.rdf.graph import kg_prefixes
from kg.rdf.namespace import DEFAULT_BASE
from kg.store.embedded import UNION, open_read_only
from kg.store.oxigraph import first_line, rdf_format

# Prefixes every query may use without declaring them (the .rq files declare theirs anyway).
PREFIXES = dict(kg_prefixes(DEFAULT_BASE))
_AT = re.compile(r"error at (\d+):(\d+):\s*")


def open_source(source: tuple):
    """The graph a source names: ("store", dir), ("file", path) or ("data", bytes, suffix): a
    pyoxigraph Store, or for a store folder a StoreReader whose `db` is one."""
    kind = source[0]
    if kind == "store":
        return open_read_only(source[1])
    store = ox.Store()
    fmt = rdf_format(source[1] if kind == "file" else "graph" + source[2])
    try:
        if kind == "file":
            store.bulk_load(path=str(source[1]), format=fmt)
        else:
            store.bulk_load(input=source[1], format=fmt)
    except (OSError, SyntaxError, ValueError) as err:
        where = display(Path(source[1])) if kind == "file" else "the graph given"
        raise DataError(f"{where}: not valid {fmt.name} ({first_line(err)}); rebuild it with `kg build`") from None
    if fmt.supports_datasets:
        store.update(UNION)  # queries see the documents' graphs merged, as in a store
    return store


def run(store: ox.Store, text: str, bound: str, origin: str, limit: int | None) -> tuple:
    """Run `bound` (the query `text` with its parameters bound) and encode the answer.

    The text as written is parsed first on an empty store, so that a syntax error names
    the line and column in the user's file, not in the bound copy.
    """
    for query, graph in ((text, ox.Store()), (bound, store)):
        try:
            answer = graph.query(query, prefixes=PREFIXES)
        except SyntaxError as err:
            raise UsageError(f"{origin}: {_syntax_message(str(err))}") from None
        except (OSError, RuntimeError, ValueError) as err:
            raise DataError(f"{origin}: the query failed ({first_line(err)})") from None
    if isinstance(answer, ox.QueryBoolean):
        return ("ask", [], [], bool(answer), False)
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows, truncated = _take(((tuple(s[i] for i in range(len(variables)))) for s in answer), limit)
        return ("select", variables, rows, None, truncated)
    rows, truncated = _take(((t.subject, t.predicate, t.object) for t in answer), limit)
    return ("graph", ["subject", "predicate", "object"], rows, None, truncated)


def _take(rows, limit: int | None) -> tuple[list, bool]:
    taken = []
    for row in rows:
        if limit is not None and len(taken) >= limit:
            return taken, True
        taken.append(row)
    return taken, False


def _syntax_message(message: str) -> str:
    match = _AT.search(message)
    if not match:
        return f"syntax error: {first_line(message)}"
    rest = message[match.end() :].strip().splitlines()
    detail = f": {rest[0][:240]}" if rest else ""
    return f"syntax error at line {match[1]}, column {match[2]}{detail}"


class Worker:
    """The worker's state: the graph, opened once by the first request ("open", source); then
    each ("query", text, bound, origin, limit) is answered from it."""

    def __init__(self) -> None:
        self.opened = None  # a store folder's reader stays open (and locked) while the worker lives

    def __call__(self, request: tuple):
        if request[0] == "open":
            self.opened = open_source(request[1])
            return None
        _, text, bound, origin, limit = request
        try:
            return run(getattr(self.opened, "db", self.opened), text, bound, origin, limit)
        except KGError:
            raise
        except Exception as err:  # a bug or a resource failure: reported, never a silent hang
            raise DataError(f"{origin}: the query failed ({type(err).__name__}: {first_line(err)})") from None


def main() -> None:
    """`python -m kg.query.worker FD`: kg.util.child's serve loop, which leaves the network before
    reading anything: the read-only check refuses SERVICE before a query is sent here, and
    should a query ever slip past it, Oxigraph's HTTP client finds no network to use."""
    from kg.util.child import serve

    serve(Worker())


if __name__ == "__main__":
    main()
