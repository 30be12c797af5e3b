"""Files kg writes are written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


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
    except BaseException:
        for tmp, _ in pending:
            Path(tmp).unlink(missing_ok=True)
        raise
    return [Path(path) for path in files]


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
