"""Open a graph the user names: a Turtle, TriG, N-Triples, N-Quads or JSON-LD file."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import DataError, UsageError
from kg.ingest import display

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
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"{display(path)}: unknown graph format; use one of {', '.join(sorted(FORMATS))}")
    try:
        if fmt in ("trig", "nquads"):
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            return dataset
        return Graph().parse(path, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise DataError(f"{display(path)}: not valid {fmt} ({first[:200]}); rebuild it with `kg build`") from None


DEFAULT_GRAPH = "output/graph.ttl"


def open_graph(graph: str | Path | None = None, store: str | Path | None = None) -> Graph:
    """The graph a command reads: a file (`--graph`, default output/graph.ttl) or an
    embedded store folder (`--store`). Both at once is a usage error."""
    if graph is not None and store is not None:
        raise UsageError("give --graph FILE or --store DIR, not both")
    if store is not None:
        from kg.store import open_store_graph

        return open_store_graph(store)
    return load_graph(graph or DEFAULT_GRAPH)
