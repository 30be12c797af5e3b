"""The embedded store: documents in their own graphs, replaced not doubled, settled like a batch build."""

import itertools
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS

from kg.document import Document
from kg.errors import DataError, UsageError
from kg.export import export
from kg.facts import DocumentFacts, Entity, Relation, Sentence
from kg.rdf import serialize
from kg.rdf.graph import KnowledgeGraph
from kg.rdf.mapping import document_iri, document_triples
from kg.rdf.namespace import DEFAULT_BASE, KG
from kg.store.embedded import LEDGER, GraphStore, open_read_only, open_store_graph

from ..conftest import load_seed_facts

RAQQA = URIRef(DEFAULT_BASE + "raqqa")


def doc(name, *entities, relations=()):
    sentences = [Sentence(0, 0, 1, f"{name} says so.")]
    return DocumentFacts(Document(name, "x"), sentences, list(entities), [], list(relations))


A = doc("a.txt", Entity("RAQQA", "Region", ("Al-Raqqa",)), Entity("Syria", "Country"))
B = doc(
    "b.txt", Entity("Raqqa", "City"), Entity("Syria", "Country"), relations=[Relation("Raqqa", "locatedIn", "Syria", 0)]
)
C = doc("c.txt", Entity("Raqqa", "City", ("Rakka",)))
B2 = doc("b.txt", Entity("Mosul", "City"))  # b.txt rebuilt: it no longer names Raqqa
C2 = doc("c.txt", Entity("Iraq", "Country"))


def batch_trig(facts):
    graph = KnowledgeGraph()
    graph.add_all(facts)
    graph.consolidate()
    return serialize.trig(graph.dataset, graph.base)


def put_all(store, facts):
    for f in facts:
        store.put(document_iri(DEFAULT_BASE, f.document.id), document_triples(f, DEFAULT_BASE))
    store.settle()


def store_trig(path, tmp_path):
    return export(tmp_path / "out.trig", store=path).read_bytes()


@pytest.mark.parametrize("order", list(itertools.permutations([A, B, C])))
def test_documents_added_one_at_a_time_settle_as_a_batch_build_does(tmp_path, order):
    with GraphStore(tmp_path / "s") as store:
        for facts in order:
            put_all(store, [facts])
    assert store_trig(tmp_path / "s", tmp_path) == batch_trig([A, B, C])


def test_a_rebuilt_document_replaces_its_graph_and_the_choice_can_go_back(tmp_path):
    with GraphStore(tmp_path / "s") as store:
        put_all(store, [A])
        put_all(store, [B, C])  # Raqqa (City) now outvotes RAQQA (Region): a.txt's graph is rewritten
        put_all(store, [B2, C2])  # ... and when they stop naming it, a.txt says again what it said
    assert store_trig(tmp_path / "s", tmp_path) == batch_trig([A, B2, C2])
    union = open_store_graph(tmp_path / "s")
    assert list(union.objects(RAQQA, RDFS.label)) == [Literal("RAQQA")]
    assert set(union.objects(RAQQA, SKOS.altLabel)) == {Literal("Al-Raqqa")}
    assert set(union.objects(RAQQA, RDF.type)) == {KG.Region}


def test_building_the_same_document_again_never_doubles(tmp_path):
    seed = load_seed_facts()
    with GraphStore(tmp_path / "s") as store:
        put_all(store, seed)
        once = len(store._db), store.triples()
        put_all(store, seed)
        assert (len(store._db), store.triples()) == once
        assert store.documents() == 2


def test_the_default_graph_is_the_union_with_each_triple_once(tmp_path):
    seed = load_seed_facts()
    with GraphStore(tmp_path / "s") as store:
        put_all(store, seed)
    union = open_store_graph(tmp_path / "s")
    expected = KnowledgeGraph()
    expected.add_all(seed)
    expected.consolidate()
    assert isomorphic(union, expected.union())
    assert len(union) == len(expected.union())
    label = (ox.NamedNode(DEFAULT_BASE + "islamic-state"), ox.NamedNode(str(RDFS.label)), ox.Literal("Islamic State"))
    with open_read_only(tmp_path / "s") as reader:
        stated = {str(q.graph_name) for q in reader.db.quads_for_pattern(*label)}
    assert stated == {"DEFAULT", f"<{DEFAULT_BASE}doc-seed-raqqa-txt>", f"<{DEFAULT_BASE}doc-seed-mosul-txt>"}


def test_a_triple_leaves_the_union_when_no_document_states_it(tmp_path):
    located = (RAQQA, KG.locatedIn, URIRef(DEFAULT_BASE + "syria"))
    with GraphStore(tmp_path / "s") as store:
        put_all(store, [A, B])
    assert located in open_store_graph(tmp_path / "s")
    with GraphStore(tmp_path / "s") as store:
        put_all(store, [B2])
    assert located not in open_store_graph(tmp_path / "s")


def test_load_fills_an_empty_store_like_a_build_and_replaces_graphs_in_a_full_one(tmp_path):
    trig = tmp_path / "seed.trig"
    trig.write_bytes(batch_trig(load_seed_facts()))
    with GraphStore(tmp_path / "s") as store:
        store.load(trig)
        assert store.documents() == 2
    assert store_trig(tmp_path / "s", tmp_path) == trig.read_bytes()
    with GraphStore(tmp_path / "t") as store:
        put_all(store, [A, B, C])
        store.load(trig)
    assert store_trig(tmp_path / "t", tmp_path) == batch_trig([A, B, C, *load_seed_facts()])


def test_a_store_made_without_kg_is_taken_as_written(tmp_path):
    trig = tmp_path / "seed.trig"
    trig.write_bytes(batch_trig(load_seed_facts()))
    raw = ox.Store(str(tmp_path / "s"))
    raw.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    raw.flush()
    del raw
    with GraphStore(tmp_path / "s") as store:
        assert (tmp_path / "s" / LEDGER).exists()
        put_all(store, [C])
    assert store_trig(tmp_path / "s", tmp_path) == batch_trig([*load_seed_facts(), C])


def test_one_writer_at_a_time(tmp_path):
    with GraphStore(tmp_path / "s"), pytest.raises(UsageError, match="open in another kg process"):
        GraphStore(tmp_path / "s")


def test_folders_that_are_not_stores_are_refused_with_the_fix(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("x")
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="not an Oxigraph store"):
        GraphStore(tmp_path / "notes")
    with pytest.raises(UsageError, match="is a file"):
        open_read_only(tmp_path / "file")
    with pytest.raises(UsageError, match="no such store; make one with `kg build"):
        open_read_only(tmp_path / "missing")
    with pytest.raises(UsageError, match="not an Oxigraph store"):
        open_read_only(tmp_path / "notes")


def test_load_refuses_formats_without_graphs_and_names_bad_files(tmp_path):
    (tmp_path / "g.ttl").write_text("<a:b> <a:c> <a:d> .")
    (tmp_path / "bad.trig").write_text("<a:g> { <a:b> <a:c> ")
    with GraphStore(tmp_path / "s") as store:
        with pytest.raises(UsageError, match=r"load a \.trig or \.nq file"):
            store.load(tmp_path / "g.ttl")
        with pytest.raises(DataError, match=r"bad\.trig: not valid"):
            store.load(tmp_path / "bad.trig")


def test_the_rdflib_view_is_read_only(tmp_path):
    with GraphStore(tmp_path / "s") as store:
        put_all(store, [A])
    view = open_store_graph(tmp_path / "s")
    assert (RAQQA, RDF.type, KG.Region) in view
    with pytest.raises(RuntimeError):
        view.add((RAQQA, RDF.type, KG.City))


def hold_open(code, store):
    """Another process holding the store open, as a concurrent kg command would."""
    proc = subprocess.Popen([sys.executable, "-c", code, str(store)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_a_store_being_written_is_not_read_and_one_being_read_is_not_written(tmp_path):
    with GraphStore(tmp_path / "s") as store:
        put_all(store, [A])
    writer = "import sys, time; from kg.store.embedded import GraphStore; s = GraphStore(sys.argv[1]); print('open', flush=True); time.sleep(60)"
    proc = hold_open(writer, tmp_path / "s")
    try:
        with pytest.raises(UsageError, match="`kg build --store` is writing to this store"):
            open_read_only(tmp_path / "s")
    finally:
        proc.kill()
        proc.wait()
    reader = "import sys, time; from kg.store.embedded import open_read_only; r = open_read_only(sys.argv[1]); print('open', flush=True); time.sleep(60)"
    proc = hold_open(reader, tmp_path / "s")
    try:
        with pytest.raises(UsageError, match="open in another kg process"):
            GraphStore(tmp_path / "s")
        with open_read_only(tmp_path / "s") as second:  # readers share
            assert len(second.db) > 0
    finally:
        proc.kill()
        proc.wait()
