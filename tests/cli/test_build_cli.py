"""`kg build` through its real entry point: the console script in this environment."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.read.ingest import MAX_HTML_BYTES, PAGE_SECONDS

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
    for option in ("--out", "--store", "--base", "--published", "--model", "--page-timeout", "--validate"):
        assert option in result.stdout


def as_a_user_permissions_apply_to():
    """A command prefix under which file permissions hold: nothing for an ordinary user; for
    root, setpriv without the capabilities that let root read any file (or a skip)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): cannot make a file root may not read")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}", "--"]


def test_a_hostile_batch_is_reported_file_by_file_and_the_rest_is_built(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = {
        "empty.txt": (b"", "empty, nothing to read"),
        "blank.md": (b"  \n\t\n  \n", "empty, nothing to read"),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        "report.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary data"),
        "latin1.txt": ("Le caf\u00e9 de Tunis a ferm\u00e9.".encode("latin-1"), "not UTF-8 (byte 0xE9 at offset 6)"),
        "blank.html": (b"", "empty, nothing to read"),
        "locked.txt": (b"Rebels seized Kilmora.", "permission denied"),
        "pipe.txt": (None, "not a regular file"),
        "a.txt": (None, "loops back on itself"),
        "b.txt": (None, "loops back on itself"),
    }
    for name, (content, _) in bad.items():
        if content is not None:
            (folder / name).write_bytes(content)
    (folder / "locked.txt").chmod(0)
    os.mkfifo(folder / "pipe.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    locked_dir = folder / "locked"
    locked_dir.mkdir()
    (locked_dir / "hidden.txt").write_text("Rebels seized Kilmora.")
    locked_dir.chmod(0)
    shutil.copy(EXAMPLE, folder / "good.txt")
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:  # a name that is not UTF-8
        handle.write(b"Protesters gathered in Tunis on Friday, police said.")
    try:
        exe = shutil.which("kg") or str(Path(sys.executable).parent / "kg")
        result = subprocess.run(
            [*as_a_user_permissions_apply_to(), exe, "build", str(folder), "-o", str(tmp_path / "out")],
            capture_output=True,
            timeout=300,
        )
    finally:
        locked_dir.chmod(0o755)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert all(line.startswith("kg: skipped ") for line in lines), lines
    for name, (_, message) in bad.items():
        (line,) = [line for line in lines if f"in/{name}:" in line]
        assert message in line, line
    (line,) = [line for line in lines if "in/locked:" in line]
    assert "cannot list this folder (Permission denied)" in line
    assert len(lines) == len(bad) + 1
    assert b"Read 2 documents" in result.stdout
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "Islamic State" in graph and "Tunis" in graph
    assert "caf\\\\xe9.txt" in graph and "caf?" not in graph and "\ufffd" not in graph


def test_a_page_over_the_size_limit_is_refused_in_one_line(tmp_path):
    page = tmp_path / "huge.html"
    with page.open("wb") as handle:
        handle.write(b"<html><body><p>" + b"Rebels seized the town. " * 1000)
        handle.truncate(60_000_000)
    result = kg("build", page, "-o", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"kg: skipped {page}: 60,000,000 bytes is over kg's limit of {MAX_HTML_BYTES:,} for .html files; "
        "split the file or extract its article first"
    )
    assert "Read 0 documents" in result.stdout


def test_a_page_that_takes_too_long_is_stopped_at_page_timeout(tmp_path):
    slow = tmp_path / "slow.html"
    divs = "".join(f"<div>item {n}</div>\n" for n in range(20_000))
    slow.write_text(f"<html><body><article><p>Rebels seized Kilmora on Monday.</p></article>{divs}</body></html>")
    result = kg("build", slow, EXAMPLE, "-o", tmp_path / "out", "--page-timeout", "1")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "slow.html: reading the page took over 1 s and was stopped" in result.stderr
    assert "Read 1 document" in result.stdout


def test_help_states_the_page_size_limit_and_timeout():
    result = kg("build", "--help")
    assert f"{MAX_HTML_BYTES:,} bytes" in result.stdout
    assert "--page-timeout" in result.stdout and f"default: {PAGE_SECONDS}" in result.stdout


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
