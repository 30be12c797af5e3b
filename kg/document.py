"""The unit of input: one news article, as plain text with its metadata."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """One article. `id` is stable across runs and names the article in the graph.

    `published` is an ISO date (YYYY-MM-DD) or None; `source` says where it was read
    (a path, or a path and line for JSONL); `url` is the article's own address if known.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str = ""
    url: str | None = None
