"""Whatever goes wrong, the real `kg` console script says so in one line and exits with the
documented code (2: how kg was called; 1: what it was given), never with a traceback."""

from __future__ import annotations

import os

import pytest

from ..conftest import DATA, EXAMPLE
from .test_build_cli import kg

VALID = DATA / "valid_graph.ttl"
SERVICE_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kg: <https://w3id.org/newskg/ontology#> .
<http://example.org/Evil> a sh:NodeShape ; sh:targetClass kg:City ;
  sh:sparql [ sh:select "SELECT $this WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }" ] .
"""


def files(tmp_path):
    """Hostile files for the reading commands, made fresh in `tmp_path`."""
    made = {
        "binary.ttl": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "utf16.ttl": '<http://example.org/a> <http://example.org/b> "c" .'.encode("utf-16"),
        "broken.trig": b"<http://example.org/g> { <a> <b> ",
        "broken.nt": b"<http://example.org/a> <http://example.org/b> .\n",
        "shapes.ttl": SERVICE_SHAPES.encode(),
        "latin1.ttl": '<http://example.org/a> <http://example.org/b> "caf\u00e9" .'.encode("latin-1"),
        "latin1.rq": 'SELECT * WHERE { ?s ?p "caf\u00e9" }'.encode("latin-1"),
    }
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "folder.ttl").mkdir()
    return tmp_path


CASES = [
    # (command line, exit code, what the one line says)
    (["build", "missing.txt"], 2, "missing.txt: no such file or folder"),
    (["build", "empty-folder"], 2, "no articles in this folder"),
    (["build", EXAMPLE, "--base", "http://[::1/"], 2, "--base 'http://[::1/' is not an absolute IRI"),
    (["build", EXAMPLE, "--published", "2017-02-31"], 2, "is not a date"),
    (["build", EXAMPLE, "--page-timeout", "0"], 2, "Invalid value for '--page-timeout'"),
    (["build"], 2, "Missing argument 'PATHS...'"),
    (["viz", "--graph", "binary.ttl", "-o", "p.html"], 1, "binary.ttl: not valid turtle"),
    (["viz", "--graph", "folder.ttl", "-o", "p.html"], 2, "File 'folder.ttl' is a directory"),
    (["stats", "--graph", "utf16.ttl"], 1, "utf16.ttl: not valid turtle"),
    (["stats", "--graph", "latin1.ttl"], 1, "latin1.ttl: not valid turtle"),
    (["stats", "--graph", "broken.trig"], 1, "broken.trig: not valid trig"),
    (["stats", "--graph", "broken.nt"], 1, "broken.nt: not valid nt"),
    (["stats", "--graph", "graph.xyz"], 2, "graph.xyz: no such graph file"),
    (["validate", "--graph", VALID, "--shapes", "shapes.ttl"], 2, "must not contain a federated query (SERVICE)"),
    (["validate", "--graph", VALID, "--shapes", "binary.ttl"], 2, "binary.ttl: not valid Turtle"),
    (["eval", "--gold", "empty-folder"], 2, "no gold annotations"),
    (["export", "--graph", VALID, "-o", "/proc/kg-graph.ttl"], 2, "/proc/kg-graph.ttl: cannot write it"),
    (["export", "--graph", "binary.ttl", "-o", "out.ttl"], 1, "binary.ttl: not valid turtle"),
    (["query", "class-counts", "--graph", "binary.ttl"], 1, "binary.ttl: not valid"),
    (["query", "class-counts", "--graph", "utf16.ttl"], 1, "utf16.ttl: not valid"),
    (["query", "class-counts", "--store", "empty-folder"], 2, "empty-folder"),
    (["query", "latin1.rq", "--graph", VALID], 2, "latin1.rq: not UTF-8"),
    (["build", EXAMPLE, "--store", "binary.ttl"], 2, "binary.ttl"),
    (["no-such-command"], 2, "No such command 'no-such-command'"),
]


@pytest.mark.parametrize(("args", "code", "message"), CASES, ids=[" ".join(map(str, c[0]))[:60] for c in CASES])
def test_a_mistake_is_one_line_and_its_exit_code(tmp_path, args, code, message):
    files(tmp_path)
    (tmp_path / "empty-folder").mkdir()
    result = kg(*args, cwd=tmp_path, env={**os.environ, "KG_MODEL": ""})
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and (len(lines) == 1 or lines[0].startswith("Usage:")), lines


def test_a_fifo_named_as_a_graph_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "graph.ttl")  # the parser would wait for a writer for ever
    result = kg("stats", "--graph", tmp_path / "graph.ttl")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "graph.ttl: not a regular file" in result.stderr


@pytest.mark.parametrize(
    "context",
    [
        "{url}",
        ["{url}", {"name": "http://schema.org/name"}],
        {"@import": "{url}", "name": "http://schema.org/name"},
    ],
)
def test_a_jsonld_graph_with_a_remote_context_is_refused_and_nothing_is_fetched(tmp_path, context):
    import http.server
    import json
    import threading

    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(b'{"@context": {"name": "http://schema.org/name"}}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/context.jsonld"
    context = json.loads(json.dumps(context).replace("{url}", url))
    graph = tmp_path / "graph.jsonld"
    graph.write_text(json.dumps({"@context": context, "@id": "http://example.org/a", "name": "A"}), encoding="utf-8")
    try:
        results = {
            "stats": kg("stats", "--graph", graph),
            "export": kg("export", "--graph", graph, "-o", tmp_path / "out.ttl"),
            "query": kg("query", "class-counts", "--graph", graph),
        }
    finally:
        server.shutdown()
    for command, result in results.items():
        assert result.returncode == 1 and "Traceback" not in result.stderr, (command, result.stderr)
        assert result.stderr.count("\n") == 1 and "graph.jsonld" in result.stderr, (command, result.stderr)
    for command in ("stats", "export"):
        assert f"its @context refers to '{url}'" in results[command].stderr
        assert "never reaches the network" in results[command].stderr
    assert requests == []
    graph.write_text(
        json.dumps({"@context": {"name": "http://schema.org/name"}, "@id": "http://example.org/a", "name": "A"})
    )
    assert kg("stats", "--graph", graph).returncode == 0, "an inline context is read"


def test_an_os_error_nobody_foresaw_is_still_one_line():
    """The last net under every command: the real KGGroup, with a command that hits an I/O error."""
    import errno

    import click
    from click.testing import CliRunner

    from kg.cli import KGGroup

    @click.group(cls=KGGroup)
    def group():
        pass

    @group.command()
    def read():
        raise OSError(errno.EIO, "Input/output error", "disk/graph.ttl")

    result = CliRunner().invoke(group, ["read"])
    assert result.exit_code == 1 and not isinstance(result.exception, OSError)
    assert result.output == "kg: error: disk/graph.ttl: Input/output error\n"
