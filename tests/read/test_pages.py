"""Hostile web pages: nothing in them is expanded, fetched or run, and none can hang a build.

The pages are made here, in the test; each is read the way `kg build` reads pages: decoded
by kg.read.encoding, parsed and searched by trafilatura in kg.read.pages' child process.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from kg.document import Document
from kg.read.ingest import MAX_HTML_BYTES, Skipped, read_documents
from kg.read.pages import read_page

ARTICLE = (
    "<article><h1>Rebels seize Kilmora</h1>"
    + "<p>Rebels seized the town of Kilmora on Monday after days of heavy fighting with government forces, "
    "officials said in a statement on Tuesday.</p>" * 4 + "</article>"
)


def page(body: str, head: str = "<title>Rebels seize Kilmora</title>", prolog: str = "") -> str:
    return f"{prolog}<html><head>{head}</head><body>{body}</body></html>"


def read_one(path: Path, **kw) -> Document | Skipped:
    (item,) = list(read_documents([path], **kw))
    return item


def laughs(levels: int = 9) -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, levels + 1)
    ]
    return "\n".join(entities)


def test_entity_expansion_is_not_performed(tmp_path):
    prolog = f'<?xml version="1.0"?>\n<!DOCTYPE html [\n{laughs()}\n]>\n'
    path = tmp_path / "laughs.html"
    path.write_text(page(ARTICLE.replace("Monday", "Monday &lol9;"), prolog=prolog), encoding="utf-8")
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert "lollol" not in doc.text and len(doc.text) < 2_000
    assert "seized the town of Kilmora" in doc.text


def test_external_entities_read_no_file_and_fetch_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-5f3a", encoding="utf-8")
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"FETCHED-FROM-NETWORK")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/dtd"
        prolog = (
            '<?xml version="1.0"?>\n<!DOCTYPE html [\n'
            f'<!ENTITY file SYSTEM "{secret.as_uri()}">\n<!ENTITY web SYSTEM "{url}">\n'
            f'<!ENTITY % remote SYSTEM "{url}/param"> %remote;\n]>\n'
        )
        body = ARTICLE.replace("Monday", "Monday &file; &web;") + f'<img src="{url}/img"><iframe src="{url}/frame">'
        path = tmp_path / "xxe.html"
        path.write_text(page(body, head=f'<link rel="stylesheet" href="{url}/css"><title>t</title>', prolog=prolog))
        doc = read_one(path)
    finally:
        server.shutdown()
    assert isinstance(doc, Document)
    assert "TOP-SECRET" not in doc.text and "FETCHED" not in doc.text
    assert requests == []


def test_divs_nested_300000_deep_neither_crash_nor_hide_the_article(tmp_path):
    bomb = "<div>" * 300_000 + "deep" + "</div>" * 300_000
    after = tmp_path / "after.html"
    after.write_text(page(ARTICLE + bomb), encoding="utf-8")
    inside = tmp_path / "inside.html"
    inside.write_text(page("<div>" * 300_000 + ARTICLE + "</div>" * 300_000), encoding="utf-8")
    first, second = list(read_documents([after, inside], page_seconds=60))
    assert isinstance(first, Document) and "seized the town of Kilmora" in first.text
    # The parser keeps the first 256 levels; an article below them is not found, and says so.
    assert isinstance(second, Skipped) and "no article text found" in second.reason


def test_a_page_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(page(ARTICLE).encode())
        handle.truncate(60_000_000)  # 60 MB: refused from its size alone, never parsed
    item = read_one(path)
    assert isinstance(item, Skipped)
    assert f"60,000,000 bytes is over kg's limit of {MAX_HTML_BYTES:,} for .html files" in item.reason


def test_a_page_that_makes_trafilatura_crawl_is_stopped_at_the_time_limit(tmp_path):
    slow = tmp_path / "many-divs.html"
    # 20,000 short divs: trafilatura's fallback works in quadratic time (over 10 s here).
    slow.write_text(page(ARTICLE + "".join(f"<div>item {n}</div>\n" for n in range(20_000))), encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text(page(ARTICLE), encoding="utf-8")
    stopped, read = list(read_documents([slow, good], page_seconds=1.5))
    assert isinstance(stopped, Skipped)
    assert "reading the page took over 1.5 s and was stopped" in stopped.reason and "--page-timeout" in stopped.reason
    assert isinstance(read, Document) and "Kilmora" in read.text, "the next page gets a fresh reader"


@pytest.mark.parametrize(
    ("markup", "found"),
    [
        (page(ARTICLE + "\x00\x01\x02\x1b"), True),
        ("", False),
        ("<p>", False),
        ("<!DOCTYPE html>", False),
        ("not markup at all, just words " * 50, True),
        (page("<script>" + "Rebels seized the town. " * 200 + "</script>"), False),
    ],
)
def test_odd_markup_gives_text_or_nothing_never_an_error(markup, found):
    text = read_page(markup).get("text") or ""
    assert bool(text.strip()) == found
