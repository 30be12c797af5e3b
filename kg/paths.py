"""Where kg's data lives (the repository's folders, or their copies inside an installed wheel),
and paths as kg prints them."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The `ontology` or `queries` folder, whether kg runs from a checkout or from a wheel."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's {name} folder is missing; reinstall kg")


def display(path: str | os.PathLike) -> str:
    """A path as text that is safe to print and to write as UTF-8, whatever its bytes: a byte
    that is not UTF-8 shows as \\xNN rather than as '?' or a lone surrogate."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
