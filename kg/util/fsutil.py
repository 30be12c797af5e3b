"""Files kg writes are written whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO

from kg.errors import KGError, UsageError
from kg.paths import display


def atomic_write(path: str | os.PathLike, data: bytes | str) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    A crash or kill at any moment leaves either the old file or the new one, never a
    truncated mix: the rename is atomic on POSIX and Windows filesystems.
    """
    (written,) = atomic_write_all({path: data})
    return written


def atomic_write_all(files: Mapping[str | os.PathLike, bytes | str]) -> list[Path]:
    """Write several files that belong together (graph.ttl and graph.trig), each atomically.

    Every new file is written and flushed to disk under a temporary name first; only then
    are they renamed into place, one after the other. A crash while writing leaves all the
    old files as they were; only a crash between two renames, a few microseconds, can leave
    some new and some old (each still whole). A crash leaves behind at most `.NAME.*.tmp`
    files, which the next run does not read.
    """
    pending: list[tuple[str, Path]] = []
    target = Path(next(iter(files), "."))  # the file being written: what an error names
    try:
        for path, data in files.items():
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            pending.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        while pending:
            tmp, target = pending[0]
            os.replace(tmp, target)
            pending.pop(0)
            _fsync_dir(target.parent)
    except BaseException as err:
        for tmp, _ in pending:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError) and not isinstance(err, BrokenPipeError):
            raise _cannot_write(err, target) from None
        raise
    return [Path(path) for path in files]


# Where a write fails because of the path it was given: a usage error (exit 2). Anything else
# (a full disk, an I/O error) is a failure of the run (exit 1).
_PATH_ERRORS = {errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.EPERM, errno.EROFS, errno.EEXIST}


def _cannot_write(err: OSError, target: Path) -> KGError:
    cause = err.strerror or str(err)
    if err.filename is not None and Path(err.filename) != target and not Path(err.filename).name.endswith(".tmp"):
        cause = f"{display(err.filename)}: {cause}"
    message = f"{display(target)}: cannot write it ({cause})"
    if err.errno in _PATH_ERRORS:
        return UsageError(f"{message}; give a folder kg may create or write to")
    return KGError(f"{message}; nothing was replaced: free space or check the disk, then run kg again")


@contextlib.contextmanager
def atomic_text_writer(path: str | os.PathLike) -> Iterator[TextIO]:
    """`atomic_write` for files too big to hold in memory: write to the handle given (UTF-8,
    `\\n` line ends); the file appears whole when the block ends, and not at all if it raises."""
    target = Path(path)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as err:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError) and not isinstance(err, BrokenPipeError):
            raise _cannot_write(err, target) from None
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
