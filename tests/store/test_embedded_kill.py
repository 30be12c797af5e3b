"""`kg build --store` killed (kill -9) after any write it makes to the store loses no document,
half-writes none, keeps the union true to the documents' graphs, and is repaired by
building the same articles again.

The real console script runs in a subprocess; a sitecustomize module on its PYTHONPATH
counts the store's write calls (pyoxigraph Store.update, extend, remove, ...) with a
profile hook and stops the process (SIGSTOP) after the k-th; the test sends SIGKILL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..conftest import DATA, EXAMPLE
from ..util.test_fsutil import kg_exe, stopped

pytestmark = pytest.mark.slow

COUNTER = """
import atexit, os, signal, sys

_stop = int(os.environ.get("KG_TEST_STOP_AFTER_WRITE", "-1"))
_count_to = os.environ.get("KG_TEST_COUNT_WRITES_TO")
if _stop >= 0:
    _writes = {"update", "extend", "bulk_extend", "remove", "remove_graph", "add", "clear_graph", "bulk_load"}
    _seen = [0]

    def _profile(frame, event, arg):
        if event == "c_return" and getattr(arg, "__name__", "") in _writes:
            if type(getattr(arg, "__self__", None)).__name__ == "Store":
                _seen[0] += 1
                if _seen[0] == _stop:
                    os.kill(os.getpid(), signal.SIGSTOP)

    sys.setprofile(_profile)
    if _count_to:
        atexit.register(lambda: open(_count_to, "w").write(str(_seen[0])))
"""
INPUTS = [EXAMPLE, DATA / "page.html"]
SETTLED = {RDFS.label, SKOS.altLabel, RDF.type}


def build(store: Path, published: str, env: dict | None = None, wait: bool = True, fresh: bool = False):
    command = [kg_exe(), "build", *map(str, INPUTS), "--store", str(store), "--published", published]
    command += ["--fresh"] if fresh else []  # every document written again, not only the changed one
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if wait:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    return process


def graphs(store: Path) -> tuple[dict[str, Graph], Graph]:
    """Each document's graph, and the store's default graph (the union), read through kg export."""
    out = store.parent / f"{store.name}-{time.monotonic_ns()}.nq"
    result = subprocess.run([kg_exe(), "export", "--store", str(store), "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    named = {str(g.identifier): g for g in dataset.graphs() if isinstance(g.identifier, URIRef) and len(g)}
    named.pop("urn:x-rdflib:default", None)
    return named, out


def facts(graph: Graph) -> set:
    """A document's triples apart from the labels and classes settling may still be changing."""
    return {t for t in graph if t[1] not in SETTLED}


@pytest.fixture(scope="module")
def hooks(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("store-hooks")
    (folder / "sitecustomize.py").write_text(COUNTER, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def references(tmp_path_factory, hooks):
    """The store after the first build (old), after both (new), and how many writes the second makes."""
    folder = tmp_path_factory.mktemp("store-references")
    old, new = folder / "old", folder / "new"
    build(old, "2017-07-06")
    build(new, "2017-07-06")
    count = folder / "count"
    env = {
        **os.environ,
        "PYTHONPATH": str(hooks),
        "KG_TEST_STOP_AFTER_WRITE": "0",
        "KG_TEST_COUNT_WRITES_TO": str(count),
    }
    build(new, "2016-01-15", env=env, fresh=True)
    writes = int(count.read_text())
    assert writes >= len(INPUTS)  # at least one write per document
    return graphs(old)[0], graphs(new), writes


def test_a_store_build_killed_after_any_write_loses_and_halves_nothing(references, hooks, tmp_path):
    old, (new, new_export), writes = references
    assert set(old) == set(new) and all(facts(old[d]) != facts(new[d]) for d in old if "raqqa" in d)
    for k in sorted({k for k in (1, 2, 3, writes // 2, writes - 1, writes) if 1 <= k <= writes}):
        store = tmp_path / f"store-{k}"
        build(store, "2017-07-06")
        env = {**os.environ, "PYTHONPATH": str(hooks), "KG_TEST_STOP_AFTER_WRITE": str(k)}
        process = build(store, "2016-01-15", env=env, wait=False, fresh=True)
        deadline = time.monotonic() + 300
        while not stopped(process.pid):
            assert process.poll() is None, f"ended before write {k}: {process.stderr.read()!r}"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now, _ = graphs(store)
        assert set(now) == set(old), f"after write {k} of {writes}: documents lost or added"
        for doc, graph in now.items():
            assert facts(graph) in (facts(old[doc]), facts(new[doc])), f"after write {k}: {doc} half-written"
        union = subprocess.run(
            [kg_exe(), "query", str(_union_check(tmp_path)), "--store", str(store), "--format", "csv"],
            capture_output=True,
            text=True,
        )
        assert union.returncode == 0, union.stderr
        assert union.stdout.splitlines()[1:] == ["0,0"], f"after write {k}: the union no longer matches the graphs"
        build(store, "2016-01-15")  # the same articles again: repaired
        _, export = graphs(store)
        assert export.read_bytes() == new_export.read_bytes(), f"after write {k}: a rebuild did not repair the store"


def _union_check(folder: Path) -> Path:
    query = folder / "union.rq"
    query.write_text(
        "SELECT (COUNT(DISTINCT ?a) AS ?stale) (COUNT(DISTINCT ?b) AS ?missing) WHERE {\n"
        "  { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } BIND(1 AS ?a) }\n"
        "  UNION { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } BIND(1 AS ?b) }\n"
        "}\n",
        encoding="utf-8",
    )
    return query
