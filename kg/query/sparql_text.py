"""Reading SPARQL text without running it: which words are keywords, where the WHERE clause opens.

A small lexer that knows what SPARQL hides from its keywords — strings, IRIs, comments,
variables, prefixed names — so that `"SERVICE"` in a string or `ex:load` as a name never
looks like an operation, while `SeRvIcE` in the query does. Used to refuse what a
read-only query may not do before anything runs, and to bind parameters with a VALUES
block at the top of the WHERE clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import UsageError

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s(){}\[\],;.!=<>+*/|^"'#@-]*)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)
    | (?P<word>[^\s(){}\[\],;!=<>+*/|^"'#@?$]+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# Words that only SPARQL Update (or a federated query) uses; none of them is a query keyword.
UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"}
)
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


@dataclass(frozen=True)
class Token:
    kind: str  # string | iri | var | langtag | number | word | other
    text: str
    offset: int

    @property
    def keyword(self) -> str | None:
        """The word as an upper-case keyword, or None for prefixed names, blank nodes and the rest."""
        if self.kind != "word":
            return None
        word = self.text.rstrip(".")  # a triple's closing dot can stick to the word before it
        return word.upper() if word and ":" not in word else None


def tokens(text: str) -> list[Token]:
    """The query's tokens; spaces and comments are left out."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            found.append(Token(kind, match.group(), match.start()))
    return found


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_read_only(text: str, origin: str) -> None:
    """A usage error if the query would change the store or reach the network."""
    for token in tokens(text):
        word = token.keyword
        if word == "SERVICE":
            line, col = position(text, token.offset)
            raise UsageError(
                f"{origin}:{line}:{col}: SERVICE is refused: kg queries read the local graph only, never the network"
            )
        if word in UPDATE_WORDS:
            line, col = position(text, token.offset)
            raise UsageError(
                f"{origin}:{line}:{col}: {word} is refused: kg queries are read-only (SPARQL Update is not run)"
            )


def variables(text: str) -> set[str]:
    """Names of the variables the query mentions, without ? or $."""
    return {t.text[1:] for t in tokens(text) if t.kind == "var"}


def where_offset(text: str) -> int | None:
    """The offset just after the `{` that opens the query's WHERE clause, or None if it has none."""
    found = tokens(text)
    at = _where_brace(found, 0, 0)
    return None if at is None else found[at].offset + 1


def binding_sites(text: str) -> list[tuple[int, set[str]]]:
    """Where a query's parameters must be bound: just inside the `{` of its WHERE clause and of
    each sub-SELECT's, each with the variables that scope mentions itself (not in a sub-SELECT
    nested in it). A sub-SELECT is evaluated on its own, so a value bound only outside would not
    reach a filter inside it; bound inside, it lets the engine narrow the sub-SELECT first."""
    found = tokens(text)
    top = _where_brace(found, 0, 0)
    if top is None:
        return []
    opened: list[int] = []  # indexes of the `{` still open
    selects: dict[int, int] = {}  # index of a `{` that wraps a sub-SELECT -> index of that SELECT
    spans = []  # (index of a sub-SELECT, index of the `}` that ends it)
    for i, token in enumerate(found):
        if token.kind == "other" and token.text == "{":
            opened.append(i)
        elif token.kind == "other" and token.text == "}" and opened:
            start = opened.pop()
            if start in selects:
                spans.append((selects.pop(start), i))
        elif token.keyword == "SELECT" and opened:
            selects.setdefault(opened[-1], i)
    sites = [(found[top].offset + 1, _direct_variables(found, 0, len(found), spans))]
    for begin, end in spans:
        brace = _where_brace(found, begin, begin)
        if brace is not None and brace < end:
            inner = [(b, e) for b, e in spans if begin < b and e <= end]
            sites.append((found[brace].offset + 1, _direct_variables(found, begin, end, inner)))
    return sites


def _direct_variables(found: list[Token], begin: int, end: int, nested: list[tuple[int, int]]) -> set[str]:
    return {
        t.text[1:]
        for i, t in enumerate(found[begin:end], start=begin)
        if t.kind == "var" and not any(b <= i <= e for b, e in nested)
    }


def _where_brace(found: list[Token], start: int, form_at: int) -> int | None:
    """Index of the `{` opening the WHERE clause of the query whose form keyword is at or after `start`."""
    braces = parens = 0
    form = None
    after_where = False
    for i in range(start, len(found)):
        token = found[i]
        if token.kind == "other" and token.text in "{}()":
            if token.text == "{" and braces == 0 and parens == 0 and form and (after_where or form != "CONSTRUCT"):
                return i
            braces += {"{": 1, "}": -1}.get(token.text, 0)
            parens += {"(": 1, ")": -1}.get(token.text, 0)
            if braces < 0:
                return None
            continue
        word = token.keyword
        if braces == 0 and parens == 0:
            if form is None and word in QUERY_FORMS:
                form = word
            elif word == "WHERE":
                after_where = True
    return None
