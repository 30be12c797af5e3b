"""`kg viz` through its real entry point: the console script in this environment."""

import json
import os
import re

import pytest

from ..conftest import DATA
from .test_build_cli import kg

HOSTILE = DATA / "hostile.ttl"


def page_data(path) -> dict:
    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))


def test_viz_draws_the_seed_graph(example_build, tmp_path):
    out, _ = example_build
    result = kg("viz", "--graph", out / "graph.ttl", "-o", tmp_path / "page.html")
    assert result.returncode == 0, result.stderr
    data = page_data(tmp_path / "page.html")
    assert re.fullmatch(rf"Wrote .*page\.html: {len(data['nodes'])} nodes, \d+ links, physics layout\n", result.stdout)
    labels = {n["info"]["label"] for n in data["nodes"]}
    assert "Islamic State" in labels
    assert {"Actor", "Place", "Event"} <= {c["kind"] for c in data["classes"]}


def test_viz_options_choose_what_is_drawn(tmp_path):
    page = tmp_path / "page.html"
    result = kg(
        "viz", "--graph", HOSTILE, "-o", page, "--focus", "img brigade", "--depth", "1",
        "--classes", "Event", "--since", "2017", "--max-nodes", "5", "--layout", "static", "--title", "Ü <i>",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = page_data(page)
    assert sorted(n["info"]["label"] for n in data["nodes"]) == ["<img src=x onerror=alert(1)>", "Attack: struck"]
    assert data["summary"]["layout"] == "static"
    assert '<h1 id="kg-heading">Ü &lt;i&gt;</h1>' in page.read_text(encoding="utf-8")


def test_max_nodes_says_how_much_was_left_out(tmp_path):
    result = kg("viz", "--graph", HOSTILE, "-o", tmp_path / "p.html", "--max-nodes", "3")
    assert result.returncode == 0, result.stderr
    assert "3 nodes of 9 (raise --max-nodes to draw more)" in result.stdout


def test_page_is_utf8_whatever_the_locale(tmp_path):
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
    result = kg("viz", "--graph", HOSTILE, "-o", tmp_path / "p.html", "--title", "Ünïcode", env=env)
    assert result.returncode == 0, result.stderr
    assert "Ünïcode" in (tmp_path / "p.html").read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--graph", "missing.ttl"], "missing.ttl: no such graph file"),
        (["--graph", HOSTILE, "--focus", "Raqa"], "did you mean 'Raqqa'"),
        (["--graph", HOSTILE, "--classes", "Citty"], "unknown class 'Citty'"),
        (["--graph", HOSTILE, "--since", "last year"], "--since 'last year' is not a date"),
        (["--graph", HOSTILE, "--since", "2018", "--until", "2017"], "after --until"),
        (["--graph", HOSTILE, "--store", "somewhere"], "not both"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(tmp_path, args, message):
    result = kg("viz", *args, "-o", tmp_path / "p.html", cwd=tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    assert not (tmp_path / "p.html").exists()


def test_option_values_click_checks_exit_2_without_a_traceback(tmp_path):
    for args in (["--max-nodes", "0"], ["--depth", "-1"], ["--layout", "spiral"]):
        result = kg("viz", "--graph", HOSTILE, *args, "-o", tmp_path / "p.html")
        assert result.returncode == 2, args
        assert f"Invalid value for '{args[0]}'" in result.stderr and "Traceback" not in result.stderr


def test_a_broken_graph_file_is_a_data_error(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle <", encoding="utf-8")
    result = kg("viz", "--graph", broken, "-o", tmp_path / "p.html")
    assert result.returncode == 1
    assert "broken.ttl: not valid turtle" in result.stderr and "Traceback" not in result.stderr


def test_help_describes_every_option():
    result = kg("viz", "--help")
    assert result.returncode == 0
    for option in (
        "--graph", "--store", "--out", "--focus", "--depth", "--classes", "--since", "--until",
        "--max-nodes", "--layout", "--title",
    ):  # fmt: skip
        assert option in result.stdout, option
    assert "offline" in result.stdout and "any of its names" in result.stdout
