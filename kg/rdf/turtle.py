"""Turtle and TriG written a subject at a time, from triples held as N-Triples term strings.

rdflib's Turtle writer needs the whole graph in memory, which a corpus of ten thousand
articles does not fit. This writer takes subjects in order (a sorted stream from disk) and
never holds more than one subject's triples. The layout is fixed, so the same triples give
the same bytes: every kg prefix declared once at the top, subjects in the order given,
`a` (rdf:type) then rdfs:label then the other predicates sorted by IRI, objects sorted.

Terms arrive in canonical N-Triples form (as Oxigraph writes them). Their escapes are valid
Turtle too, so literals are copied as they are; IRIs become prefixed names when the local
part is a plain Turtle name, and numbers and booleans in their canonical form lose the quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from rdflib.namespace import RDF, RDFS, XSD

from kg.rdf.graph import kg_prefixes

_TYPE = f"<{RDF.type}>"
_LABEL = f"<{RDFS.label}>"
_BARE = {
    f"<{XSD.integer}>": re.compile(r"[+-]?[0-9]+"),
    f"<{XSD.decimal}>": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    f"<{XSD.boolean}>": re.compile(r"true|false"),
}
# PN_LOCAL of the Turtle grammar, without the '.', ':' and %-escapes it also allows: a name
# made only of these characters needs no escaping, and anything else is written as <IRI>.
_BASE_CHARS = (
    "A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_LOCAL = re.compile(f"(?:[{_BASE_CHARS}0-9][{_BASE_CHARS}0-9\\-\u00b7\u0300-\u036f\u203f-\u2040]*)?")


class TurtleTerms:
    """N-Triples terms to Turtle terms under kg's prefixes for `base`."""

    def __init__(self, base: str):
        self.prefixes = sorted(kg_prefixes(base))
        # Longest namespace first, so kgr: never takes what a longer namespace names.
        self._by_length = sorted(self.prefixes, key=lambda item: -len(item[1]))

    def header(self) -> str:
        return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in self.prefixes) + "\n"

    def iri(self, term: str) -> str:
        value = term[1:-1]
        for prefix, ns in self._by_length:
            if value.startswith(ns) and _LOCAL.fullmatch(value, len(ns)):
                return f"{prefix}:{value[len(ns) :]}"
        return term

    def term(self, term: str) -> str:
        if term.startswith("<"):
            return self.iri(term)
        if term.startswith('"') and not term.endswith('"'):
            close = term.rindex('"')
            suffix = term[close + 1 :]
            if suffix.startswith("^^"):
                datatype = suffix[2:]
                lexical = term[1:close]
                bare = _BARE.get(datatype)
                if bare is not None and bare.fullmatch(lexical):
                    return lexical
                return f"{term[: close + 1]}^^{self.iri(datatype)}"
        return term  # a plain or language-tagged literal, or a blank node


def predicate_key(predicate: str) -> tuple[int, str]:
    return (0 if predicate == _TYPE else 1 if predicate == _LABEL else 2, predicate)


def write_subject(out: TextIO, terms: TurtleTerms, subject: str, pairs: Iterable[tuple[str, str]], indent: str = ""):
    """One subject's statements, ending in ' .'; `pairs` are (predicate, object) N-Triples terms."""
    by_predicate: dict[str, list[str]] = {}
    for predicate, obj in pairs:
        by_predicate.setdefault(predicate, []).append(obj)
    parts = []
    for predicate in sorted(by_predicate, key=predicate_key):
        objects = sorted(set(by_predicate[predicate]))
        verb = "a" if predicate == _TYPE else terms.iri(predicate)
        joined = f",\n{indent}        ".join(terms.term(o) for o in objects)
        parts.append(f"{verb} {joined}")
    out.write(f"{indent}{terms.term(subject)} " + f" ;\n{indent}    ".join(parts) + " .\n")


def write_graph(out: TextIO, terms: TurtleTerms, triples: Iterable[tuple[str, str, str]], indent: str = "") -> int:
    """Triples sorted by subject, one block per subject with a blank line between; returns the count."""
    count = 0
    subject = None
    pairs: list[tuple[str, str]] = []
    for s, p, o in triples:
        if s != subject:
            if subject is not None:
                write_subject(out, terms, subject, pairs, indent)
                out.write("\n")
            subject, pairs = s, []
        pairs.append((p, o))
        count += 1
    if subject is not None:
        write_subject(out, terms, subject, pairs, indent)
    return count


def write_named_graph(
    out: TextIO, terms: TurtleTerms, name: str | None, triples: Iterable[tuple[str, str, str]]
) -> int:
    """One TriG block: `name { ... }` holding `triples` (sorted by subject); no name, the default graph."""
    out.write(f"{terms.term(name)} {{\n" if name is not None else "{\n")
    count = write_graph(out, terms, triples, indent="    ")
    out.write("}\n\n")
    return count
