"""kg.util.child: work that may not end runs in a child process that is killed at its time limit,
and a child that dies is reported and replaced. Driven through kg.read.pages, the real child."""

import threading

import pytest

from kg.util.child import Child, ChildDied, ChildTimeout

ARTICLE = "<article><p>" + "Rebels seized the town of Kilmora on Monday, officials said. " * 4 + "</p></article>"


def page(body: str) -> str:
    return f"<html><head><title>t</title></head><body>{body}</body></html>"


def test_a_child_that_dies_while_reading_is_reported_and_replaced():
    slow = page(ARTICLE + "".join(f"<div>item {n}</div>\n" for n in range(20_000)))
    with Child("kg.read.pages") as child:
        assert "Kilmora" in child.ask(page(ARTICLE), timeout=60)["text"]
        # Killed mid-page, as the kernel's memory killer would.
        threading.Timer(0.3, child._process.kill).start()
        with pytest.raises(ChildDied, match=r"the kg.read.pages process ended without answering \(exit code -9\)"):
            child.ask(slow, timeout=60)
        assert "Kilmora" in child.ask(page(ARTICLE), timeout=60)["text"]


def test_a_child_that_outlives_its_time_is_killed():
    with Child("kg.read.pages") as child:
        child.ask(page(ARTICLE), timeout=60)  # started and warm
        process = child._process
        slow = page(ARTICLE + "".join(f"<div>item {n}</div>\n" for n in range(20_000)))
        with pytest.raises(ChildTimeout, match=r"still working after 0\.5 s"):
            child.ask(slow, timeout=0.5)
        assert process.poll() is not None, "the busy child was killed, not left running"


NETWORK_PROBE = """
import socket, sys
from kg.util.child import cut_network
print(cut_network())
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5).close()
    print("connected")
except OSError as err:
    print(err.errno)
"""


@pytest.fixture()
def listener():
    """A local TCP port that records whether anyone connected."""
    import socket

    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.5)
    yield server
    server.close()


def probe(port: int, prefix: list[str] | None = None) -> list[str]:
    import subprocess
    import sys

    command = [*(prefix or []), sys.executable, "-c", NETWORK_PROBE, str(port)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def nobody_connected(server) -> bool:
    try:
        server.accept()[0].close()
    except TimeoutError:
        return True
    return False


def test_a_process_that_cut_its_network_reaches_nothing(listener):
    port = listener.getsockname()[1]
    cut, outcome = probe(port)
    if cut != "True":
        pytest.skip("this kernel lets no process leave the network (no network or user namespaces)")
    assert outcome == "101"  # ENETUNREACH: not even the loopback is up
    assert nobody_connected(listener)


def test_without_the_right_to_make_a_network_namespace_a_user_namespace_does_it(listener):
    """What an ordinary user gets: root without CAP_SYS_ADMIN takes the same path."""
    import os
    import shutil

    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run without CAP_SYS_ADMIN (an ordinary user is this case already)")
    caps = "-sys_admin"
    cut, outcome = probe(listener.getsockname()[1], ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--"])
    if cut != "True":
        pytest.skip("this kernel allows no unprivileged user namespaces")
    assert outcome == "101" and nobody_connected(listener)


def test_the_page_reader_runs_cut_off_from_the_network():
    with Child("kg.read.pages") as child:
        child.ask(page(ARTICLE), timeout=60)
        probe_cut = probe(1)[0] == "True"
        assert child.isolated is probe_cut, "the child is isolated wherever a process can be"
