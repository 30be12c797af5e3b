"""Running questions: on every kind of graph, bounded in rows and in time, never writing, never pasting."""

import threading
import time

import pytest
from rdflib import Dataset, Graph, URIRef

from kg.errors import DataError, UsageError
from kg.query import QuerySession, QueryTimeout, from_text, run_query
from kg.rdf.mapping import document_iri, document_triples
from kg.rdf.namespace import DEFAULT_BASE
from kg.store.embedded import GraphStore

from ..conftest import load_seed_facts

RUNAWAY = from_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", "runaway")


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed-store") / "store"
    with GraphStore(path) as store:
        for facts in load_seed_facts():
            store.put(document_iri(DEFAULT_BASE, facts.document.id), document_triples(facts, DEFAULT_BASE))
        store.settle()
    return path


@pytest.fixture(scope="module")
def seed(seed_files):
    with QuerySession(graph=seed_files / "graph.ttl") as session:
        yield session


def labels(result):
    return [tuple(str(t) for t in row) for row in result.rows]


def test_every_kind_of_graph_gives_the_same_answers(seed_files, seed_store):
    trig = Dataset()
    trig.parse(seed_files / "graph.trig", format="trig")
    sources = [
        {"graph": seed_files / "graph.ttl"},
        {"graph": seed_files / "graph.trig"},
        {"store": seed_store},
        {"data": Graph().parse(seed_files / "graph.ttl")},
        {"data": trig},
    ]
    questions = [("class-counts", {}), ("co-occurrence", {}), ("place-timeline", {"place": "Mosul"})]
    answers = []
    for source in sources:
        with QuerySession(**source) as session:
            answers.append([labels(session.run(name, params)) for name, params in questions])
    assert all(answer == answers[0] for answer in answers[1:])
    assert all(answers[0])


def test_a_value_that_looks_like_query_text_is_only_a_value(seed):
    hostile = 'x" } UNION { ?s ?p ?o } #'
    assert seed.run("alias-lookup", {"name": hostile}).rows == []
    assert seed.run("actor-events", {"actor": hostile}).rows == []
    assert seed.run("alias-lookup", {"name": "isis"}).rows  # the same question finds what is there


def test_rows_are_capped_unless_asked_otherwise(seed):
    everything = seed.run("class-counts", limit=None)
    assert not everything.truncated and len(everything.rows) > 5
    capped = seed.run("class-counts", limit=3)
    assert capped.truncated and capped.rows == everything.rows[:3]
    exact = seed.run("class-counts", limit=len(everything.rows))
    assert not exact.truncated and exact.rows == everything.rows


def test_a_runaway_query_is_stopped_and_the_next_one_runs(seed_files):
    with QuerySession(graph=seed_files / "graph.ttl", timeout=1) as session:
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="runaway: stopped after 1 s"):
            session.run(RUNAWAY)
        assert time.monotonic() - started < 10
        assert session.run("class-counts").rows


def test_a_worker_that_dies_mid_query_is_reported_not_waited_for(seed_files):
    with QuerySession(graph=seed_files / "graph.ttl", timeout=None) as session:
        session.run("class-counts")
        threading.Timer(0.5, session._worker._process.kill).start()
        with pytest.raises(DataError, match="the query process ended unexpectedly"):
            session.run(RUNAWAY)
        assert session.run("class-counts").rows


def test_refused_queries_never_reach_the_graph(seed_files):
    with QuerySession(graph=seed_files / "graph.ttl") as session:
        for text in ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "DROP ALL"):
            with pytest.raises(UsageError, match="is refused"):
                session.run(from_text(text, "bad.rq"))
        assert session._worker is None  # no worker was even started


def test_a_syntax_error_names_the_line_and_column_of_the_file(tmp_path, seed_files):
    query = tmp_path / "broken.rq"
    query.write_text(
        "# title: Broken\n# param name (string, optional): x\nSELECT ?s WHERE {\n  ?s ?p ?name .\n  BIND(1 AS )\n}\n"
    )
    with pytest.raises(UsageError, match=r"broken.rq: syntax error at line 5, column 13: expected"):
        run_query(str(query), {"name": "x"}, graph=seed_files / "graph.ttl")


def test_ask_and_construct_answer_in_their_own_shapes(seed):
    ask = seed.run(from_text("ASK { ?s a <https://w3id.org/newskg/ontology#Capture> }"))
    assert ask.kind == "ask" and ask.boolean is True
    built = seed.run(
        from_text("CONSTRUCT { ?s <http://e/said> ?o } WHERE { ?s <https://w3id.org/newskg/ontology#role> ?o }")
    )
    assert built.kind == "graph" and built.variables == ["subject", "predicate", "object"]
    assert built.rows == [(URIRef(DEFAULT_BASE + "brett-mcgurk"), URIRef("http://e/said"), built.rows[0][2])]


def test_graphs_that_cannot_be_read_are_named(tmp_path):
    (tmp_path / "bad.ttl").write_text("<a:b> <a:c> .")
    (tmp_path / "g.xyz").write_text("x")
    cases = [
        ({"graph": tmp_path / "missing.ttl"}, UsageError, "missing.ttl: no such graph file; run `kg build` first"),
        ({"graph": tmp_path / "g.xyz"}, UsageError, "g.xyz: unknown graph format"),
        ({"graph": tmp_path / "bad.ttl"}, DataError, "bad.ttl: not valid"),
        ({"store": tmp_path / "nostore"}, UsageError, "nostore: no such store"),
        ({"graph": tmp_path / "bad.ttl", "store": tmp_path}, UsageError, "not both"),
    ]
    for source, error, message in cases:
        with pytest.raises(error, match=message):
            run_query("class-counts", **source)
