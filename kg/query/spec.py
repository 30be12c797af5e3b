"""Named questions: .rq files whose header says what they ask and which parameters they take.

    # title: What an actor did
    # description: Every event the actor took part in, with its role, place and time,
    #   and the sentence that reports it.
    # param actor (string, required): the actor's name or any alias, in any case
    # param min (integer, default 1): pairs that share at least this many documents

A header is the comment block at the top of the file. `title` and `description` take one
line each and continue on indented comment lines; every `param` line declares one
parameter: its name (a variable of the query), its type, and `required`, `optional`
(left unbound when not given) or `default VALUE`. Other comment lines are left alone.

Parameter values are typed and turned into RDF terms here, then bound by a VALUES block
at the top of the WHERE clause: a value is always one term, never query text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kg.errors import UsageError
from kg.paths import data_dir, display
from kg.query import sparql_text

_XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM = re.compile(
    r"^param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>\w+)\s*,\s*"
    r"(?P<need>required|optional|default\s+(?P<default>\"(?:[^\"\\]|\\.)*\"|[^)\s]+))\s*\)\s*:\s*(?P<about>.*)$"
)
_FIELD = re.compile(r"^(?P<key>title|description)\s*:\s*(?P<value>.*)$")


def _integer(text: str) -> ox.Literal:
    if not re.fullmatch(r"[+-]?[0-9]+", text.strip()):
        raise ValueError("a whole number, e.g. 3")
    return ox.Literal(str(int(text)), datatype=ox.NamedNode(_XSD + "integer"))


def _decimal(text: str) -> ox.Literal:
    text = text.strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError("a number, e.g. 0.5") from None
    if not value.is_finite():
        raise ValueError("a finite number, e.g. 0.5")
    # xsd:decimal has no exponent ("1e99999" would be 100,000 digits), and no number kg
    # stores needs more than a few dozen of them.
    if not re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", text) or len(text) > 40:
        raise ValueError("a number written out in at most 40 characters, e.g. 0.5 (no exponent)")
    return ox.Literal(text, datatype=ox.NamedNode(_XSD + "decimal"))


def _boolean(text: str) -> ox.Literal:
    words = {"true": "true", "yes": "true", "1": "true", "false": "false", "no": "false", "0": "false"}
    if text.strip().lower() not in words:
        raise ValueError("true or false")
    return ox.Literal(words[text.strip().lower()], datatype=ox.NamedNode(_XSD + "boolean"))


def _date(text: str) -> ox.Literal:
    """YYYY, YYYY-MM or YYYY-MM-DD: the three precisions of kg:time, typed the same way."""
    text = text.strip()
    kinds = {4: "gYear", 7: "gYearMonth", 10: "date"}
    try:
        if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text):
            raise ValueError
        date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        raise ValueError("a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2014 or 2017-07-04") from None
    return ox.Literal(text, datatype=ox.NamedNode(_XSD + kinds[len(text)]))


def _iri(text: str) -> ox.NamedNode:
    text = text.strip()
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
        raise ValueError("an absolute IRI, e.g. https://w3id.org/newskg/id/raqqa")
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise ValueError("a valid absolute IRI, e.g. https://w3id.org/newskg/id/raqqa") from None


TYPES = {
    "string": ox.Literal,
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
    "date": _date,
    "iri": _iri,
}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    about: str
    required: bool = False
    default: str | None = None

    def term(self, value: str):
        if re.search("[\ud800-\udfff]", value):
            raise UsageError(
                f"--param {self.name}={value!r}: holds a lone surrogate, which is not text; give it as UTF-8"
            )
        try:
            return TYPES[self.type](value)
        except ValueError as err:
            raise UsageError(f"--param {self.name}={value}: {self.name} takes {err}") from None

    def usage(self) -> str:
        need = "required" if self.required else "optional" if self.default is None else f"default {self.default}"
        return f"{self.name}={self.type.upper()} ({need})"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    origin: str  # what error messages call it: the file's path
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)

    def bind(self, values: Mapping[str, object] | None = None) -> str:
        """The query text with the parameters' values bound by VALUES blocks at the top of its
        WHERE clause and of each sub-SELECT that uses them. Unknown names, missing required
        values and values of the wrong type are usage errors."""
        values = {k: v for k, v in (values or {}).items() if v is not None}
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            known = ", ".join(declared) if declared else "none"
            raise UsageError(f"{self.origin}: no parameter called {unknown[0]!r}; its parameters: {known}")
        bound = []
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                if param.required:
                    raise UsageError(f"{self.origin}: needs --param {param.name}=... ({param.about})")
                continue
            bound.append((param.name, param.term(str(value))))
        if not bound:
            return self.text
        sites = sparql_text.binding_sites(self.text)
        if not sites:
            raise UsageError(f"{self.origin}: has parameters but no WHERE clause to bind them in")
        text = self.text
        for at, mentioned in sorted(sites, reverse=True):
            here = [(name, term) for name, term in bound if name in mentioned]
            if here:
                names = " ".join(f"?{name}" for name, _ in here)
                terms = " ".join(str(term) for _, term in here)
                # One line, no newline: the line numbers of everything after it stay those of the file.
                text = f"{text[:at]} VALUES ({names}) {{ ({terms}) }} {text[at:]}"
        return text


def parse(text: str, name: str, origin: str, strict: bool = False) -> NamedQuery:
    """A query and its header. `strict` (the library's own files) also demands a title and a description."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped[1:]
        content = body.strip()
        if body[:1] == " " and body[1:2].isspace() and last is not None and content:
            if last.startswith("param:"):
                params[-1] = _extend(params[-1], content)
            else:
                fields[last] = f"{fields[last]} {content}".strip()
            continue
        last = None
        if match := _FIELD.match(content):
            last = match["key"]
            fields[last] = match["value"].strip()
        elif content.startswith("param ") or content == "param":
            match = _PARAM.match(content)
            if not match:
                raise UsageError(
                    f"{origin}:{number}: cannot read this parameter; write "
                    "`# param NAME (TYPE, required|optional|default VALUE): what it means`"
                )
            params.append(_param(match, origin, number))
            last = "param:"
    query = NamedQuery(name, text, origin, fields.get("title", ""), fields.get("description", ""), tuple(params))
    _check(query, strict)
    return query


def _param(match: re.Match, origin: str, number: int) -> Param:
    kind = match["type"].lower()
    if kind not in TYPES:
        raise UsageError(f"{origin}:{number}: unknown parameter type {kind!r}; use one of {', '.join(TYPES)}")
    default = match["default"]
    if default is not None and default.startswith('"'):
        default = re.sub(r"\\(.)", r"\1", default[1:-1])
    param = Param(match["name"], kind, match["about"].strip(), match["need"] == "required", default)
    if default is not None:
        try:
            param.term(default)
        except UsageError as err:
            raise UsageError(f"{origin}:{number}: the default does not fit: {err}") from None
    return param


def _extend(param: Param, more: str) -> Param:
    return Param(param.name, param.type, f"{param.about} {more}".strip(), param.required, param.default)


def _check(query: NamedQuery, strict: bool) -> None:
    if strict and not (query.title and query.description):
        raise UsageError(f"{query.origin}: a named question needs `# title:` and `# description:` lines at the top")
    used = sparql_text.variables(query.text)
    seen = set()
    for param in query.params:
        if param.name in seen:
            raise UsageError(f"{query.origin}: parameter {param.name!r} is declared twice")
        seen.add(param.name)
        if param.name not in used:
            raise UsageError(
                f"{query.origin}: parameter {param.name!r} is declared but ?{param.name} is not in the query"
            )


def library() -> Path:
    return data_dir("queries")


def list_queries() -> list[NamedQuery]:
    """Every named question that ships with kg, by name."""
    return [_read(path, strict=True) for path in sorted(library().glob("*.rq"))]


def load_query(name_or_path: str | Path) -> NamedQuery:
    """A named question (`actor-events`) or a query file (`mine.rq`, `queries/x.rq`)."""
    text = str(name_or_path)
    looks_like_file = text.endswith(".rq") or "/" in text or "\\" in text
    if looks_like_file:
        path = Path(text)
        if not path.is_file():
            raise UsageError(f"{display(path)}: no such query file; check the path")
        return _read(path, strict=False)
    path = library() / f"{text}.rq"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text) or not path.is_file():
        raise UsageError(f"no question called {text!r}; `kg query --list` shows them, or give a FILE.rq")
    return _read(path, strict=True)


def _read(path: Path, strict: bool) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{display(path)}: not UTF-8 text; save the query as UTF-8") from None
    except OSError as err:
        raise UsageError(f"{display(path)}: cannot read it ({err.strerror})") from None
    return parse(text, path.stem, display(path), strict=strict)
