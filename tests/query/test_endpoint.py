"""The named questions asked of a real SPARQL 1.1 server (Oxigraph's, on loopback) that `kg push`
filled, against the same graph in kg's local store: the answers must be the same."""

import pytest

from kg.errors import UsageError
from kg.query import QuerySession, QueryTimeout, from_text, list_queries
from kg.store.embedded import GraphStore
from kg.store.endpoint import push

from ..cli.test_build_cli import kg

# Values for the questions' required parameters, all named in ../shared/corpus.
REQUIRED = {"actor": "IS", "name": "Raqqa", "group": "SDF", "place": "Raqqa"}


@pytest.fixture(scope="module")
def corpus_store_and_server(corpus_build, sparql_server, tmp_path_factory):
    _, out, _ = corpus_build
    store = tmp_path_factory.mktemp("corpus-store") / "store"
    with GraphStore(store) as loading:
        loading.load(out / "graph.trig")
    sparql_server.reset()
    push(out / "graph.trig", sparql_server.update)
    return store, sparql_server


def _answers(result):
    return result.kind, result.variables, sorted(result.rows, key=repr), result.boolean


@pytest.mark.slow
@pytest.mark.corpus
def test_every_named_question_answers_the_same_from_the_server_as_from_the_store(corpus_store_and_server):
    store, server = corpus_store_and_server
    answered = 0
    with QuerySession(store=store) as local, QuerySession(endpoint=server.query) as remote:
        for question in list_queries():
            params = {p.name: REQUIRED[p.name] for p in question.params if p.required}
            mine = local.run(question, params, limit=None)
            theirs = remote.run(question, params, limit=None)
            assert _answers(theirs) == _answers(mine), question.name
            answered += bool(mine.rows)
    assert answered >= 8  # the comparison is not of empty answers


@pytest.mark.corpus
def test_limits_prefixes_and_mistakes_at_an_endpoint(corpus_store_and_server):
    _, server = corpus_store_and_server
    with QuerySession(endpoint=server.query) as remote:
        limited = remote.run("class-counts", {}, limit=2)
        assert len(limited.rows) == 2 and limited.truncated
        # kg's prefixes may be left undeclared, as with a local graph
        rows = remote.run(from_text("SELECT ?s WHERE { ?s a kg:City ; rdfs:label 'Raqqa' }"), {}).rows
        assert [str(r[0]) for r in rows] == ["https://w3id.org/newskg/id/raqqa"]
        with pytest.raises(UsageError, match="syntax error at line 1"):
            remote.run(from_text("SELECT ?s WHERE { ?s ?p }"), {})
        with pytest.raises(UsageError, match="read-only"):
            remote.run(from_text("DELETE WHERE { ?s ?p ?o }"), {})
    with pytest.raises(UsageError, match="not both"):
        QuerySession(graph="output/graph.ttl", endpoint=server.query)
    # tens of millions of solutions: seconds of work for the server, which kg stops waiting for
    slow = from_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }")
    with (
        QuerySession(endpoint=server.query, timeout=0.2) as hurried,
        pytest.raises(QueryTimeout, match=r"stopped after 0\.2 s"),
    ):
        hurried.run(slow, {})


@pytest.mark.corpus
def test_kg_query_endpoint_prints_what_kg_query_store_prints(corpus_store_and_server):
    store, server = corpus_store_and_server
    local = kg("query", "actor-events", "-p", "actor=IS", "--store", store, "--format", "csv")
    remote = kg("query", "actor-events", "-p", "actor=IS", "--endpoint", server.query, "--format", "csv")
    assert local.returncode == remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout and remote.stdout.count("\n") > 2
