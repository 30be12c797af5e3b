"""Open a graph the user names: a Turtle, TriG, N-Triples, N-Quads or JSON-LD file."""

from __future__ import annotations

import json
import os
import urllib.parse
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import DataError, UsageError
from kg.paths import display

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}


def load_graph(path: str | Path) -> Graph:
    """Every triple in the file, named graphs folded into one graph."""
    loaded = load_dataset(path)
    if not isinstance(loaded, Dataset):
        return loaded
    graph = Graph()
    for s, p, o, _ in loaded.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def load_dataset(path: str | Path) -> Graph | Dataset:
    """The file as it is: a Dataset with its named graphs for TriG and N-Quads, else a Graph."""
    path = Path(path)
    if not path.exists():
        raise UsageError(f"{display(path)}: no such graph file; run `kg build` first or check the path")
    if not path.is_file():  # a FIFO or a device would block the parser or never end
        raise UsageError(f"{display(path)}: not a regular file; give kg a graph file")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"{display(path)}: unknown graph format; use one of {', '.join(sorted(FORMATS))}")
    if fmt == "json-ld":
        refuse_remote_contexts(path)
    # rdflib is handed the bytes, not the path: it turns a path into a URL with the locale's
    # codec, which fails on a name that is not ASCII under a C locale.
    data = path.read_bytes()
    base = "file://" + urllib.parse.quote(os.fsencode(path.resolve()))
    try:
        if fmt in ("trig", "nquads"):
            dataset = Dataset()
            dataset.parse(data=data, format=fmt, publicID=base)
            return dataset
        return Graph().parse(data=data, format=fmt, publicID=base)
    except Exception as err:  # rdflib raises many parser-specific types
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise DataError(f"{display(path)}: not valid {fmt} ({first[:200]}); rebuild it with `kg build`") from None


def refuse_remote_contexts(path: Path) -> None:
    """A DataError if a JSON-LD file names a context by address: rdflib would fetch it from
    the network while parsing, and kg reads only what it is given."""
    try:
        document = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as err:
        raise DataError(f"{display(path)}: not valid json-ld ({str(err)[:200]}); rebuild it with `kg build`") from None
    remote = _remote_context(document)
    if remote is not None:
        raise DataError(
            f"{display(path)}: its @context refers to {remote[:200]!r}, which kg would have to fetch; "
            "kg never reaches the network: put the context in the file"
        )


def _remote_context(value) -> str | None:
    """The first context given by address (a string, or @import) anywhere in a JSON-LD value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                if key == "@context":
                    for context in inner if isinstance(inner, list) else [inner]:
                        if isinstance(context, str):
                            return context
                        if isinstance(context, dict) and isinstance(context.get("@import"), str):
                            return context["@import"]
                stack.append(inner)
    return None


DEFAULT_GRAPH = "output/graph.ttl"


def open_graph(graph: str | Path | None = None, store: str | Path | None = None) -> Graph:
    """The graph a command reads: a file (`--graph`, default output/graph.ttl) or an
    embedded store folder (`--store`). Both at once is a usage error."""
    if graph is not None and store is not None:
        raise UsageError("give --graph FILE or --store DIR, not both")
    if store is not None:
        from kg.store.embedded import open_store_graph

        return open_store_graph(store)
    return load_graph(graph or DEFAULT_GRAPH)
