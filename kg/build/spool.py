"""The build's memory on disk: every finished document's graph, and the ledger that lets a build resume.

`kg build -o DIR` keeps DIR/.kg-build/spool.sqlite3. Each document's named graph goes in as
soon as a worker hands it back, with the document's id and a hash of its content, in one
SQLite transaction: an interrupted build (Ctrl-C, a crash, a killed machine) keeps every
document it finished, and the next run of the same command reads only the others. Documents
whose text or metadata changed are read again; so is everything when the IRI base, the
model or kg's extraction code or ontology changed (`--fresh` forces it).

graph.ttl and graph.trig are assembled from the spool at the end, with bounded memory
whatever the corpus size: one document's graph at a time for graph.trig (settled: one label
and one class per entity across the documents, chosen as `KnowledgeGraph.consolidate`
does), and the union for graph.ttl sorted on disk by SQLite, then written a subject at a
time. Only the documents of this run go into the files; the others are dropped from the
spool when the files are written.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF

from kg.build.worker import DocumentRecord, Settings
from kg.errors import KGError, UsageError
from kg.paths import display
from kg.rdf.graph import ENTITY_TYPES, Names, choose, settle
from kg.rdf.turtle import TurtleTerms, write_graph, write_named_graph
from kg.store.oxigraph import to_ox
from kg.util.fsutil import atomic_text_writer

SPOOL_DIR = ".kg-build"


@contextlib.contextmanager
def ledger_errors(folder: str | Path):
    """SQLite's failures (a full disk, a file over the size limit, an I/O error) as one line
    naming the ledger's folder, not a traceback: the graph files are written only after."""
    try:
        yield
    except sqlite3.Error as err:
        raise KGError(
            f"{display(folder)}: cannot write it ({err}); nothing was replaced: free space or check the disk, then run kg again"
        ) from None


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    graph TEXT PRIMARY KEY, id TEXT, digest TEXT, events INTEGER, relations INTEGER, run INTEGER, triples BLOB);
CREATE TABLE IF NOT EXISTS names (graph TEXT, entity TEXT, said TEXT, PRIMARY KEY (graph, entity));
CREATE INDEX IF NOT EXISTS names_by_entity ON names (entity);
"""
_TYPE = f"<{RDF.type}>"
_ENTITY_TYPES = sorted(f"<{t}>" for t in ENTITY_TYPES)


class Ledger:
    """Which documents a build finished, and from what content: `resume` and `record` them.
    One build at a time holds a folder's ledger."""

    def __init__(self, folder: Path, settings: Settings, fresh: bool = False, name: str = "spool"):
        self.folder = folder
        self.settings = settings
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UsageError(
                f"{display(folder)}: cannot write it ({err.strerror}); give a folder kg may create or write to"
            ) from None
        self._lock = _lock(self.folder, f"{name}.lock")
        self.db = sqlite3.connect(self.folder / f"{name}.sqlite3", isolation_level=None)
        # WAL with synchronous=NORMAL: a commit survives the process dying at any point (a power
        # cut may lose the last few), and costs no fsync, so committing per document is cheap.
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        wanted = {"base": settings.base, "model": settings.model or "", "code": settings.fingerprint}
        have = dict(self.db.execute("SELECT key, value FROM meta"))
        with self.transaction():
            if fresh or {k: have.get(k) for k in wanted} != wanted:
                self.db.execute("DELETE FROM documents")
                self.db.execute("DELETE FROM names")
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", wanted.items())
            self.run = 1 + (self.db.execute("SELECT MAX(run) FROM documents").fetchone()[0] or 0)
        self.resumed = 0

    @contextlib.contextmanager
    def transaction(self):
        """One SQLite transaction, whole or not at all. The connection is in autocommit mode
        (isolation_level=None), where `with self.db:` opens none: each statement would commit
        alone, and a Ctrl-C between a document's row and its names would keep the one without
        the other."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def resume(self, graph: str, digest: str) -> bool:
        """True when an earlier run finished this document as it is now: it joins this run unread."""
        with self.transaction():
            cursor = self.db.execute(
                "UPDATE documents SET run = ? WHERE graph = ? AND digest = ?", (self.run, graph, digest)
            )
        self.resumed += cursor.rowcount
        return cursor.rowcount > 0

    def record(self, items: list[tuple[DocumentRecord, list[tuple[str, str, str]]]]) -> None:
        """Finished documents, in one transaction: a ledger keeps no triples (its store does)."""
        with self.transaction():
            for record, _ in items:
                self._record(record, None)

    def _record(self, record: DocumentRecord, triples: bytes | None) -> None:
        self.db.execute("DELETE FROM names WHERE graph = ?", (record.graph,))
        self.db.execute(
            "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            (record.graph, record.id, record.digest, record.events, record.relations, self.run, triples),
        )

    def totals(self) -> tuple[int, int, int]:
        """Documents, events and relations of this run's documents (read now or earlier)."""
        row = self.db.execute(
            "SELECT COUNT(*), SUM(events), SUM(relations) FROM documents WHERE run = ?", (self.run,)
        ).fetchone()
        return row[0], row[1] or 0, row[2] or 0

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None


class Spool(Ledger):
    """The ledger of an output folder (OUT/.kg-build) that also keeps each document's graph."""

    def __init__(self, out_dir: str | Path, settings: Settings, fresh: bool = False):
        self.out = Path(out_dir)
        super().__init__(self.out / SPOOL_DIR, settings, fresh)

    def add(self, items: list[tuple[DocumentRecord, list[tuple[str, str, str]]]]) -> None:
        """Finished documents with their triples (N-Triples terms), kept in one transaction."""
        with self.transaction():
            for record, triples in items:
                lines = "".join(f"{s}\t{p}\t{o}\n" for s, p, o in triples)
                self._record(record, zlib.compress(lines.encode("utf-8"), 1))
                self.db.executemany(
                    "INSERT INTO names VALUES (?, ?, ?)",
                    ((record.graph, entity, names.to_json()) for entity, names in sorted(record.names.items())),
                )

    # ------------------------------------------------------------------ at the end

    def write_files(self) -> tuple[list[Path], Counter, int]:
        """graph.trig and graph.ttl for this run's documents; returns the paths, entities by class
        and the number of triples in the union."""
        self._choose()
        terms = TurtleTerms(self.settings.base)
        union_path = self.folder / "union.sqlite3"
        union_path.unlink(missing_ok=True)
        union = sqlite3.connect(union_path, isolation_level=None)
        try:
            union.execute("PRAGMA journal_mode=OFF")
            union.execute("PRAGMA synchronous=OFF")
            union.execute("CREATE TABLE t (s TEXT, p TEXT, o TEXT, PRIMARY KEY (s, p, o)) WITHOUT ROWID")
            trig_path, ttl_path = self.out / "graph.trig", self.out / "graph.ttl"
            with atomic_text_writer(trig_path) as trig, atomic_text_writer(ttl_path) as ttl:
                trig.write(terms.header())
                union.execute("BEGIN")
                for graph, triples in self._settled_graphs():
                    write_named_graph(trig, terms, f"<{graph}>", triples)
                    union.executemany("INSERT OR IGNORE INTO t VALUES (?, ?, ?)", triples)
                union.execute("COMMIT")
                ttl.write(terms.header())
                count = write_graph(ttl, terms, union.execute("SELECT s, p, o FROM t ORDER BY s, p, o"))
            marks = ",".join("?" * len(_ENTITY_TYPES))
            by_class = Counter(
                {
                    o[1:-1].rsplit("#", 1)[-1]: n
                    for o, n in union.execute(
                        f"SELECT o, COUNT(*) FROM t WHERE p = ? AND o IN ({marks}) GROUP BY o", (_TYPE, *_ENTITY_TYPES)
                    )
                }
            )
        finally:
            union.close()
            union_path.unlink(missing_ok=True)
        with self.transaction():  # documents not in this run's input are not in the files: forget them
            self.db.execute(
                "DELETE FROM names WHERE graph IN (SELECT graph FROM documents WHERE run != ?)", (self.run,)
            )
            self.db.execute("DELETE FROM documents WHERE run != ?", (self.run,))
        return [ttl_path, trig_path], +by_class, count

    def _choose(self) -> None:
        """One label and one class per entity, from the votes of this run's documents."""
        self.db.execute("DROP TABLE IF EXISTS temp.choice")
        self.db.execute("CREATE TEMP TABLE choice (entity TEXT PRIMARY KEY, label TEXT, class TEXT)")
        rows = self.db.execute(
            "SELECT n.entity, n.said FROM names n JOIN documents d ON d.graph = n.graph WHERE d.run = ? ORDER BY n.entity",
            (self.run,),
        )
        entity, labels, classes = None, Counter(), Counter()
        with self.transaction():
            for name, said in rows:  # one entity's votes in memory at a time
                if name != entity:
                    if entity is not None:
                        self._keep_choice(entity, labels, classes)
                    entity, labels, classes = name, Counter(), Counter()
                names = Names.from_json(said)
                labels.update(names.labels)
                classes.update(names.classes)
            if entity is not None:
                self._keep_choice(entity, labels, classes)

    def _keep_choice(self, entity: str, labels: Counter, classes: Counter) -> None:
        label, cls = choose(labels, classes)
        self.db.execute(
            "INSERT INTO choice VALUES (?, ?, ?)",
            (entity, None if label is None else str(to_ox(label)), None if cls is None else str(cls)),
        )

    def _settled_graphs(self) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
        """This run's documents in IRI order, each graph with its entities' names settled."""
        graphs = [
            g for (g,) in self.db.execute("SELECT graph FROM documents WHERE run = ? ORDER BY graph", (self.run,))
        ]
        for graph in graphs:  # one document's graph in memory at a time
            (blob,) = self.db.execute("SELECT triples FROM documents WHERE graph = ?", (graph,)).fetchone()
            triples = set(_triples(blob, graph))
            for entity, said, label, cls in self.db.execute(
                "SELECT n.entity, n.said, c.label, c.class FROM names n JOIN choice c USING (entity) WHERE n.graph = ?",
                (graph,),
            ):
                names = Names.from_json(said)
                best_label = _literal(label) if label is not None else None
                best_class = URIRef(cls) if cls is not None else None
                target = settle(names, best_label, best_class)
                node = URIRef(entity)
                triples -= {_nt(t) for t in names.triples(node) - target.triples(node)}
                triples |= {_nt(t) for t in target.triples(node) - names.triples(node)}
            yield graph, sorted(triples)


def _triples(blob: bytes, graph: str) -> Iterator[tuple[str, str, str]]:
    text = zlib.decompress(blob).decode("utf-8")
    for line in text.split("\n"):
        if line:
            s, p, o = line.split("\t")
            yield s, p, o


def _nt(triple: tuple) -> tuple[str, str, str]:
    s, p, o = triple
    return str(to_ox(s)), str(to_ox(p)), str(to_ox(o))


@functools.lru_cache(maxsize=4096)
def _literal(text: str):
    """The rdflib Literal of an N-Triples literal."""
    from kg.store.oxigraph import from_ox

    quad = next(iter(ox.parse(input=f"<x:s> <x:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES)))
    return from_ox(quad.object)


def _lock(folder: Path, name: str):
    """An exclusive lock on a ledger: two builds into one folder would mix their documents."""
    if fcntl is None:
        return None
    handle = open(folder / name, "a+b")  # noqa: SIM115 - held for the build's lifetime
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        where = folder.parent if folder.name == SPOOL_DIR else folder
        raise UsageError(
            f"{display(where)}: another `kg build` is writing here; wait for it or choose another folder"
        ) from None
    return handle


def spool_exists(out_dir: str | Path) -> bool:
    return os.path.exists(Path(out_dir) / SPOOL_DIR / "spool.sqlite3")
