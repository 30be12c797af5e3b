"""`kg push` through the real console script, into a real Oxigraph server."""

from kg.store.endpoint import query

from .test_build_cli import kg


def test_push_writes_the_graph_and_says_what_it_sent(sparql_server, handful_build, tmp_path):
    out, built = handful_build
    sparql_server.reset()
    result = kg("push", "--graph", out / "graph.trig", "--endpoint", sparql_server.update)
    assert result.returncode == 0, result.stderr
    assert f"({built.documents} named graphs replaced) to {sparql_server.update}" in result.stdout
    _, _, rows, _ = query(sparql_server.query, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0][0]) == built.triples


def test_push_by_graph_store_protocol(sparql_server, handful_build):
    out, built = handful_build
    sparql_server.reset()
    result = kg(
        "push",
        *("--graph", out / "graph.trig", "--endpoint", sparql_server.store, "--protocol", "gsp"),
        *("--update-endpoint", sparql_server.update),
    )
    assert result.returncode == 0, result.stderr
    _, _, rows, _ = query(sparql_server.query, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0][0]) == built.documents


def test_push_mistakes_are_one_line_with_the_fix(sparql_server, handful_build, tmp_path):
    out, _ = handful_build
    cases = [
        (["--graph", tmp_path / "none.trig", "--endpoint", sparql_server.update], 2, "no such graph file"),
        (["--graph", out / "graph.ttl", "--endpoint", sparql_server.update], 2, "--into IRI"),
        (["--graph", out / "graph.trig", "--endpoint", "localhost:7878"], 2, "not an http(s) URL"),
        (["--graph", out / "graph.trig", "--endpoint", sparql_server.base + "/nowhere"], 1, "HTTP 404"),
        (["--graph", out / "graph.trig", "--store", tmp_path, "--endpoint", sparql_server.update], 2, "not both"),
    ]
    for args, code, message in cases:
        result = kg("push", *args)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr and result.stderr.strip().count("\n") == 0, result.stderr
        assert "Traceback" not in result.stderr


def test_push_help_is_complete():
    result = kg("push", "--help")
    for option in ("--endpoint", "--graph", "--store", "--protocol", "--into", "--update-endpoint", "--no-union"):
        assert option in result.stdout
    assert "KG_ENDPOINT_PASSWORD" in result.stdout
