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
    from kg.ingest import read_documents

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
    from kg.graphio import load_graph

    out, _ = example_build
    return load_graph(out / "graph.ttl")


@pytest.fixture(scope="session")
def hostile_graph():
    """tests/data/hostile.ttl: labels and sentences holding markup, events at known dates."""
    from kg.graphio import load_graph

    return load_graph(DATA / "hostile.ttl")


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
