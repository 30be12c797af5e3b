"""kg's own writer for Turtle, TriG, N-Triples and N-Quads: strict, deterministic, streaming.

Every term is first written in Oxigraph's canonical N-Triples form by `TermWriter`, which
refuses a term no RDF file can hold (an invalid IRI, a lone surrogate) with a DataError
naming it: rdflib's writers only warn on an IRI that is not one and then write files that
stricter parsers reject, and its Turtle writer changes some literals ("1"^^xsd:decimal
comes out as 1.0).

Turtle and TriG are then written a subject at a time from N-Triples terms sorted by
subject, so a build can stream a corpus too big for memory from disk (kg.build.spool) and a graph
in memory comes out in exactly the same bytes. The layout is fixed: every kg prefix declared
once at the top, subjects sorted, `a` (rdf:type) then rdfs:label then the other predicates
sorted by IRI, objects sorted. Literals are copied in their N-Triples form (whose escapes are
valid Turtle); IRIs become prefixed names only when the local part is a plain Turtle name,
and numbers and booleans lose their quotes only when Turtle reads the bare text back as the
same literal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import DataError
from kg.rdf.graph import kg_prefixes

Term = URIRef | BNode | Literal
Triple = tuple[Term, Term, Term]
NTriple = tuple[str, str, str]

_TYPE = f"<{RDF.type}>"
_LABEL = f"<{RDFS.label}>"
# Turtle's own number and boolean tokens: a literal whose text is one of these is written bare.
_BARE = {
    f"<{XSD.integer}>": re.compile(r"[+-]?[0-9]+"),
    f"<{XSD.decimal}>": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    f"<{XSD.boolean}>": re.compile(r"true|false"),
}
# PN_LOCAL of the Turtle grammar, without the '.', ':' and %-escapes it also allows: a name
# made only of these characters needs no escaping (some parsers still get escapes wrong),
# and anything else is written as a whole <IRI>.
_BASE_CHARS = (
    "A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_LOCAL = re.compile(f"[{_BASE_CHARS}0-9][{_BASE_CHARS}0-9\\-\u00b7\u0300-\u036f\u203f-\u2040]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


class TermWriter:
    """rdflib terms as canonical N-Triples text, each checked; blank nodes renumbered in the
    order first met (an rdflib label need not be a valid N-Triples one)."""

    def __init__(self) -> None:
        self._blanks: dict[str, str] = {}

    def term(self, value: Term) -> str:
        if isinstance(value, URIRef):
            return self.iri(value)
        if isinstance(value, BNode):
            return self._blanks.setdefault(str(value), f"_:b{len(self._blanks)}")
        if isinstance(value, Literal):
            return self.literal(value)
        raise DataError(f"cannot write {value!r} as RDF: it is not an IRI, blank node or literal")

    def iri(self, value: URIRef) -> str:
        return str(_named_node(str(value)))

    def literal(self, value: Literal) -> str:
        text = str(value)
        if _SURROGATE.search(text):
            raise DataError(f'cannot write the literal "{_shown(text)}": it holds a lone surrogate, which is not text')
        if value.language:  # rdflib checks tags when it makes the literal
            return str(ox.Literal(text, language=value.language))
        if value.datatype is None:
            return str(ox.Literal(text))
        return str(ox.Literal(text, datatype=_named_node(str(value.datatype))))

    def triples(self, triples: Iterable[Triple]) -> list[NTriple]:
        """The triples as N-Triples terms, sorted: the order the Turtle writer takes them in."""
        # Sorted before writing too: blank nodes are numbered in the order they are met.
        ordered = sorted(triples, key=lambda triple: tuple(map(_order, triple)))
        return sorted((self.term(s), self.term(p), self.term(o)) for s, p, o in ordered)


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


def write_graph(out: TextIO, terms: TurtleTerms, triples: Iterable[NTriple], indent: str = "") -> int:
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


def write_named_graph(out: TextIO, terms: TurtleTerms, name: str | None, triples: Iterable[NTriple]) -> int:
    """One TriG block: `name { ... }` holding `triples` (sorted by subject); no name, the default graph."""
    out.write(f"{terms.term(name)} {{\n" if name is not None else "{\n")
    count = write_graph(out, terms, triples, indent="    ")
    out.write("}\n\n")
    return count


def ntriples(triples: Iterable[Triple]) -> str:
    """One line per triple, lines sorted."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in sorted(set(TermWriter().triples(triples))))


def nquads(quads: Iterable[tuple[Term, Term, Term, URIRef | None]]) -> str:
    """One line per quad (no fourth term for the default graph), lines sorted."""
    writer = TermWriter()
    lines = []
    for s, p, o, g in sorted(quads, key=lambda quad: tuple(_order(t) if t is not None else () for t in quad)):
        terms = [s, p, o] if g is None else [s, p, o, g]
        lines.append(" ".join(writer.term(t) for t in terms) + " .")
    return "".join(line + "\n" for line in sorted(set(lines)))


def _order(term: Term) -> tuple:
    """A total order on terms that does not depend on hashing: IRIs, then blank nodes, then literals."""
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, BNode):
        return (1, str(term), "", "")
    return (2, str(term), str(term.datatype or ""), term.language or "")


def _named_node(text: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise DataError(f"cannot write <{_shown(text)}>: not a valid absolute IRI (RFC 3987)") from None


def _shown(text: str) -> str:
    """A term's text for an error message: one line, not too long, printable whatever it holds."""
    short = text if len(text) <= 120 else text[:117] + "..."
    return short.encode("unicode_escape").decode("ascii") if not short.isprintable() else short
