"""`kg query` through its real entry points: the console script, and click's runner on kg.cli.main."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import list_queries

from .test_build_cli import kg


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_list_names_every_question_and_its_parameters():
    result = kg("query", "--list")
    assert result.returncode == 0, result.stderr
    for question in list_queries():
        assert f"\n{question.name}\n  {question.title}\n" in "\n" + result.stdout
        for param in question.params:
            assert f"--param {param.name}={param.type.upper()}" in result.stdout


def test_a_named_question_through_the_console_script(seed_files):
    result = kg(
        "query", "actor-events", "--param", "actor=ISIS", "--graph", seed_files / "graph.ttl", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["head"]["vars"][:3] == ["time", "type", "role"]
    triggers = [b["trigger"]["value"] for b in answer["results"]["bindings"]]
    assert triggers == ["overran", "overran", "fought"]


@pytest.mark.parametrize(
    ("fmt", "first_line"),
    [
        ("table", "backer"),
        ("md", "| backer | backed | evidence | source |"),
        ("csv", "backer,backed,evidence,source"),
        ("tsv", "?backer\t?backed\t?evidence\t?source"),
    ],
)
def test_every_format_from_a_store(example_store, seed_files, fmt, first_line):
    code, out, err = run("query", "backers", "--graph", seed_files / "graph.trig", "-f", fmt)
    assert code == 0, err
    assert out.splitlines()[0].startswith(first_line)
    assert "United States" in out
    code, out, err = run("query", "class-counts", "--store", example_store, "-f", fmt)
    assert code == 0, err and "Document" in out


def test_rows_are_capped_with_a_note_and_the_cap_can_be_lifted(seed_files):
    code, out, err = run("query", "class-counts", "--graph", seed_files / "graph.ttl", "--limit", "2", "-f", "csv")
    assert code == 0 and len(out.strip().splitlines()) == 3
    assert "showing the first 2 rows" in err and "--no-limit" in err
    code, out, err = run("query", "class-counts", "--graph", seed_files / "graph.ttl", "--no-limit", "-f", "csv")
    assert code == 0 and len(out.strip().splitlines()) > 3 and not err


def test_own_query_files_run_with_their_own_parameters(tmp_path, seed_files):
    own = tmp_path / "cities.rq"
    own.write_text(
        "# title: Cities\n# param min (integer, default 0): x\n"
        "PREFIX kg: <https://w3id.org/newskg/ontology#>\n"
        "SELECT ?c WHERE { ?c a kg:City . FILTER(STRLEN(STR(?c)) > ?min) } ORDER BY ?c\n"
    )
    code, out, err = run("query", own, "--graph", seed_files / "graph.ttl", "-f", "csv")
    assert code == 0, err
    assert out.split() == ["c"] + [f"https://w3id.org/newskg/id/{c}" for c in ("mosul", "raqqa", "west-mosul")]
    code, out, err = run("query", own, "--graph", seed_files / "graph.ttl", "-p", "min=33", "-f", "csv")
    assert out.split() == ["c", "https://w3id.org/newskg/id/west-mosul"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["alias-lookup", "-p", "nmae=ISIS"], 2, "no parameter called 'nmae'; its parameters: name"),
        (["alias-lookup"], 2, "needs --param name=..."),
        (["co-occurrence", "-p", "min=many"], 2, "--param min=many: min takes a whole number"),
        (["alias-lookup", "-p", "ISIS"], 2, "write it as NAME=VALUE"),
        (["alias-lookup", "-p", "name=a", "-p", "name=b"], 2, "given twice"),
        (["no-such-question"], 2, "no question called 'no-such-question'"),
        ([], 2, "name a question"),
        (["--list", "backers"], 2, "--list takes no question"),
    ],
)
def test_mistakes_are_one_line_usage_errors(seed_files, args, code, message):
    result = kg("query", *args, "--graph", seed_files / "graph.ttl")
    assert result.returncode == code, result.stderr
    assert result.stderr.strip().count("\n") == 0 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_writes_network_syntax_and_runaways_are_stopped_with_one_line(tmp_path, seed_files):
    cases = {
        "update.rq": ("DELETE WHERE { ?s ?p ?o }", 2, "update.rq:1:1: DELETE is refused"),
        "remote.rq": ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 2, "SERVICE is refused"),
        "broken.rq": ("SELECT ?s WHERE {\n  BIND(1 AS )\n}", 2, "syntax error at line 2, column 13"),
        "slow.rq": (
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
            1,
            "stopped after 1 s",
        ),
    }
    for name, (text, code, message) in cases.items():
        (tmp_path / name).write_text(text)
        result = kg("query", tmp_path / name, "--graph", seed_files / "graph.ttl", "--timeout", "1")
        assert result.returncode == code, (name, result.stderr)
        assert message in result.stderr and result.stderr.strip().count("\n") == 0
        assert "Traceback" not in result.stderr


def test_help_describes_every_option():
    result = kg("query", "--help")
    for option in ("--param", "--graph", "--store", "--format", "--limit", "--no-limit", "--timeout", "--list"):
        assert option in result.stdout
    for fmt in ("table", "csv", "tsv", "json", "md"):
        assert fmt in result.stdout
