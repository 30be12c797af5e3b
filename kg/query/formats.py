"""Answers as text: an aligned table or Markdown for people; CSV, TSV and JSON for programs.

CSV, TSV and JSON follow the W3C SPARQL 1.1 result formats, so other tools read them as
they read any SPARQL endpoint's answer. The table and Markdown shorten IRIs with the
usual prefixes (kg:, kgr:, rdfs:, ...) and show literals as their text.
"""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef

from kg.query.session import QueryResult
from kg.rdf.graph import kg_prefixes
from kg.rdf.namespace import DEFAULT_BASE

_SHORT = sorted(kg_prefixes(DEFAULT_BASE), key=lambda kv: -len(kv[1]))


def short(term) -> str:
    """A term as a person reads it: kgr:raqqa, "Raqqa" as Raqqa, 2014 as 2014."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, iri in _SHORT:
            if text.startswith(iri) and len(text) > len(iri):
                return f"{prefix}:{text[len(iri) :]}"
        return f"<{text}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _single_line(text: str) -> str:
    return " ".join(text.split())


def table(result: QueryResult) -> str:
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    cells = [[_single_line(short(t)) for t in row] for row in result.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(result.variables)]

    def line(values):
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(result.variables), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    if not cells:
        out.append("(no rows)")
    return "\n".join(out) + "\n"


def markdown(result: QueryResult) -> str:
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"

    def cell(term) -> str:
        text = _single_line(short(term)).replace("\\", "\\\\").replace("|", "\\|")
        return text.replace("<", "&lt;").replace(">", "&gt;")

    out = ["| " + " | ".join(result.variables) + " |", "|" + "|".join(" --- " for _ in result.variables) + "|"]
    out += ["| " + " | ".join(cell(t) for t in row) + " |" for row in result.rows]
    return "\n".join(out) + "\n"


def csv_text(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: plain values, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
    return buffer.getvalue()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        body = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        body = body.replace("\t", "\\t")
        if term.language:
            return f'"{body}"@{term.language}'
        if term.datatype is not None:
            return f'"{body}"^^<{term.datatype}>'
        return f'"{body}"'
    return f"_:{term}" if isinstance(term, BNode) else f"<{term}>"


def tsv_text(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: ?variables in the header, terms written as in Turtle."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None:
        value["datatype"] = str(term.datatype)
    return value


def json_text(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        document: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"table": table, "csv": csv_text, "tsv": tsv_text, "json": json_text, "md": markdown}


def render(result: QueryResult, fmt: str = "table") -> str:
    return FORMATS[fmt](result)
