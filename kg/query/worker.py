"""The child process that runs queries (`python -m kg.query.worker FD`), so that a runaway one can be stopped.

Oxigraph evaluates a query in native code that no Python signal interrupts; the only
dependable stop is to kill the process running it. The worker opens the graph once, then
answers queries sent over a pipe until the pipe closes. Its replies are plain tuples of
pyoxigraph terms (which pickle); the parent turns them into rdflib terms.
"""

from __future__ import annotations

import re
import sys
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DataError, KGError, UsageError
from kg.ingest import display
from kg.oxigraph import first_line, rdf_format
from kg.rdf.graph import kg_prefixes
from kg.rdf.namespace import DEFAULT_BASE
from kg.store import UNION, open_read_only

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


def serve(conn, source: tuple) -> None:
    """The worker's life: open the source, say so, then answer each job until the pipe closes."""
    try:
        opened = open_source(source)
    except KGError as err:
        conn.send(("error", err))
        return
    store = getattr(opened, "db", opened)  # a store folder's reader stays open (and locked) until the end
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", run(store, *job)))
        except KGError as err:
            conn.send(("error", err))
        except Exception as err:  # a bug or a resource failure: reported, never a silent hang
            conn.send(("error", DataError(f"{job[2]}: the query failed ({type(err).__name__}: {first_line(err)})")))


def main() -> None:
    """`python -m kg.query.worker FD`: serve on the socket FD; the first message names the source."""
    conn = Connection(int(sys.argv[1]))
    try:
        source = conn.recv()
    except (EOFError, OSError):
        return
    serve(conn, source)


if __name__ == "__main__":
    main()
