"""Bytes to text, never guessed: what is not certain is refused with the byte offset and the fix.

A text file is UTF-8, or UTF-8 or UTF-16 with a byte-order mark. A web page may also declare
its encoding (`<meta charset>`, `<meta http-equiv="Content-Type">` or an XML declaration),
read as browsers read it. Anything else is refused rather than decoded by a guess: a wrong
guess would put mojibake into entity names and IRIs that later runs and other systems trust
(charset_normalizer takes "Café in Tunis" in Latin-1 for Urdu cp1006). The refusal names
the first bad byte by offset and line, and the command that converts the file.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from kg.errors import DataError
from kg.paths import display as _shown

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Where browsers look for a declared encoding: the page's first kilobytes.
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.IGNORECASE)


def decode_text(data: bytes, path: Path | str) -> str:
    """A text or JSONL file's bytes as text: UTF-8, or UTF-8/UTF-16 with a byte-order mark."""
    from_bom = _from_bom(data, path)
    if from_bom is not None:
        return from_bom
    if _binary(data):
        raise DataError(f"{_shown(path)}: binary data, not text; give kg the article as text, HTML or JSONL")
    return _strict(data, "utf-8", path)


def decode_page(data: bytes, path: Path | str) -> str:
    """A web page's bytes as text: a byte-order mark, else the encoding the page declares, else UTF-8."""
    from_bom = _from_bom(data, path)
    if from_bom is not None:
        return from_bom
    if _binary(data):
        raise DataError(f"{_shown(path)}: binary data, not an HTML page; give kg the article's page or its text")
    declared = _declared_encoding(data[:_SNIFF_BYTES])
    if declared is None:
        return _strict(data, "utf-8", path)
    label, codec = declared
    if codec is None:
        raise DataError(
            f"{_shown(path)}: the page declares the encoding {label!r}, which kg does not know; "
            "convert the page to UTF-8 first, e.g. with iconv"
        )
    if codec == "cp1252":
        # As browsers do: ISO-8859-1 and US-ASCII pages are read as windows-1252, whose five
        # unassigned bytes are taken as the Latin-1 control characters of the same value.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    return _strict(data, codec, path, declared=label)


def _binary(data: bytes) -> bool:
    """A PDF, or bytes with a NUL or many control characters near the start (images, archives,
    office files): no text encoding makes them an article."""
    head = data[:8192]
    if head.startswith(b"%PDF") or b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in (*range(1, 9), 11, *range(14, 32), 127))
    return controls > len(head) // 20


def _from_bom(data: bytes, path: Path | str) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :] if codec == "utf-8" else data
            return _strict(body, codec, path, offset=len(bom) if codec == "utf-8" else 0)
    return None


def _declared_encoding(head: bytes) -> tuple[str, str | None] | None:
    """(label as written, Python codec or None if unknown) of the encoding a page declares."""
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii").strip().lower()
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return label, None
    if codec in ("latin-1", "iso8859-1", "ascii", "cp1252"):
        return label, "cp1252"
    if codec.startswith(("utf-16", "utf-32")):
        return label, "utf-8"  # a page without a byte-order mark is not UTF-16, whatever it says
    return label, codec


def _strict(data: bytes, codec: str, path: Path | str, offset: int = 0, declared: str | None = None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        at = offset + err.start
        line = data.count(b"\n", 0, err.start) + 1
        bad = data[err.start]
        if codec.startswith("utf-16"):
            raise DataError(f"{_shown(path)}: broken UTF-16 at byte {at}; re-save the file as UTF-8") from None
        what = f"not {declared} as it declares" if declared else "not UTF-8"
        raise DataError(
            f"{_shown(path)}: {what} (byte 0x{bad:02X} at offset {at}) on line {line}; "
            "convert it to UTF-8 first, e.g. iconv -f WINDOWS-1252 -t UTF-8 if it came from Windows"
        ) from None
