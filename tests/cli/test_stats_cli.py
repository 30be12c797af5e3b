"""`kg stats` through its real entry point."""

import json

from ..conftest import DATA
from .test_build_cli import kg

HOSTILE = DATA / "hostile.ttl"


def test_stats_in_text_for_a_terminal():
    result = kg("stats", "--graph", HOSTILE)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("triples from 1 document")
    assert "entities" in lines[1] and "ArmedGroup 1" in lines[1]
    assert "Most central actors" in result.stdout and " 1. <img src=x onerror=alert(1)> (ArmedGroup)" in result.stdout
    assert "Communities (Louvain" in result.stdout and "Connected components: 2" in result.stdout


def test_stats_as_json_for_programs():
    result = kg("stats", "--graph", HOSTILE, "--format", "json", "--top", "1")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["events"] == {"Advance": 1, "Attack": 1, "Capture": 1, "Statement": 1}
    assert [a["label"] for a in data["central_actors"]] == ["<img src=x onerror=alert(1)>"]
    assert data["components"]["count"] == 2


def test_stats_mistakes_exit_2_in_one_line(tmp_path):
    result = kg("stats", "--graph", tmp_path / "nope.ttl")
    assert result.returncode == 2 and "nope.ttl: no such graph file" in result.stderr
    result = kg("stats", "--graph", HOSTILE, "--format", "xml")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_help_describes_every_option():
    result = kg("stats", "--help")
    for option in ("--graph", "--store", "--format", "--top"):
        assert option in result.stdout
    assert "central actors" in result.stdout and "Louvain" in result.stdout
