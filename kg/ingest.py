"""Read articles from files and folders: .txt, .md, .html/.htm (via trafilatura) and .jsonl.

`read_documents` yields a `Document` for every article it can read and a `Skipped` for
every one it cannot, so that one bad file never stops a batch. Whatever the source,
text reaches the extractor as NFC-normalised Unicode with `\\n` line ends.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.document import Document
from kg.errors import DataError, UsageError

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# trafilatura's time grows faster than linearly with page size (0.5 s at 1 MB, 18 s at
# 8.5 MB measured here), so pages past this size are refused rather than left to hang.
MAX_HTML_BYTES = 5_000_000
MAX_TEXT_BYTES = 200_000_000


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read; `reason` is one line naming the problem and the fix."""

    source: str
    reason: str


def read_documents(paths: Iterable[str | os.PathLike], published: str | None = None) -> Iterator[Document | Skipped]:
    """Every article under `paths`, in a stable order.

    `published` (YYYY-MM-DD) is the publication date of articles that carry none of their
    own (an HTML page's metadata or a JSONL record's date win over it).
    """
    if published is not None:
        published = check_date(published, "--published")
    for path, doc_id in _expand(paths):
        try:
            yield from _read_file(path, doc_id, published)
        except DataError as err:
            yield Skipped(str(path), str(err))
        except OSError as err:
            yield Skipped(
                str(path), f"{display(path)}: cannot read ({err.strerror or err}); check the file's permissions"
            )


def check_date(value: str, what: str) -> str:
    """`value` if it is an ISO date (YYYY-MM-DD), else a usage error naming `what`."""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UsageError(f"{what} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2017-07-04") from None


def display(path: Path | str) -> str:
    """A path as text that is safe to print even when its bytes are not valid UTF-8."""
    return os.fsdecode(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _expand(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, str]]:
    """Each input file with its document id. A file named on the command line is known by
    its name; a file found in a folder by the folder's name and its path inside it, so that
    two folders' `index.txt` stay apart."""
    given = list(paths)
    if not given:
        raise UsageError("no input given; name one or more article files or folders")
    for raw in given:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{display(path)}: no such file or folder; check the path")
        if path.is_dir():
            found = sorted(_walk(path))
            if not found:
                raise UsageError(
                    f"{display(path)}: no articles in this folder; kg reads {', '.join(sorted(SUFFIXES))} files"
                )
            folder_name = path.resolve().name
            for file in found:
                yield file, display(f"{folder_name}/{file.relative_to(path).as_posix()}")
        else:
            yield path, display(path.name)


def _walk(folder: Path) -> Iterator[Path]:
    # followlinks=False: a symlink loop cannot make the walk run forever.
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(dirpath) / name


def _read_file(path: Path, doc_id: str, published: str | None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(
            f"{display(path)}: unsupported file type {suffix or '(none)'}; kg reads {', '.join(sorted(SUFFIXES))}"
        )
    size = path.stat().st_size
    limit = MAX_HTML_BYTES if suffix in HTML_SUFFIXES else MAX_TEXT_BYTES
    if size > limit:
        raise DataError(
            f"{display(path)}: {size:,} bytes is over kg's limit of {limit:,} for {suffix} files; split the file or extract its article first"
        )
    data = path.read_bytes()
    if suffix in HTML_SUFFIXES:
        yield _from_html(data, path, doc_id, published)
    elif suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(decode(data, path), path, doc_id, published)
    else:
        text = decode(data, path)
        if suffix == ".md":
            text = _strip_markdown(text)
        yield _from_text(text, path, doc_id, published)


def decode(data: bytes, path: Path | str) -> str:
    """Bytes of a text file as normalised text; a DataError when they are not text."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise DataError(f"{display(path)}: broken UTF-16 at byte {err.start}; re-save the file as UTF-8") from None
    else:
        head = data[:8192]
        if head.startswith(b"%PDF") or b"\x00" in head:
            raise DataError(f"{display(path)}: binary data, not text; give kg the article as text, HTML or JSONL")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise DataError(
                f"{display(path)}: not UTF-8 (byte 0x{data[err.start]:02X} at offset {err.start}); "
                "convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8"
            ) from None
    return normalise(text)


def normalise(text: str) -> str:
    """NFC, `\\n` line ends, no NUL or other C0 controls except tab and newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)
    # Lone surrogates cannot be written as UTF-8 by any later stage.
    text = text.encode("utf-8", "replace").decode("utf-8")
    return unicodedata.normalize("NFC", text)


def _require_text(text: str, path: Path | str) -> str:
    if not text.strip():
        raise DataError(f"{display(path)}: empty, nothing to read; remove it or give it an article's text")
    return text


def _from_text(text: str, path: Path, doc_id: str, published: str | None) -> Document:
    text = _require_text(text, path)
    return Document(id=doc_id, text=text, title=_headline(text), published=published, source=display(path))


def _headline(text: str) -> str | None:
    """The first line, when it stands alone above the body as a headline does."""
    lines = text.lstrip().split("\n", 2)
    if len(lines) >= 2 and not lines[1].strip() and 0 < len(lines[0].strip()) <= 250:
        return lines[0].strip()
    return None


def _strip_markdown(text: str) -> str:
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1", r"\2", text)


def _from_html(data: bytes, path: Path, doc_id: str, published: str | None) -> Document:
    import trafilatura  # only pages need it, and it is slow to import

    head = data[:8192].lower()
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataError(f"{display(path)}: binary data, not an HTML page")
    try:
        result = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        raise DataError(
            f"{display(path)}: could not parse the page ({type(err).__name__}); check it is an HTML article"
        ) from None
    meta = result.as_dict() if result is not None and hasattr(result, "as_dict") else (result or {})
    body = normalise(meta.get("text") or "")
    if not body.strip():
        raise DataError(
            f"{display(path)}: no article text found in the page; save the article's own page, not an index"
        )
    title = normalise(meta.get("title") or "").strip() or None
    text = f"{title}\n\n{body}" if title else body
    page_date = _iso_or_none(meta.get("date"))
    return Document(
        id=doc_id,
        text=text,
        title=title,
        published=page_date or published,
        source=display(path),
        url=meta.get("url") or None,
    )


def _iso_or_none(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def _from_jsonl(text: str, path: Path, doc_id: str, published: str | None) -> Iterator[Document]:
    _require_text(text, path)
    bad: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{display(path)}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            bad.append(f"{where}: not JSON ({err.msg} at column {err.colno}); write one JSON object per line")
            continue
        if not isinstance(record, dict):
            bad.append(f'{where}: a JSON {type(record).__name__}, not an object with a "text" field')
            continue
        body = record.get("text") or record.get("body") or record.get("content")
        if not isinstance(body, str) or not body.strip():
            bad.append(f'{where}: no "text" field with the article\'s text')
            continue
        title = record.get("title") if isinstance(record.get("title"), str) else None
        body = normalise(body)
        if title and not body.lstrip().startswith(title.strip()):
            body = f"{normalise(title).strip()}\n\n{body}"
        url = record.get("url") if isinstance(record.get("url"), str) else None
        ident = record.get("id")
        yield Document(
            id=str(ident) if ident not in (None, "") else (url or f"{doc_id}#{number}"),
            text=body,
            title=normalise(title).strip() if title else None,
            published=_iso_or_none(record.get("date") or record.get("published")) or published,
            source=where,
            url=url,
        )
    if bad:
        # Good lines were already yielded; report the bad ones together, one line each.
        raise DataError("\n".join(bad))
