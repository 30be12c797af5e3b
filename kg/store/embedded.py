"""The persistent embedded store (`--store DIR`): an Oxigraph database, one named graph per document.

DIR is an ordinary Oxigraph (RocksDB) database: `pyoxigraph.Store(DIR)` or
`oxigraph serve --location DIR` read it as it is. Each document's triples live in the named
graph whose IRI is the document's IRI (`kg.rdf.mapping.document_iri`); putting a document
again replaces that graph, so rebuilding never doubles a fact. The default graph holds the
union of the documents' graphs, each triple once, kept up to date on every write: a query
that names no graph sees the whole graph with set semantics (a fact two articles state
counts once), as SPARQL's RDF merge wants and as a Turtle file of the same graph would give.

Labels and classes across documents. `kg build` without a store settles, over all the
documents it read, on one rdfs:label and one class per entity (`KnowledgeGraph.consolidate`):
other labels become skos:altLabel. A store grows a few documents at a time, so a document
added today can change what an entity is called in graphs written last week. To settle the
same way as a build of all the documents at once, whatever their order, the store keeps a
ledger beside the database (DIR/kg-ledger.sqlite3): what each document itself said each
entity is called and is. After every batch, the entities it touched are settled from the
ledger's votes and the graphs that disagree are rewritten. Each change to a document's graph
(and to the union with it) is one transaction, so a killed build never loses or half-writes
a document; it can leave a batch unsettled, and building the same articles again repairs it.

Seam: reading commands reach a store only through `open_store_graph` (an rdflib view) or
`open_read_only` (pyoxigraph); writers go through `GraphStore`.
"""

from __future__ import annotations

import sqlite3

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import DataError, UsageError
from kg.paths import display
from kg.rdf.graph import ENTITY_TYPES, Names, choose, settle, term_json
from kg.store.oxigraph import first_line, from_ox, rdf_format, to_ox

LEDGER = "kg-ledger.sqlite3"
_TYPE, _LABEL, _ALT = (to_ox(t) for t in (RDF.type, RDFS.label, SKOS.altLabel))
_ENTITY_VALUES = " ".join(f"<{t}>" for t in sorted(ENTITY_TYPES))
# The default graph holds the union of the documents' graphs, each triple once (see the module doc).
UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def _names_query(graph: ox.NamedNode | None) -> str:
    """What each named graph (or just `graph`) says each entity is called and is: the ledger's votes."""
    return f"""
SELECT {"?g" if graph is None else ""} ?s ?p ?o WHERE {{
  GRAPH {"?g" if graph is None else graph} {{
    ?s a ?t . VALUES ?t {{ {_ENTITY_VALUES} }}
    ?s ?p ?o . VALUES ?p {{ <{RDF.type}> <{RDFS.label}> <{SKOS.altLabel}> }}
  }}
}}"""


class StoreReader:
    """A store opened for reading (`db`, a pyoxigraph Store), and the shared lock that keeps
    writers out while it is open: Oxigraph's read-only mode is undefined behaviour if another
    process writes meanwhile. Many readers share the lock; `kg build --store` waits for none
    and is refused with a message instead."""

    def __init__(self, path: Path, db: ox.Store, lock):
        self.path, self.db, self._lock = path, db, lock

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file releases the lock
            self._lock = None


def open_read_only(store: str | Path) -> StoreReader:
    """The store in folder `store`, opened for reading; many readers may share it."""
    path = Path(store)
    check_store(path)
    lock = _share_lock(path)
    try:
        return StoreReader(path, ox.Store.read_only(str(path)), lock)
    except (OSError, ValueError, RuntimeError) as err:
        if lock is not None:
            lock.close()
        raise DataError(f"{display(path)}: cannot open the store ({first_line(err)})") from None


def _share_lock(path: Path):
    """A shared lock on RocksDB's LOCK file, which a writer holds exclusively (fcntl, as RocksDB does)."""
    if fcntl is None:  # not a POSIX system: no guard
        return None
    try:
        lock = open(path / "LOCK", "rb")  # noqa: SIM115 - held open for as long as the reader lives
    except OSError:
        return None
    try:
        fcntl.lockf(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise UsageError(
            f"{display(path)}: `kg build --store` is writing to this store; read it when the build has finished"
        ) from None
    return lock


def open_store_graph(store: str | Path) -> Graph:
    """The store's default graph (every document's triples, each once) as a read-only rdflib Graph."""
    reader = open_read_only(store)
    return Graph(store=_UnionView(reader), identifier=DATASET_DEFAULT_GRAPH_ID)


class _UnionView(OxigraphStore):
    """oxrdflib's store over a reader, giving back terms as kg's files do: a plain string
    literal stays plain (oxrdflib would type it xsd:string, which rdflib tells apart)."""

    def __init__(self, reader: StoreReader):
        super().__init__(store=reader.db)
        self.reader = reader  # the shared lock lives as long as the graph does

    def triples(self, triple_pattern, context=None):
        pattern = [None if term is None else to_ox(term) for term in triple_pattern]
        for quad in self._inner.quads_for_pattern(*pattern, ox.DefaultGraph()):
            yield (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)), iter((None,))


class GraphStore:
    """A store folder opened for writing, created if missing. One writer at a time."""

    def __init__(self, store: str | Path):
        self.path = Path(store)
        check_store(self.path, must_exist=False)
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ox.Store(str(self.path))
        except OSError as err:
            if "lock" in str(err).lower():
                raise UsageError(
                    f"{display(self.path)}: the store is open in another kg process; wait for it to finish"
                ) from None
            raise DataError(f"{display(self.path)}: cannot open the store ({first_line(err)})") from None
        new_ledger = not (self.path / LEDGER).exists()
        self._ledger = sqlite3.connect(self.path / LEDGER)
        self._ledger.executescript(
            "CREATE TABLE IF NOT EXISTS said (graph TEXT, entity TEXT, names TEXT, PRIMARY KEY (graph, entity));"
            "CREATE INDEX IF NOT EXISTS said_by_entity ON said (entity);"
            "CREATE TABLE IF NOT EXISTS settled (entity TEXT PRIMARY KEY, label TEXT, class TEXT);"
        )
        self._touched: set[str] = set()
        self._fresh: set[str] = set()  # graphs written since the last settle, still as their documents said
        if new_ledger and next(iter(self._db.named_graphs()), None) is not None:
            # A store made by other means (pyoxigraph, an older kg): its graphs are taken as written.
            self._db.update(UNION)
            self._record(self._scan())

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def put(self, name: URIRef, triples: Iterable[tuple]) -> None:
        """Replace the named graph `name` with `triples` (a document's graph, as its mapping wrote it)."""
        self._replace(ox.NamedNode(str(name)), [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples])

    def put_terms(self, name: str, triples: Iterable[tuple[str, str, str]]) -> None:
        """`put` for a worker's triples, in N-Triples term syntax (kg.build's engines hand these on)."""
        text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode("utf-8")
        parsed = [(q.subject, q.predicate, q.object) for q in ox.parse(input=text, format=ox.RdfFormat.N_TRIPLES)]
        self._replace(ox.NamedNode(name), parsed)

    def load(self, path: str | Path) -> None:
        """Bulk-load a TriG or N-Quads file (kg's graph.trig, say): its named graphs replace those
        of the same names, and labels and classes are settled across the store."""
        fmt = rdf_format(path)
        if not fmt.supports_datasets:
            raise UsageError(f"{display(path)}: a store holds one named graph per document; load a .trig or .nq file")
        try:
            if next(iter(self._db.named_graphs()), None) is None:
                # Nothing to replace: one pass of Oxigraph's bulk loader writes each quad and its union copy.
                self._db.bulk_extend(_with_union(ox.parse(path=str(path), format=fmt)))
                self._record(self._scan())
            else:
                graphs: dict = {}
                for quad in ox.parse(path=str(path), format=fmt):
                    graphs.setdefault(quad.graph_name, []).append((quad.subject, quad.predicate, quad.object))
                for graph, triples in graphs.items():
                    if isinstance(graph, ox.NamedNode):
                        self._replace(graph, triples)
                    else:
                        self._db.extend([ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in triples])
        except (OSError, SyntaxError, ValueError) as err:
            raise DataError(f"{display(path)}: not valid {fmt.name} ({first_line(err)})") from None
        self.settle()

    def _replace(self, graph: ox.NamedNode, triples: list[tuple]) -> None:
        self._forget(graph.value)
        self._write(graph, replace=True, added=triples)
        self._record(self._scan(graph))

    def _write(self, graph: ox.NamedNode, replace: bool = False, gone: list[tuple] = (), added: list[tuple] = ()):
        """Change one document's graph and the union with it, in one transaction (one SPARQL
        update, which Oxigraph applies whole or not at all): a kill at any moment leaves the
        document's old graph or its new one, and a union that matches the graphs, never a
        document half-written or missing. `replace` empties the graph first; `gone` (no blank
        nodes) leaves it; `added` joins it."""
        g = str(graph)
        steps = []
        if replace:
            steps.append(  # out of the union: what this graph states and no other graph does
                f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {g}) }} }}"
            )
            steps.append(f"DROP SILENT GRAPH {g}")
        if gone:
            data = " ".join(f"{s} {p} {o} ." for s, p, o in gone)
            rows = " ".join(f"({s} {p} {o})" for s, p, o in gone)
            steps.append(f"DELETE DATA {{ GRAPH {g} {{ {data} }} }}")
            steps.append(
                f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} }} }}"
            )
        if added:
            data = " ".join(f"{s} {p} {o} ." for s, p, o in added)
            steps.append(f"INSERT DATA {{ GRAPH {g} {{ {data} }} {data} }}")
        if steps:
            self._db.update(" ;\n".join(steps))

    def settle(self) -> None:
        """One label and one class for every entity the last puts touched, as a batch build would choose."""
        self._ledger.execute("CREATE TEMP TABLE IF NOT EXISTS touched (entity TEXT PRIMARY KEY)")
        self._ledger.execute("DELETE FROM touched")
        self._ledger.executemany("INSERT INTO touched VALUES (?)", ((e,) for e in self._touched))
        said: dict[str, list] = {}
        before: dict[str, tuple] = {}
        for entity, graph, text, label, cls in self._ledger.execute(
            "SELECT t.entity, s.graph, s.names, d.label, d.class FROM touched t"
            " LEFT JOIN said s ON s.entity = t.entity LEFT JOIN settled d ON d.entity = t.entity"
            " ORDER BY t.entity, s.graph"
        ):
            said.setdefault(entity, [])
            if graph is not None:
                said[entity].append((graph, Names.from_json(text)))
            before[entity] = (label, cls)
        for entity in said:
            self._settle_one(entity, said[entity], before[entity])
        self._ledger.commit()
        self._db.flush()
        self._touched.clear()
        self._fresh.clear()

    def documents(self) -> int:
        return sum(1 for _ in self._db.named_graphs())

    def entities_by_class(self) -> Counter:
        query = f"SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?t VALUES ?t {{ {_ENTITY_VALUES} }} }} GROUP BY ?t"
        counts: Counter = Counter()
        for row in self._db.query(query):
            counts[row["t"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
        return counts

    def triples(self) -> int:
        """Triples in the union of the documents' graphs: the size of the graph a query sees."""
        return int(next(iter(self._db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)

    def close(self) -> None:
        if self._db is not None:
            self._ledger.commit()
            self._ledger.close()
            self._db.flush()
            self._db = None

    # ---------------------------------------------------------------- the ledger

    def _scan(self, graph: ox.NamedNode | None = None) -> dict[tuple[str, str], Names]:
        """What `graph` (or every named graph) says its entities are called and are."""
        parts: dict[tuple[str, str], dict] = {}
        for row in self._db.query(_names_query(graph)):
            g = graph.value if graph is not None else row["g"].value
            slot = parts.setdefault((g, row["s"].value), {"labels": set(), "alts": set(), "classes": set()})
            p, o = row["p"], from_ox(row["o"])
            if p == _LABEL:
                slot["labels"].add(o)
            elif p == _ALT:
                slot["alts"].add(o)
            elif o in ENTITY_TYPES:
                slot["classes"].add(o)
        return {
            key: Names(frozenset(v["labels"]), frozenset(v["alts"]), frozenset(v["classes"]))
            for key, v in parts.items()
        }

    def _record(self, said: dict[tuple[str, str], Names]) -> None:
        self._ledger.executemany(
            "INSERT OR REPLACE INTO said VALUES (?, ?, ?)",
            ((g, entity, names.to_json()) for (g, entity), names in said.items()),
        )
        self._fresh.update(g for g, _ in said)
        self._touched.update(entity for _, entity in said)

    def _forget(self, graph: str) -> None:
        rows = self._ledger.execute("SELECT entity FROM said WHERE graph = ?", (graph,)).fetchall()
        self._touched.update(entity for (entity,) in rows)
        self._ledger.execute("DELETE FROM said WHERE graph = ?", (graph,))

    def _settle_one(self, entity: str, rows: list[tuple[str, Names]], before: tuple) -> None:
        """Settle one entity from what each graph said (`rows`); `before` is the last choice made for it."""
        if not rows:
            self._ledger.execute("DELETE FROM settled WHERE entity = ?", (entity,))
            return
        labels: Counter = Counter()
        classes: Counter = Counter()
        for _, said in rows:
            labels.update(said.labels)
            classes.update(said.classes)
        best = choose(labels, classes)
        unchanged = before == (term_json(best[0]), term_json(best[1]))
        node = URIRef(entity)
        for g, said in rows:
            if g in self._fresh:
                current = said  # written this batch, exactly as the document said
            elif unchanged:
                continue  # settled last time on the same choice
            else:
                current = self._names_now(node, g)
            self._rewrite(node, g, current, settle(said, *best))
        self._ledger.execute(
            "INSERT OR REPLACE INTO settled VALUES (?, ?, ?)", (entity, term_json(best[0]), term_json(best[1]))
        )

    def _names_now(self, node: URIRef, graph: str) -> Names:
        g, s = ox.NamedNode(graph), to_ox(node)
        objects = lambda p: frozenset(from_ox(q.object) for q in self._db.quads_for_pattern(s, p, None, g))  # noqa: E731
        return Names(objects(_LABEL), objects(_ALT), frozenset(c for c in objects(_TYPE) if c in ENTITY_TYPES))

    def _rewrite(self, node: URIRef, graph: str, current: Names, target: Names) -> None:
        if current == target:
            return
        self._write(
            ox.NamedNode(graph),
            gone=[(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in current.triples(node) - target.triples(node)],
            added=[(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in target.triples(node) - current.triples(node)],
        )


def _with_union(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    for quad in quads:
        yield quad
        if isinstance(quad.graph_name, ox.NamedNode):
            yield ox.Quad(quad.subject, quad.predicate, quad.object)


def check_store(path: Path, must_exist: bool = True) -> None:
    """A usage error unless `path` is a store folder (or, for a writer, a new or empty folder)."""
    if not path.exists():
        if must_exist:
            raise UsageError(
                f"{display(path)}: no such store; make one with `kg build ARTICLES... --store {display(path)}`"
            )
        return
    if not path.is_dir():
        raise UsageError(f"{display(path)}: is a file, not a store folder; name a folder for --store")
    if not (path / "CURRENT").exists() and (must_exist or any(path.iterdir())):
        raise UsageError(
            f"{display(path)}: not an Oxigraph store; name a store folder made by `kg build --store`, or a new folder"
        )
