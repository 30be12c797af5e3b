"""Shared fixtures. The real spaCy model runs on real text; nothing on the main path is mocked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "raqqa_wall.txt"
DATA = Path(__file__).resolve().parent / "data"
# The read-only shared folder beside the checkout (corpus, gold annotations, W3C suites).
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when this machine does not have it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus lives beside the checkout)")
    return path


@pytest.fixture(scope="session")
def extractor():
    from kg.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def example_facts(extractor):
    from kg.read.ingest import read_documents

    (document,) = list(read_documents([EXAMPLE], published="2017-07-06"))
    return extractor.extract_one(document)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory):
    """The example article built once through the library, as `kg build` does it."""
    from kg.build import build

    out = tmp_path_factory.mktemp("example")
    report = build([str(EXAMPLE)], out_dir=out, published="2017-07-06")
    return out, report


@pytest.fixture(scope="session")
def seed_graph(example_build):
    """The example article's graph as `kg build --published 2017-07-06` writes it, read back."""
    from kg.store.graphio import load_graph

    out, _ = example_build
    return load_graph(out / "graph.ttl")


@pytest.fixture(scope="session")
def hostile_graph():
    """tests/data/hostile.ttl: labels and sentences holding markup, events at known dates."""
    from kg.store.graphio import load_graph

    return load_graph(DATA / "hostile.ttl")


@pytest.fixture(scope="session")
def handful(tmp_path_factory):
    """A handful of short documents: the example article's paragraphs, one file each, sharing actors."""
    folder = tmp_path_factory.mktemp("handful")
    title, *paragraphs = [p.strip() for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for number, paragraph in enumerate(paragraphs, start=1):
        (folder / f"part{number}.txt").write_text(f"{title} ({number})\n\n{paragraph}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def handful_build(handful, tmp_path_factory):
    """The handful built in this process, one document after another: the reference for other engines."""
    from kg.build import build

    out = tmp_path_factory.mktemp("handful-out")
    return out, build([str(handful)], out_dir=out, published="2017-07-06")


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """Every article of ../shared/corpus built in this process: the reference for resumed builds."""
    from kg.build import build

    corpus = shared_path("corpus")
    out = tmp_path_factory.mktemp("corpus-out")
    return corpus, out, build([str(corpus)], out_dir=out, published="2017-07-06")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SparqlServer:
    """A real Oxigraph server (PyPI `oxigraph`) on loopback, in memory, for one test session."""

    def __init__(self, binary: str):
        import subprocess
        import time
        import urllib.request

        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.query, self.update, self.store = (f"{self.base}/{p}" for p in ("query", "update", "store"))
        self.process = subprocess.Popen(
            [binary, "serve", "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.query}?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"oxigraph serve did not start on port {port}") from None
                time.sleep(0.1)

    def reset(self) -> None:
        import urllib.request

        request = urllib.request.Request(
            self.update, data=b"DROP ALL", method="POST", headers={"Content-Type": "application/sparql-update"}
        )
        urllib.request.urlopen(request, timeout=30).read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except Exception:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def sparql_server():
    """An Oxigraph SPARQL 1.1 server on a free loopback port; skipped, saying why, when the
    `oxigraph` command (pip install oxigraph; `make test` installs it) is missing."""
    import shutil
    import sys

    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the Oxigraph server is not installed (pip install oxigraph; `make test` installs it)")
    server = SparqlServer(binary)
    yield server
    server.stop()


def load_seed_facts():
    """The two articles' facts of tests/data/seed_facts.json, as kg.facts dataclasses."""
    import json

    from kg.document import Document
    from kg.facts import DocumentFacts, Entity, Event, Relation, Sentence, TimeValue

    data = json.loads((DATA / "seed_facts.json").read_text(encoding="utf-8"))
    documents = []
    for doc in data["documents"]:
        text = " ".join(doc["sentences"])
        sentences, start = [], 0
        for i, sentence in enumerate(doc["sentences"]):
            sentences.append(Sentence(i, start, start + len(sentence), sentence))
            start += len(sentence) + 1
        entities = [Entity(e["label"], e["class"], tuple(e.get("aliases", ()))) for e in doc["entities"]]
        events = [
            Event(
                e["key"],
                e["class"],
                e["trigger"],
                e["sentence"],
                tuple(e.get("agents", ())),
                tuple(e.get("patients", ())),
                tuple(e.get("places", ())),
                TimeValue(*e["time"]) if "time" in e else None,
                e.get("confidence", 0.5),
            )
            for e in doc["events"]
        ]
        relations = [
            Relation(r["subject"], r["predicate"], r["object"], r["sentence"], 0.8, r.get("literal", False))
            for r in doc["relations"]
        ]
        document = Document(doc["id"], text, doc["title"], doc["published"], source=f"tests/data/{doc['id']}")
        documents.append(DocumentFacts(document, sentences, entities, events, relations))
    return documents


@pytest.fixture(scope="session")
def seed_files(tmp_path_factory):
    """The seed facts mapped by kg's own mapping and written as kg build writes: graph.ttl and graph.trig."""
    from kg.rdf import serialize
    from kg.rdf.graph import KnowledgeGraph

    graph = KnowledgeGraph()
    graph.add_all(load_seed_facts())
    graph.consolidate()
    out = tmp_path_factory.mktemp("seed")
    (out / "graph.ttl").write_bytes(serialize.turtle(graph.union()))
    (out / "graph.trig").write_bytes(serialize.trig(graph.dataset, graph.base))
    return out


@pytest.fixture(scope="session")
def example_store(tmp_path_factory):
    """The example article built once into an embedded store, as `kg build --store` does it."""
    from kg.build import build

    store = tmp_path_factory.mktemp("example-store") / "store"
    build([str(EXAMPLE)], store=store, published="2017-07-06")
    return store
