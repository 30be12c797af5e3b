"""Hostile queries and parameter values: nothing is pasted into a query, nothing is written,
nothing reaches the network, nothing runs for ever, and every refusal is one line.

A local HTTP server stands in for the network: the tests count the requests it receives.
"""

from __future__ import annotations

import hashlib
import http.server
import re
import subprocess
import sys
import threading

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal

from kg.errors import DataError, UsageError
from kg.query import QuerySession, QueryTimeout, from_text, run_query

from ..cli.test_build_cli import kg


class Web:
    """A local SPARQL endpoint and web server that records every request and answers each
    with an empty result, so that a query that reached it would otherwise succeed."""

    def __init__(self):
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                outer.requests.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                self.wfile.write(b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}')

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture()
def web():
    server = Web()
    yield server
    server.close()


@pytest.fixture(scope="module")
def session(seed_files):
    with QuerySession(graph=seed_files / "graph.ttl") as opened:
        yield opened


# SERVICE as SPARQL reads it, however it is dressed: Oxigraph ends a keyword at the first
# character a keyword cannot hold, so `"x".SERVICE` is a literal, a dot and SERVICE.
SERVICE_DISGUISES = [
    "SELECT * WHERE { ?s ?p ?o . SERVICE <{url}> { ?x ?y ?z } }",
    "select * where { ?s ?p ?o service silent <{url}> { ?x ?y ?z } }",
    'SELECT * WHERE { ?s ?p "x".SERVICE <{url}> { ?x ?y ?z } }',
    'SELECT * WHERE { ?s ?p "x"@en.SERVICE <{url}> { ?x ?y ?z } }',
    "SELECT * WHERE { ?s ?p true.SERVICE <{url}> { ?x ?y ?z } }",
    "SELECT * WHERE { ?s ?p [].SERVICE <{url}> { ?x ?y ?z } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE <{url}> { ?x ?y ?z } }",
    "SELECT * WHERE { ?s ?p <a:b>.SERVICE <{url}> { ?x ?y ?z } }",
    "SELECT * WHERE { ?s ?p ?o }SERVICE<{url}>{ ?x ?y ?z }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?x ?y ?z } } }",
    "SELECT * WHERE { ?s ?p ?o # a comment\n SERVICE\n<{url}> { ?x ?y ?z } }",
    "SELECT * WHERE { BIND(<{url}> AS ?u) ?s ?p ?o SERVICE ?u { ?x ?y ?z } }",
    "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o SERVICE <{url}> { ?x ?y ?z } } } }",
]


@pytest.mark.parametrize("text", SERVICE_DISGUISES)
def test_service_in_any_disguise_is_refused_before_anything_runs(seed_files, web, text):
    with QuerySession(graph=seed_files / "graph.ttl") as fresh:
        with pytest.raises(UsageError, match=r"q\.rq:\d+:\d+: SERVICE is refused"):
            fresh.run(from_text(text.replace("{url}", web.url), "q.rq"))
        assert fresh._worker is None, "no worker was started"
    assert web.requests == []


def test_the_query_worker_itself_has_no_network(session, web):
    """Should a SERVICE ever slip past the check, the worker has no network to use it on: the
    job is sent to it directly here, bypassing the check."""
    probe = subprocess.run(
        [sys.executable, "-c", "from kg.util.child import cut_network; print(cut_network())"],
        capture_output=True,
        text=True,
    )
    if probe.stdout.strip() != "True":
        pytest.skip("this kernel lets no process leave the network; the SERVICE check stands alone here")
    text = f"SELECT * WHERE {{ ?s ?p ?o SERVICE <{web.url}> {{ ?x ?y ?z }} }} LIMIT 1"
    with pytest.raises(DataError):
        session._opened().ask(("query", text, text, "smuggled.rq", None), timeout=60)
    assert web.requests == []


UPDATES = [
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "insert data { <http://e/a> <http://e/b> <http://e/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <{url}>",
    "LOAD SILENT <{url}> INTO GRAPH <http://e/g>",
    "CLEAR ALL",
    "DROP DEFAULT",
    "CREATE GRAPH <http://e/g>",
    "ADD DEFAULT TO <http://e/g>",
    "MOVE DEFAULT TO <http://e/g>",
    "COPY DEFAULT TO <http://e/g>",
    "SELECT * WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ?p ?o }",
    'SELECT * WHERE { ?s ?p "x".DELETE }',
]


def test_updates_are_refused_and_neither_file_nor_store_changes(seed_files, example_store, web, tmp_path):
    def fingerprint():
        digest = hashlib.sha256((seed_files / "graph.ttl").read_bytes())
        for path in sorted(example_store.rglob("*")):
            if path.is_file():
                digest.update(path.name.encode() + path.read_bytes())
        return digest.hexdigest()

    before = fingerprint()
    for number, text in enumerate(UPDATES):
        query = tmp_path / f"update-{number}.rq"
        query.write_text(text.replace("{url}", web.url), encoding="utf-8")
        for source in (["--graph", seed_files / "graph.ttl"], ["--store", example_store]):
            result = kg("query", query, *source)
            assert result.returncode == 2 and "Traceback" not in result.stderr, (text, result.stderr)
            assert result.stderr.count("\n") == 1 and "is refused: kg queries are read-only" in result.stderr, text
    assert fingerprint() == before
    assert web.requests == []


PROBE = from_text("# param v (string, required): any text at all\nSELECT ?v WHERE { }", "probe.rq")
# Any text but lone surrogates (refused: see below): quotes, braces, comments, newlines, NUL,
# backslashes and escapes that would end the literal if it were pasted into the query.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
HOSTILE_VALUES = st.one_of(
    TEXT,
    st.sampled_from(
        [
            'x" } UNION { ?s ?p ?o } #',
            "x' } ; DROP ALL #",
            '\\" . ?s ?p ?o . FILTER("',
            '"""',
            "\\u0022 } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } #",
            ") } } SELECT * WHERE { ?s ?p ?o",
            "\x00\n\r\t",
        ]
    ),
)


@settings(max_examples=60, deadline=None)
@given(HOSTILE_VALUES)
def test_a_parameter_value_arrives_as_exactly_one_literal_whatever_it_holds(session, value):
    result = session.run(PROBE, {"v": value})
    assert result.rows == [(Literal(value),)]


def test_a_value_with_a_lone_surrogate_is_refused_in_one_line(session):
    with pytest.raises(UsageError, match="holds a lone surrogate"):
        session.run(PROBE, {"v": "a\ud800b"})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["place-timeline", "-p", "place=Raqqa", "-p", "from=yesterday"], "from takes a date as YYYY, YYYY-MM"),
        (["place-timeline", "-p", "place=Raqqa", "-p", "from=2014-02-31"], "from takes a date"),
        (["place-timeline", "-p", "place=Raqqa", "-p", 'to=2014" } ; DROP ALL #'], "to takes a date"),
        (["co-occurrence", "-p", "min=1.5"], "min takes a whole number"),
        (["co-occurrence", "-p", "min=1 } UNION { ?s ?p ?o"], "min takes a whole number"),
        (["actor-events", "-p", "actor=ISIS", "-p", "nope=1"], "no parameter called 'nope'"),
        (["actor-events", "-p", "ACTOR=ISIS"], "no parameter called 'ACTOR'"),
        (["actor-events"], "needs --param actor="),
        (["actor-events", "-p", "actor"], "write it as NAME=VALUE"),
    ],
)
def test_unknown_missing_and_mistyped_parameters_are_one_line_and_exit_2(seed_files, args, message):
    result = kg("query", *args, "--graph", seed_files / "graph.ttl")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_every_parameter_type_refuses_what_it_cannot_be(tmp_path, seed_files):
    query = tmp_path / "typed.rq"
    query.write_text(
        "# param n (decimal, optional): a number\n# param b (boolean, optional): yes or no\n"
        "# param i (iri, optional): a resource\nSELECT ?n ?b ?i WHERE { }\n",
        encoding="utf-8",
    )
    for value, message in (
        ("n=NaN", "n takes a finite number"),
        ("n=1e99999", "n takes a number written out in at most 40 characters"),
        ("n=0.5 } #", "n takes a number"),
        ("b=maybe", "b takes true or false"),
        ("i=not an iri", "i takes an absolute IRI"),
        ("i=http://e/a> } ; DROP ALL #", "i takes a valid absolute IRI"),
    ):
        result = kg("query", query, "-p", value, "--graph", seed_files / "graph.ttl")
        assert result.returncode == 2 and "Traceback" not in result.stderr, (value, result.stderr)
        assert message in result.stderr and result.stderr.count("\n") == 1, (value, result.stderr)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}\n",
        "SELECT * WHERE { ?s ?p ?o ",
        "# title: x\n# param name (string, optional): a name\nSELECT ?name WHERE {\n  ?s ?p ?name ) .\n}\n",
        'SELECT * WHERE { ?s ?p "unterminated }\n',
        "SELEKT * WHERE { ?s ?p ?o }",
    ],
)
def test_a_syntax_error_says_the_line_and_column_in_the_file(seed_files, tmp_path, text):
    """Where Oxigraph finds the error in the file as written, even when a parameter's VALUES
    block has been bound into the copy that runs."""
    with pytest.raises(SyntaxError) as caught:
        pyoxigraph.Store().query(text)
    line, column = re.search(r"error at (\d+):(\d+)", str(caught.value)).groups()
    query = tmp_path / "broken.rq"
    query.write_text(text, encoding="utf-8")
    args = ["-p", "name=ISIS"] if "param name" in text else []
    result = kg("query", query, *args, "--graph", seed_files / "graph.ttl")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"broken.rq: syntax error at line {line}, column {column}" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def test_a_cross_join_is_stopped_at_the_timeout_by_killing_its_process(seed_files):
    with QuerySession(graph=seed_files / "graph.ttl", timeout=1) as timed:
        timed.run("class-counts")
        worker = timed._worker._process
        with pytest.raises(QueryTimeout, match="stopped after 1 s"):
            timed.run(from_text(CROSS_JOIN, "cross.rq"))
        assert worker.poll() is not None, "the worker running the join was killed, not left to run"
        assert timed.run("class-counts").rows, "the next question gets a fresh worker"


def test_kg_query_stops_a_cross_join_in_one_line(seed_files, tmp_path):
    query = tmp_path / "cross.rq"
    query.write_text(CROSS_JOIN, encoding="utf-8")
    # The subprocess timeout only guards the test run; the query's own limit is 1 s.
    result = kg("query", query, "--graph", seed_files / "graph.ttl", "--timeout", "1")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1
    assert result.stderr.endswith("cross.rq: stopped after 1 s; narrow the question or give a longer --timeout\n")


def test_a_table_never_sends_a_terminal_the_control_codes_a_graph_holds(tmp_path):
    graph = tmp_path / "graph.nt"
    graph.write_text(
        '<http://e/a> <http://www.w3.org/2000/01/rdf-schema#label> "clear\\u001B[2J\\u0007 \\u202Eevil" .\n',
        encoding="utf-8",
    )
    query = tmp_path / "labels.rq"
    query.write_text("SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    table = kg("query", query, "--graph", graph)
    assert table.returncode == 0, table.stderr
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout and "\u202e" not in table.stdout
    assert "clear\\x1b[2J\\x07 \\u202eevil" in table.stdout
    as_json = kg("query", query, "--graph", graph, "--format", "json")
    assert "\\u001b[2J\\u0007 \u202eevil" in as_json.stdout, "programs get the value exactly"
    assert run_query(str(query), graph=graph).rows == [(Literal("clear\x1b[2J\x07 \u202eevil"),)]
