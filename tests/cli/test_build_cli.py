"""`kg build` through its real entry point: the console script in this environment."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import EXAMPLE


def kg(*args, cwd=None, env=None):
    exe = shutil.which("kg") or str(Path(sys.executable).parent / "kg")
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_build_writes_both_files_and_prints_a_summary(tmp_path):
    result = kg("build", EXAMPLE, "-o", tmp_path / "out", "--published", "2017-07-06")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0
    assert (tmp_path / "out" / "graph.trig").stat().st_size > 0
    assert "Read 1 document" in result.stdout
    for word in ("entities", "ArmedGroup", "events", "relations", "triples"):
        assert word in result.stdout


def test_missing_path_is_a_usage_error_in_one_line(tmp_path):
    result = kg("build", tmp_path / "missing.txt", "-o", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "missing.txt: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("latin1.txt", "Le caf\u00e9 de Tunis a ferm\u00e9.".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_file_is_named_skipped_and_the_rest_is_built(tmp_path, name, content, message):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(content)
    shutil.copy(EXAMPLE, folder / "good.txt")
    result = kg("build", folder, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and message in lines[0]
    assert "Read 1 document" in result.stdout
    assert "Islamic State" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_bad_options_are_usage_errors(tmp_path):
    for args, message in (
        (["--base", "not-an-iri"], "--base"),
        (["--published", "yesterday"], "YYYY-MM-DD"),
        (["--model", "no_such_model_xyz"], "pip install"),
    ):
        result = kg("build", EXAMPLE, "-o", tmp_path / "out", *args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr


def test_help_describes_every_option():
    result = kg("build", "--help")
    for option in ("--out", "--store", "--base", "--published", "--model"):
        assert option in result.stdout


def test_build_into_a_store_then_ask_draw_and_export_from_it(tmp_path):
    store = tmp_path / "store"
    first = kg("build", EXAMPLE, "--store", store, "--published", "2017-07-06")
    assert first.returncode == 0, first.stderr
    assert f"store {store} now holds 1 document" in first.stdout
    again = kg("build", EXAMPLE, "--store", store, "--published", "2017-07-06")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[1:] == first.stdout.splitlines()[1:]  # same counts: replaced, not doubled
    query = kg("query", "alias-lookup", "-p", "name=sdf", "--store", store, "--format", "csv")
    assert query.returncode == 0, query.stderr
    assert "Syrian Democratic Forces" in query.stdout
    page = kg("viz", "--store", store, "-o", tmp_path / "graph.html")
    assert page.returncode == 0, page.stderr
    assert "Syrian Democratic Forces" in (tmp_path / "graph.html").read_text(encoding="utf-8")
    export = kg("export", "--store", store, "-o", tmp_path / "graph.ttl")
    assert export.returncode == 0, export.stderr


def test_store_and_out_together_is_a_usage_error(tmp_path):
    result = kg("build", EXAMPLE, "--store", tmp_path / "store", "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "not both" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "store").exists()
