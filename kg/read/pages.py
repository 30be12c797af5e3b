"""The article in a saved web page, found by trafilatura in a child process (`kg.util.child`).

`kg.read.ingest` decodes the page's bytes itself (so that no library guesses an encoding behind
its back) and sends the text here; `read_page` parses it with lxml's HTML parser, which
never loads a DTD, expands a declared entity or fetches anything, and hands the tree to
trafilatura. Run as `python -m kg.read.pages FD`, this module answers such requests.
"""

from __future__ import annotations

import logging
import re

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Control characters are not allowed in HTML, and lxml's trees cannot hold them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_page(text: str) -> dict:
    """The article's text, title, date and URL (any of them may be empty) in a page's markup."""
    import lxml.html
    import trafilatura

    # lxml refuses text that still declares an encoding; the text is decoded already.
    markup = _CONTROLS.sub(" ", _XML_DECLARATION.sub("", text, count=1))
    if not markup.strip():
        return {}
    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        tree = lxml.html.document_fromstring(markup, parser=parser)
    except Exception:  # lxml's ParserError on markup with no element at all
        return {}
    result = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False)
    meta = result.as_dict() if result is not None and hasattr(result, "as_dict") else (result or {})
    return {key: meta.get(key) for key in ("text", "title", "date", "url") if isinstance(meta.get(key), str)}


def main() -> None:
    from kg.util.child import serve

    # trafilatura logs its doubts about a page; the parent says what matters in one line.
    logging.disable(logging.CRITICAL)
    serve(read_page)


if __name__ == "__main__":
    main()
