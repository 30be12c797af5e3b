"""`kg build` at scale through the real console script: --jobs, Dask, and builds that are
interrupted (Ctrl-C, then killed outright) and resumed."""

import signal
import sqlite3
import subprocess
import time

import pytest

from kg.build.spool import SPOOL_DIR

from .test_build_cli import kg


def _kg_exe():
    import shutil
    import sys
    from pathlib import Path

    return shutil.which("kg") or str(Path(sys.executable).parent / "kg")


def _finished(out) -> int:
    """Documents the running build has committed to its spool (0 before the spool exists)."""
    path = out / SPOOL_DIR / "spool.sqlite3"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the table is being made
        return 0


def _start_and_stop(args, out, at_least: int, sig) -> subprocess.Popen:
    process = subprocess.Popen([_kg_exe(), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while _finished(out) < at_least:
        assert process.poll() is None, f"the build ended before it could be interrupted: {process.communicate()}"
        assert time.monotonic() < deadline, "the build finished no document in time"
        time.sleep(0.02)
    process.send_signal(sig)
    process.wait(timeout=60)
    return process


@pytest.fixture(scope="module")
def long_build(tmp_path_factory):
    """The shared corpus's text articles four times over (60-odd documents, so that a build
    stopped twice still has documents left to read whatever the timing), built in this process."""
    from kg.build import build

    from ..conftest import shared_path

    corpus = tmp_path_factory.mktemp("long-corpus")
    for copy in "abcd":
        for article in sorted(shared_path("corpus").glob("*.txt")):
            (corpus / f"{copy}-{article.name}").write_bytes(article.read_bytes())
    reference = tmp_path_factory.mktemp("long-reference")
    return corpus, reference, build([str(corpus)], out_dir=reference, published="2017-07-06")


@pytest.mark.slow
@pytest.mark.corpus
def test_a_build_stopped_twice_resumes_and_ends_with_the_uninterrupted_graph(long_build, tmp_path):
    corpus, reference, complete = long_build
    out = tmp_path / "out"
    args = ["build", corpus, "-o", out, "--published", "2017-07-06"]

    interrupted = _start_and_stop(args, out, 2, signal.SIGINT)
    stderr = interrupted.stderr.read()
    assert interrupted.returncode == 130
    assert "interrupted; the articles read so far are kept" in stderr and "Traceback" not in stderr
    after_ctrl_c = _finished(out)
    assert not (out / "graph.ttl").exists()

    killed = _start_and_stop(args, out, after_ctrl_c + 2, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL
    kept = _finished(out)
    assert after_ctrl_c + 2 <= kept < complete.documents

    resumed = kg(*args)
    assert resumed.returncode == 0, resumed.stderr
    assert f"Read {complete.documents} documents ({kept} finished by an earlier run)" in resumed.stdout
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


@pytest.mark.slow
def test_jobs_and_dask_from_the_command_line_write_the_single_process_bytes(handful, handful_build, tmp_path):
    reference, first = handful_build
    for extra in (["--jobs", "2"], ["--jobs", "2", "--scheduler", "local"]):
        out = tmp_path / "-".join(extra)
        result = kg("build", handful, "-o", out, "--published", "2017-07-06", *extra)
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip() == ""
        assert f"Read {first.documents} documents" in result.stdout
        for name in ("graph.ttl", "graph.trig"):
            assert (out / name).read_bytes() == (reference / name).read_bytes(), (extra, name)


def test_engine_mistakes_are_one_line_usage_errors(tmp_path, handful):
    for args, message in (
        (["--jobs", "0"], "--jobs"),
        (["--scheduler", "somewhere"], "give local or the scheduler's address"),
    ):
        result = kg("build", handful, "-o", tmp_path / "out", *args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and result.stderr.strip().count("\n") == 0
        assert "Traceback" not in result.stderr


def test_help_describes_the_scale_options():
    result = kg("build", "--help")
    for option in ("--jobs", "--scheduler", "--fresh", "local|tcp://HOST:PORT", ".kg-build", "resumes"):
        assert option in result.stdout


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.parametrize("engine", [["--jobs", "2"], ["--jobs", "2", "--scheduler", "local"]], ids=["jobs", "dask"])
def test_ctrl_c_stops_every_worker_with_one_line(corpus_build, tmp_path, engine):
    """Ctrl-C at a terminal reaches the whole process group: the workers must leave it to kg."""
    import os

    import psutil

    corpus, _, _ = corpus_build
    command = [_kg_exe(), "build", str(corpus), "-o", str(tmp_path / "out"), *engine]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 120
    workers: list = []
    while len(workers) < 2:  # the worker processes are up (loading the model, or reading)
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no worker processes started"
        workers = [p for p in psutil.Process(process.pid).children(recursive=True) if "python" in p.name().lower()]
        time.sleep(0.05)
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.strip() == "kg: interrupted; the articles read so far are kept: run the same command to resume"
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive, alive
