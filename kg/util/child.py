"""Work that may not end, done in a child process that can be killed.

Some of kg's work runs in native code or in libraries whose running time grows faster than
their input (trafilatura takes minutes over a page of 50,000 short <div>s); no Python signal
interrupts it reliably. The only dependable bound is a wall clock in another process:

    with Child("kg.read.pages") as child:          # runs `python -m kg.read.pages FD`
        reply = child.ask(request, timeout=20)  # ChildTimeout after 20 s; the child is killed

The child is a fresh interpreter, not a fork (the parent may hold threads, a loaded model or
an open database that a fork would copy mid-state), started on first use and again after a
kill. Its module calls `serve(handler)`, which answers each request until the pipe closes;
when the parent dies the pipe closes and the child ends too.

Before it reads anything, the child leaves the network (`cut_network`: a new, empty network
namespace on Linux), so that nothing it is given — a page, a query — can make it connect
anywhere, whatever checks the parent made or missed. Where the kernel does not allow that,
the child runs as before and `Child.isolated` says so.
"""

from __future__ import annotations

import ctypes
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import DataError, KGError

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding kg/, for the child's imports
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


class ChildTimeout(DataError):
    """The child was still working when its time ran out, and was killed."""


class ChildDied(DataError):
    """The child ended without answering (a crash in native code, the memory killer)."""


class Child:
    """`python -m MODULE FD` answering requests sent over a socket, one at a time."""

    def __init__(self, module: str):
        self.module = module
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._stderr = None
        self.isolated: bool | None = None  # whether the running child is cut off from the network

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ask(self, request, timeout: float | None):
        """The child's answer to `request`; its KGError is raised here as it was raised there."""
        conn = self._start()
        try:
            conn.send(request)
            ready = conn.poll(timeout)
        except OSError:
            ready = True  # the child is gone; recv below says how
        if not ready:
            self.close()
            raise ChildTimeout(f"still working after {timeout:g} s, stopped")
        try:
            status, payload = conn.recv()
        except (EOFError, OSError):
            raise ChildDied(self._death()) from None
        if status == "error":
            raise payload
        return payload

    def close(self) -> None:
        """Stop the child (killing it if it is busy); the next request starts another."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def _start(self) -> Connection:
        if self._process is not None and self._process.poll() is None and self._conn is not None:
            return self._conn
        self.close()
        ours, theirs = socket.socketpair()
        path = os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))
        # The child's stderr goes to a file, read only to explain a crash: nothing it prints
        # (a library's log line, a traceback) reaches the user's terminal as it is.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close(), it outlives this call
        self._process = subprocess.Popen(
            [sys.executable, "-m", self.module, str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            env={**os.environ, "PYTHONPATH": path},
        )
        theirs.close()
        self._conn = Connection(ours.detach())
        try:
            if not self._conn.poll(60):
                self._process.kill()
            _, self.isolated = self._conn.recv()  # ("ready", isolated), sent before anything else
        except (EOFError, OSError):
            raise ChildDied(self._death()) from None
        return self._conn

    def _death(self) -> str:
        process, stderr = self._process, self._stderr
        code = process.wait() if process is not None else None
        last = ""
        if stderr is not None:
            stderr.seek(0)
            lines = stderr.read().decode("utf-8", "replace").strip().splitlines()
            last = f": {lines[-1][:200]}" if lines else ""
        self.close()
        return f"the {self.module} process ended without answering (exit code {code}{last})"


def serve(handler: Callable) -> None:
    """The child's life: answer each request on the socket named by argv[1] until it closes.

    A KGError from `handler` goes back to be raised in the parent; any other exception is a
    bug or a resource failure, reported as a DataError with its type rather than a hang.
    """
    conn = Connection(int(sys.argv[1]))
    conn.send(("ready", cut_network()))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", handler(request))
        except KGError as err:
            reply = ("error", err)
        except Exception as err:
            first = str(err).strip().splitlines()[0][:200] if str(err).strip() else ""
            reply = ("error", DataError(f"{type(err).__name__}: {first}" if first else type(err).__name__))
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return


def cut_network() -> bool:
    """Move this process into a new network namespace, which has no interface but a loopback
    that is down: every connection fails, to any address. Linux only; True if it worked.

    Root may do it directly; anyone else through a user namespace of their own, with their
    uid and gid mapped to themselves so that files are read and written as before. A
    process must still be single-threaded for that, so call this first thing.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - a Linux without a C library to load
        return False
    if libc.unshare(_CLONE_NEWNET) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        return False
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        try:
            with open(f"/proc/self/{name}", "w", encoding="ascii") as handle:
                handle.write(text)
        except OSError:
            pass  # an older kernel without setgroups; the namespace holds all the same
    return True
