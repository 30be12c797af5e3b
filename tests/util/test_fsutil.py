"""A build killed while it writes (kill -9) leaves the previous graph whole and unchanged.

The real `kg` console script runs in a subprocess. To kill it at a chosen moment of the
write rather than at a lucky one, a sitecustomize module on its PYTHONPATH adds an audit
hook (PEP 578) that stops the process (SIGSTOP) when it creates a temporary file or
renames one into place; the test then sends SIGKILL, which no code can catch or clean up
after, exactly as a crash or `kill -9` would.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.util.fsutil import atomic_write, atomic_write_all

from ..conftest import DATA, EXAMPLE, shared_path
from ..rdf.independent import oxigraph_dataset, oxigraph_graph

STOPPER = """
import os, signal, sys

_stop = os.environ.get("KG_TEST_STOP_AT")
if _stop:
    _event, _, _name = _stop.partition(":")

    def _hook(event, args):
        if event == _event and any(isinstance(a, str) and os.path.basename(a).startswith(_name) for a in args[:2]):
            os.kill(os.getpid(), signal.SIGSTOP)

    sys.addaudithook(_hook)
"""


def kg_exe() -> str:
    return shutil.which("kg") or str(Path(sys.executable).parent / "kg")


def stopped(pid: int) -> bool:
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        return handle.read().rsplit(")", 1)[1].split()[0] == "T"


def build_and_kill(inputs: list[Path], out: Path, stop_at: str, hooks: Path, timeout: float = 300) -> None:
    """Start `kg build`, wait for it to stop itself at `stop_at`, then SIGKILL it."""
    env = {**os.environ, "PYTHONPATH": str(hooks), "KG_TEST_STOP_AT": stop_at}
    process = subprocess.Popen(
        [kg_exe(), "build", *map(str, inputs), "-o", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + timeout
    try:
        while not stopped(process.pid):
            assert process.poll() is None, f"kg build ended before {stop_at}: {process.stderr.read()!r}"
            assert time.monotonic() < deadline, f"kg build never reached {stop_at}"
            time.sleep(0.01)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL


@pytest.fixture(scope="module")
def hooks(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hooks")
    (folder / "sitecustomize.py").write_text(STOPPER, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A finished build of the example: the graph a killed rebuild must leave alone."""
    out = tmp_path_factory.mktemp("previous")
    result = subprocess.run([kg_exe(), "build", str(EXAMPLE), "-o", str(out)], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out, {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig")}


def assert_whole_and_unchanged(out: Path, before: dict[str, bytes]) -> None:
    for name, data in before.items():
        assert (out / name).read_bytes() == data, f"{name} changed"
    assert len(oxigraph_graph(out / "graph.ttl", "turtle")) > 100
    assert len(oxigraph_dataset(out / "graph.trig", "trig")) > 100


@pytest.mark.parametrize(
    ("stop_at", "left_behind"),
    [
        # about to create the first new file
        ("tempfile.mkstemp:.graph.trig.", []),
        # graph.trig's new text is being written under a temporary name; graph.ttl's not begun
        ("tempfile.mkstemp:.graph.ttl.", [".graph.trig."]),
        # both new files are complete; neither has replaced an old one yet
        ("os.rename:.graph.ttl.", [".graph.trig.", ".graph.ttl."]),
    ],
)
def test_a_build_killed_while_writing_leaves_the_previous_graph(previous, hooks, tmp_path, stop_at, left_behind):
    before_dir, before = previous
    out = tmp_path / "out"
    shutil.copytree(before_dir, out)
    build_and_kill([EXAMPLE, DATA / "page.html", DATA / "articles.jsonl"], out, stop_at, hooks)
    assert_whole_and_unchanged(out, before)
    leftovers = sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))
    assert [re.match(r"\.graph\.\w+\.", name).group() for name in leftovers] == left_behind
    # The next build is not confused by what the killed one left behind.
    result = subprocess.run([kg_exe(), "build", str(EXAMPLE), "-o", str(out)], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert_whole_and_unchanged(out, before)


def test_between_the_two_renames_each_file_is_still_whole(previous, hooks, tmp_path):
    """The one moment the pair can disagree (microseconds, between two renames): graph.ttl is
    the new build's, graph.trig the previous one's, and each is whole."""
    before_dir, before = previous
    out = tmp_path / "out"
    shutil.copytree(before_dir, out)
    build_and_kill([EXAMPLE, DATA / "page.html"], out, "os.rename:.graph.trig.", hooks)
    assert (out / "graph.trig").read_bytes() == before["graph.trig"]
    new = oxigraph_graph(out / "graph.ttl", "turtle")
    assert len(new) > len(oxigraph_graph(before_dir / "graph.ttl", "turtle"))


@pytest.mark.slow
@pytest.mark.corpus
def test_a_build_of_the_whole_corpus_killed_before_its_rename_leaves_the_previous_graph(previous, hooks, tmp_path):
    before_dir, before = previous
    out = tmp_path / "out"
    shutil.copytree(before_dir, out)
    build_and_kill([shared_path("corpus")], out, "os.rename:.graph.ttl.", hooks)
    assert_whole_and_unchanged(out, before)
    (new_ttl,) = out.glob(".graph.ttl.*.tmp")
    assert len(oxigraph_graph(new_ttl, "turtle")) > 10 * len(oxigraph_graph(out / "graph.ttl", "turtle")) > 0


def test_a_write_that_fails_midway_leaves_every_old_file(tmp_path):
    """A real failure, not a simulated one: the child may write no file over 1,000 bytes
    (RLIMIT_FSIZE), so the second, larger file fails with EFBIG as a full disk would."""
    atomic_write_all({tmp_path / "a.txt": "old a", tmp_path / "b.txt": "old b"})
    script = f"""
import resource, signal
from kg.util.fsutil import atomic_write_all
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
try:
    atomic_write_all({{{str(tmp_path / "a.txt")!r}: "new a", {str(tmp_path / "b.txt")!r}: "new b" * 1000}})
except Exception as err:
    print(type(err).__name__, err)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == (
        f"KGError {tmp_path / 'b.txt'}: cannot write it (File too large); "
        "nothing was replaced: free space or check the disk, then run kg again"
    ), result.stderr
    assert (tmp_path / "a.txt").read_text() == "old a" and (tmp_path / "b.txt").read_text() == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"], "no temporary file is left"
    assert atomic_write(tmp_path / "a.txt", "new a").read_text() == "new a"


def test_kg_build_says_in_one_line_when_it_cannot_write(previous, tmp_path):
    import resource

    before_dir, before = previous
    out = tmp_path / "out"
    shutil.copytree(before_dir, out)

    def small_files_only():
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))  # Python ignores SIGXFSZ: writes fail EFBIG

    full = subprocess.run(
        [kg_exe(), "build", str(EXAMPLE), "-o", str(out)], capture_output=True, text=True, preexec_fn=small_files_only
    )
    assert full.returncode == 1 and "Traceback" not in full.stderr
    assert (
        full.stderr
        == f"kg: error: {out}/.kg-build: cannot write it (disk I/O error); nothing was replaced: free space or check the disk, then run kg again\n"
    )
    assert_whole_and_unchanged(out, before)
    assert not list(out.glob(".*.tmp"))
    (tmp_path / "file").write_text("not a folder")
    for command in (["build", str(EXAMPLE), "-o", str(tmp_path / "file" / "out")], ["docs", "-o", "/proc/kg.md"]):
        wrong = subprocess.run([kg_exe(), *command], capture_output=True, text=True)
        assert wrong.returncode == 2 and "Traceback" not in wrong.stderr, wrong.stderr
        assert wrong.stderr.count("\n") == 1 and "cannot write it" in wrong.stderr, wrong.stderr
