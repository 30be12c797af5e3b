"""`kg validate` and `kg build --validate` through the real `kg` console script."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.cli import main

from ..conftest import DATA, EXAMPLE

VALID = DATA / "valid_graph.ttl"
KGR = "https://w3id.org/newskg/id/"
KG = "https://w3id.org/newskg/ontology#"


def kg(*args, cwd=None):
    exe = shutil.which("kg") or str(Path(sys.executable).parent / "kg")
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture
def broken(tmp_path) -> Path:
    """The valid graph with an agent that is a place, a malformed date and a missing evidence sentence."""
    graph = Graph().parse(VALID)
    capture, advance = URIRef(KGR + "event-0000000000000001"), URIRef(KGR + "event-0000000000000002")
    graph.set((capture, URIRef(KG + "agent"), URIRef(KGR + "raqqa")))
    graph.set(
        (capture, URIRef(KG + "time"), Literal("2014-02-31", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")))
    )
    graph.remove((advance, URIRef(KG + "evidence"), None))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    return path


def test_a_conforming_graph_exits_0_with_a_summary():
    result = kg("validate", "--graph", VALID)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(
        "conforms to ontology/shapes.ttl (7 entities, 3 events, 5 assertions, 1 document, 1 quantity)"
    )
    assert result.stderr == ""


def test_a_broken_graph_exits_1_naming_each_node_and_constraint(broken):
    result = kg("validate", "--graph", broken)
    assert result.returncode == 1
    assert result.stderr == "" and "Traceback" not in result.stdout
    out = result.stdout
    assert 'kgr:event-0000000000000001 "Capture: seized" (kg:Capture)' in out
    assert 'kg:agent = kgr:raqqa "Raqqa" (kg:City)' in out and "[kgsh:EventAgent, sh:node]" in out
    assert 'kg:time = "2014-02-31"^^xsd:date' in out and "[kgsh:EventTime, sh:or]" in out
    assert 'kgr:event-0000000000000002 "Advance: pushed into" (kg:Advance)' in out
    assert "kg:evidence: an event has exactly one kg:evidence" in out and "[kgsh:EventEvidence, sh:minCount]" in out
    assert 'sentence: "Raqqa, in northern Syria' in out
    assert (
        out.strip()
        .splitlines()[-1]
        .startswith(f"{broken} does not conform to ontology/shapes.ttl: 3 violations on 2 nodes")
    )


def test_json_format_is_one_document_with_every_violation(broken):
    result = kg("validate", "--graph", broken, "--format", "json")
    assert result.returncode == 1
    body = json.loads(result.stdout)
    assert body["conforms"] is False and body["graph"] == str(broken)
    assert sorted((v["focus"], v["shape"]) for v in body["violations"]) == [
        ("kgr:event-0000000000000001", "kgsh:EventAgent"),
        ("kgr:event-0000000000000001", "kgsh:EventTime"),
        ("kgr:event-0000000000000002", "kgsh:EventEvidence"),
    ]


def test_shapes_option_checks_against_other_shapes(tmp_path):
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kg: <https://w3id.org/newskg/ontology#> .\n"
        "<urn:x:S> a sh:NodeShape ; sh:targetClass kg:Actor ;\n"
        "  sh:property [ sh:path kg:role ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    args = ["validate", "--graph", str(VALID), "--shapes", str(shapes), "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    body = json.loads(result.output)
    assert body["shapes"] == str(shapes)
    # The actors are two armed groups and Brett McGurk, who alone has a role; countries are places.
    assert {v["focus"] for v in body["violations"]} == {"kgr:islamic-state", "kgr:syrian-democratic-forces"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--graph", "missing.ttl"], 2, "missing.ttl: no such graph file"),
        (["--graph", str(VALID), "--shapes", "missing-shapes.ttl"], 2, "missing-shapes.ttl: no such shapes file"),
        (["--graph", str(VALID), "--store", "somewhere"], 2, "not both"),
        (["--graph", str(VALID), "--format", "xml"], 2, "'xml' is not one of"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tmp_path, args, code, message):
    result = kg("validate", *args, cwd=tmp_path)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_unreadable_graph_is_a_data_error_in_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("kgr:x a <<", encoding="utf-8")
    result = kg("validate", "--graph", bad)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "bad.ttl: not valid turtle" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_describes_every_option():
    result = CliRunner().invoke(main, ["validate", "--help"])
    assert result.exit_code == 0
    for text in ("--graph", "--store", "--shapes", "--format", "text", "json", "Exit status: 0", "sentence"):
        assert text in result.output
    build_help = CliRunner().invoke(main, ["build", "--help"]).output
    assert "--validate" in build_help


@pytest.mark.slow
def test_build_validate_reports_like_kg_validate_and_exits_accordingly(tmp_path):
    built = kg("build", EXAMPLE, "-o", tmp_path, "--published", "2017-07-06", "--validate")
    assert "Traceback" not in built.stderr
    assert "Read 1 document" in built.stdout
    checked = CliRunner().invoke(main, ["validate", "--graph", str(tmp_path / "graph.ttl")])
    # The same report follows the build summary, and the exit status is the validation's.
    assert built.stdout.endswith(checked.output)
    assert built.returncode == checked.exit_code
