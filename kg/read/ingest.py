"""Read articles from files and folders: .txt, .md, .html/.htm (via trafilatura) and .jsonl.

`read_documents` yields a `Document` for every article it can read and a `Skipped` for
every one it cannot, so that one bad file never stops a batch. Whatever the source,
text reaches the extractor as NFC-normalised Unicode with `\\n` line ends.

Hostile input is bounded: only regular files are opened (a FIFO would block for ever),
symbolic links that loop or lead nowhere are reported, files over a size limit are refused
unread, bytes are decoded only when their encoding is certain (`kg.read.encoding`), and a page
is read by trafilatura in a child process that is killed when it passes `page_seconds`.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.document import Document
from kg.errors import DataError, UsageError
from kg.paths import display
from kg.read.encoding import decode_page, decode_text
from kg.util.child import Child, ChildDied, ChildTimeout

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# trafilatura's time grows faster than linearly with page size (0.5 s at 1 MB, 18 s at
# 8.5 MB measured here), so pages past this size are refused rather than left to hang.
MAX_HTML_BYTES = 5_000_000
MAX_TEXT_BYTES = 200_000_000
# Size alone does not bound trafilatura: 1 MB of 50,000 short <div>s takes it over two
# minutes. A page still being read after this many seconds is stopped and skipped.
PAGE_SECONDS = 20.0


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read; `reason` is one line naming the problem and the fix."""

    source: str
    reason: str


def read_documents(
    paths: Iterable[str | os.PathLike], published: str | None = None, page_seconds: float = PAGE_SECONDS
) -> Iterator[Document | Skipped]:
    """Every article under `paths`, in a stable order.

    `published` (YYYY-MM-DD) is the publication date of articles that carry none of their
    own (an HTML page's metadata or a JSONL record's date win over it). A page whose reading
    takes longer than `page_seconds` is stopped and skipped.
    """
    if published is not None:
        published = check_date(published, "--published")
    with Child("kg.read.pages") as pages:  # started by the first page, if any
        for item in _expand(paths):
            if isinstance(item, Skipped):
                yield item
                continue
            path, doc_id = item
            try:
                yield from _read_file(
                    path, doc_id, published, lambda text, at: _read_page(pages, text, at, page_seconds)
                )
            except DataError as err:
                yield Skipped(display(path), str(err))
            except OSError as err:
                yield Skipped(display(path), _unreadable(path, err))


def _unreadable(path: Path, err: OSError) -> str:
    """One line saying why the system would not let kg read `path`, and what to do."""
    if err.errno == errno.ELOOP:
        return f"{display(path)}: a symbolic link that loops back on itself; fix or remove the link"
    if err.errno == errno.ENOENT and path.is_symlink():
        return f"{display(path)}: a symbolic link to {display(os.readlink(path))}, which does not exist; fix or remove the link"
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"{display(path)}: permission denied; let kg's user read it (chmod) or leave it out"
    return f"{display(path)}: cannot read ({err.strerror or err}); check the file"


def check_date(value: str, what: str) -> str:
    """`value` if it is an ISO date (YYYY-MM-DD), else a usage error naming `what`."""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UsageError(f"{what} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2017-07-04") from None


def _expand(paths: Iterable[str | os.PathLike]) -> list[tuple[Path, str] | Skipped]:
    """Each input file with its document id, or a Skipped for what cannot even be listed.

    A file named on the command line is known by its name; a file found in a folder by the
    folder's name and its path inside it, so that two folders' `index.txt` stay apart. A file
    named twice is read once; distinct files that would share an id are known by their paths
    as given instead, so that neither replaces the other."""
    given = list(paths)
    if not given:
        raise UsageError("no input given; name one or more article files or folders")
    found: list[tuple[Path, str] | Skipped] = []
    for raw in given:
        path = Path(raw)
        if path.is_symlink() and not path.exists():
            found.append((path, display(path.name)))  # a loop or a dangling link: reading it says which
        elif not path.exists():
            raise UsageError(f"{display(path)}: no such file or folder; check the path")
        elif path.is_dir():
            files = list(_walk(path))
            if not files:
                raise UsageError(
                    f"{display(path)}: no articles in this folder; kg reads {', '.join(sorted(SUFFIXES))} files"
                )
            folder_name = path.resolve().name
            for file in sorted(files, key=lambda f: os.fsencode(f.source if isinstance(f, Skipped) else f)):
                if isinstance(file, Skipped):
                    found.append(file)
                else:
                    found.append((file, display(f"{folder_name}/{file.relative_to(path).as_posix()}")))
        else:
            found.append((path, display(path.name)))
    return _distinct(found)


def _distinct(found: list[tuple[Path, str] | Skipped]) -> list[tuple[Path, str] | Skipped]:
    seen: set = set()
    kept: list[tuple[Path, str] | Skipped] = []
    for item in found:
        if not isinstance(item, Skipped):
            identity = _identity(item[0])
            if identity in seen:
                continue
            seen.add(identity)
        kept.append(item)
    ids = Counter(item[1] for item in kept if not isinstance(item, Skipped))
    return [item if isinstance(item, Skipped) or ids[item[1]] == 1 else (item[0], display(item[0])) for item in kept]


def _identity(path: Path) -> tuple:
    try:
        info = path.stat()
    except OSError:
        return ("path", os.path.abspath(path))
    return ("file", info.st_dev, info.st_ino)


def _walk(folder: Path) -> Iterator[Path | Skipped]:
    problems: list[OSError] = []
    # followlinks=False: a symlink loop cannot make the walk run forever. A folder that cannot
    # be listed is reported, not passed over in silence.
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False, onerror=problems.append):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(dirpath) / name
    for err in problems:
        where = display(err.filename or folder)
        yield Skipped(where, f"{where}: cannot list this folder ({err.strerror}); check its permissions")


def _read_file(path: Path, doc_id: str, published: str | None, read_page) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(
            f"{display(path)}: unsupported file type {suffix or '(none)'}; kg reads {', '.join(sorted(SUFFIXES))}"
        )
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise DataError(f"{display(path)}: not a regular file (a pipe, device or socket); give kg an article file")
    limit = MAX_HTML_BYTES if suffix in HTML_SUFFIXES else MAX_TEXT_BYTES
    if info.st_size > limit:
        raise DataError(_too_big(path, f"{info.st_size:,} bytes", limit, suffix))
    with path.open("rb") as handle:
        data = handle.read(limit + 1)  # not trusting the size: the file may be growing
    if len(data) > limit:
        raise DataError(_too_big(path, "more bytes than it had when kg began", limit, suffix))
    if suffix in HTML_SUFFIXES:
        yield _from_html(data, path, doc_id, published, read_page)
    elif suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(decode(data, path), path, doc_id, published)
    else:
        text = decode(data, path)
        if suffix == ".md":
            text = _strip_markdown(text)
        yield _from_text(text, path, doc_id, published)


def _too_big(path: Path, size: str, limit: int, suffix: str) -> str:
    return f"{display(path)}: {size} is over kg's limit of {limit:,} for {suffix} files; split the file or extract its article first"


def decode(data: bytes, path: Path | str) -> str:
    """Bytes of a text file as normalised text; a DataError when they are not text (see kg.read.encoding)."""
    return normalise(decode_text(data, path))


_NOT_CHARACTERS = re.compile("[\ud800-\udfff\ufffe\uffff]")


def normalise(text: str) -> str:
    """NFC, `\\n` line ends, no NUL or other C0 controls except tab and newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)
    # Lone surrogates cannot be written as UTF-8 by any later stage, and U+FFFE and U+FFFF
    # are not characters and cannot be written in XML (GraphML, GEXF): each becomes U+FFFD,
    # the replacement character, never a '?' that would read as text.
    text = _NOT_CHARACTERS.sub("\ufffd", text)
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


def _from_html(data: bytes, path: Path, doc_id: str, published: str | None, read_page) -> Document:
    markup = decode_page(data, path)
    if not markup.strip():
        raise DataError(f"{display(path)}: empty, nothing to read; remove it or save the article's page again")
    meta = read_page(markup, path)
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


def _read_page(pages: Child, text: str, path: Path, seconds: float) -> dict:
    """What trafilatura finds in a page, read in the child process `pages` within `seconds`."""
    try:
        return pages.ask(text, timeout=seconds)
    except ChildTimeout:
        raise DataError(
            f"{display(path)}: reading the page took over {seconds:g} s and was stopped (its markup is unusually large or "
            "deeply repeated); save the article's text as .txt, or allow more time with --page-timeout"
        ) from None
    except ChildDied as err:
        raise DataError(f"{display(path)}: the page could not be read ({err}); check it is an HTML article") from None
    except DataError as err:
        raise DataError(f"{display(path)}: could not parse the page ({err}); check it is an HTML article") from None


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
        # JSON may spell lone surrogates (\\ud800), which no output can hold: ids and URLs are
        # normalised like the text.
        url = (normalise(record["url"]).strip() or None) if isinstance(record.get("url"), str) else None
        ident = normalise(str(record["id"])).strip() if record.get("id") not in (None, "") else ""
        yield Document(
            id=ident or url or f"{doc_id}#{number}",
            text=body,
            title=normalise(title).strip() if title else None,
            published=_iso_or_none(record.get("date") or record.get("published")) or published,
            source=where,
            url=url,
        )
    if bad:
        # Good lines were already yielded; report the bad ones together, one line each.
        raise DataError("\n".join(bad))
