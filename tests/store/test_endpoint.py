"""kg push and endpoint queries against a real SPARQL 1.1 server (Oxigraph's, on loopback)."""

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import DataError, UsageError
from kg.store.endpoint import Endpoint, push, query


def _server_graph(server, where: str) -> Graph:
    _, _, rows, _ = query(server.query, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
    graph = Graph()
    for row in rows:
        graph.add(row)
    return graph


def _count(server, where: str) -> int:
    _, _, rows, _ = query(server.query, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(rows[0][0])


@pytest.mark.parametrize("protocol", ["update", "gsp"])
def test_pushed_graphs_are_the_documents_graphs_and_the_default_graph_their_union(
    sparql_server, handful_build, protocol
):
    out, built = handful_build
    sparql_server.reset()
    endpoint = sparql_server.update if protocol == "update" else sparql_server.store
    report = push(out / "graph.trig", endpoint, protocol=protocol, batch=100, update_endpoint=sparql_server.update)
    assert report.graphs == built.documents and report.requests > report.graphs  # batches of 100 triples
    local = Dataset()
    local.parse(out / "graph.trig", format="trig")
    for name in {g.identifier for g in local.graphs() if len(g)}:
        assert isomorphic(_server_graph(sparql_server, f"GRAPH <{name}> {{ ?s ?p ?o }}"), local.graph(name)), name
    assert _count(sparql_server, "?s ?p ?o") == built.triples  # each triple once, as in graph.ttl
    assert isomorphic(_server_graph(sparql_server, "?s ?p ?o"), Graph().parse(out / "graph.ttl"))


def test_pushing_again_replaces_instead_of_doubling(sparql_server, handful_build, tmp_path):
    out, _ = handful_build
    sparql_server.reset()
    push(out / "graph.trig", sparql_server.update)
    quads = _count(sparql_server, "GRAPH ?g { ?s ?p ?o }")
    push(out / "graph.trig", sparql_server.update)
    assert _count(sparql_server, "GRAPH ?g { ?s ?p ?o }") == quads
    # a document rebuilt with fewer facts: its old triples leave its graph and the union
    local = Dataset()
    local.parse(out / "graph.trig", format="trig")
    name = sorted(g.identifier for g in local.graphs() if len(g))[0]
    smaller = Dataset()
    for triple in list(local.graph(name))[:5]:
        smaller.graph(name).add(triple)
    path = tmp_path / "one.nq"
    path.write_bytes(smaller.serialize(format="nquads", encoding="utf-8"))
    push(path, sparql_server.update)
    assert _count(sparql_server, f"GRAPH <{name}> {{ ?s ?p ?o }}") == 5
    gone = next(t for t in local.graph(name) if t not in set(smaller.graph(name)) and _only_in(local, name, t))
    assert _count(sparql_server, " ".join(term.n3() for term in gone) + " .") == 0


def _only_in(dataset: Dataset, name, triple) -> bool:
    return all(triple not in g for g in dataset.graphs() if g.identifier != name)


def test_a_turtle_file_goes_into_the_graph_named_for_it(sparql_server, handful_build):
    out, built = handful_build
    sparql_server.reset()
    with pytest.raises(UsageError, match="holds triples in no named graph"):
        push(out / "graph.ttl", sparql_server.update)
    push(out / "graph.ttl", sparql_server.update, into="https://example.org/graphs/news")
    assert _count(sparql_server, "GRAPH <https://example.org/graphs/news> { ?s ?p ?o }") == built.triples


def test_query_answers_select_ask_and_construct_as_rdflib_terms(sparql_server, handful_build):
    out, _ = handful_build
    sparql_server.reset()
    push(out / "graph.trig", sparql_server.update)
    kind, variables, rows, _ = query(
        sparql_server.query,
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?l ?none WHERE { ?s rdfs:label ?l "
        'FILTER(?l = "Raqqa") OPTIONAL { ?s <urn:x:none> ?none } }',
    )
    assert kind == "select" and variables == ["s", "l", "none"]
    assert rows == [(URIRef("https://w3id.org/newskg/id/raqqa"), Literal("Raqqa"), None)]
    assert query(sparql_server.query, "ASK { ?s ?p ?o }")[::3] == ("ask", True)
    kind, _, rows, _ = query(sparql_server.query, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
    assert kind == "graph" and len(rows) == 3


def test_server_mistakes_are_clear_errors(sparql_server, handful_build, tmp_path):
    out, _ = handful_build
    with pytest.raises(DataError, match="HTTP 400"):
        query(sparql_server.query, "SELECT nonsense")
    with pytest.raises(UsageError, match="cannot reach the server"):
        push(out / "graph.trig", f"http://127.0.0.1:{_closed_port()}/update")
    with pytest.raises(UsageError, match="not an http"):
        Endpoint("ftp://example.org/sparql")
    with pytest.raises(UsageError, match="--update-endpoint"):
        push(out / "graph.trig", sparql_server.store, protocol="gsp")


def _closed_port() -> int:
    from ..conftest import _free_port

    return _free_port()


def test_a_store_pushes_its_named_graphs(sparql_server, handful_build, tmp_path):
    from kg.store.embedded import GraphStore

    out, built = handful_build
    with GraphStore(tmp_path / "store") as store:
        store.load(out / "graph.trig")
    sparql_server.reset()
    report = push(tmp_path / "store", sparql_server.update, store=True)
    assert report.graphs == built.documents
    assert _count(sparql_server, "GRAPH ?g { ?s ?p ?o }") == _count_quads(out / "graph.trig")
    assert isomorphic(_server_graph(sparql_server, "?s ?p ?o"), Graph().parse(out / "graph.ttl"))


def _count_quads(path) -> int:
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
