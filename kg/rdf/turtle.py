"""kg's own writer for Turtle, TriG, N-Triples and N-Quads: strict, deterministic, checked.

rdflib's writers only warn on an IRI that is not one and then write files that stricter
parsers reject, and its Turtle writer changes some literals ("1"^^xsd:decimal comes out as
1.0) and can split an IRI inside a percent escape to make a prefix. This writer refuses a
term no RDF file can hold (an invalid IRI, a lone surrogate) with a
DataError naming it, writes a prefixed name only when the local part is plainly valid, a
number or boolean without quotes only when its text is exactly what Turtle would read back,
and every other literal in N-Triples' quoted form. Subjects, predicates and objects are
sorted, so the same triples always give the same text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import DataError

Term = URIRef | BNode | Literal
Triple = tuple[Term, Term, Term]

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
    "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS = _BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040\\-"
# A local name without ':', '%' or backslash escapes, which some parsers still get wrong.
_LOCAL = re.compile(f"[{_BASE}_0-9](?:[{_CHARS}.]*[{_CHARS}])?")
_PREFIX = re.compile(f"(?:[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)?")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Turtle's own number and boolean tokens: a literal whose text is one of these is written bare.
_BARE = {
    str(XSD.integer): re.compile(r"[+-]?[0-9]+"),
    str(XSD.decimal): re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    str(XSD.boolean): re.compile(r"true|false"),
}
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TO_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f]')


class TermWriter:
    """Terms as Turtle (with prefixed names) or as N-Triples (without), each checked once."""

    def __init__(self, prefixes: Iterable[tuple[str, str]] = ()):
        usable = {}
        for prefix, namespace in prefixes:
            if _PREFIX.fullmatch(prefix) and _valid_iri(namespace) and namespace not in usable.values():
                usable.setdefault(prefix, namespace)
        # Longest namespace first, so kgr: wins over a shorter namespace that also matches.
        self._namespaces = sorted(usable.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.used: set[str] = set()
        self._iris: dict[str, str] = {}
        self._blanks: dict[str, str] = {}

    def prefix_lines(self, turtle: bool = True) -> list[str]:
        """@prefix lines for the prefixes written so far, sorted by name."""
        return [f"@prefix {p}: <{ns}> ." for p, ns in sorted(self._namespaces) if p in self.used] if turtle else []

    def term(self, value: Term, turtle: bool = True) -> str:
        if isinstance(value, URIRef):
            return self.iri(value, turtle)
        if isinstance(value, BNode):
            return self.blank(value)
        if isinstance(value, Literal):
            return self.literal(value, turtle)
        raise DataError(f"cannot write {value!r} as RDF: it is not an IRI, blank node or literal")

    def iri(self, value: URIRef, turtle: bool = True) -> str:
        text = str(value)
        if text not in self._iris:
            if not _valid_iri(text):
                raise DataError(f"cannot write <{_shown(text)}>: not a valid absolute IRI (RFC 3987)")
            self._iris[text] = f"<{text}>"
        if turtle:
            for prefix, namespace in self._namespaces:
                if text.startswith(namespace) and _LOCAL.fullmatch(text[len(namespace) :]):
                    self.used.add(prefix)
                    return f"{prefix}:{text[len(namespace) :]}"
        return self._iris[text]

    def blank(self, value: BNode) -> str:
        # Labels are renumbered: an rdflib label need not be a valid Turtle one.
        return self._blanks.setdefault(str(value), f"_:b{len(self._blanks)}")

    def literal(self, value: Literal, turtle: bool = True) -> str:
        text = str(value)
        if _SURROGATE.search(text):
            raise DataError(f'cannot write the literal "{_shown(text)}": it holds a lone surrogate, which is not text')
        if value.language:  # rdflib checks tags when it makes the literal
            return f"{_quoted(text)}@{value.language}"
        datatype = value.datatype
        if datatype is None:
            return _quoted(text)
        if turtle and str(datatype) in _BARE and _BARE[str(datatype)].fullmatch(text):
            return text
        return f"{_quoted(text)}^^{self.iri(datatype, turtle)}"


def turtle(triples: Iterable[Triple], prefixes: Iterable[tuple[str, str]] = ()) -> str:
    """The triples as Turtle: a block per subject, rdf:type first as `a`, all sorted."""
    writer = TermWriter(prefixes)
    body = _blocks(triples, writer, indent="")
    head = writer.prefix_lines()
    return "\n".join(head) + ("\n\n" if head else "") + body


def trig(graphs: Iterable[tuple[URIRef | None, Iterable[Triple]]], prefixes: Iterable[tuple[str, str]] = ()) -> str:
    """Named graphs as TriG, one `<name> { ... }` block each in the order given; a graph
    named None is the default graph, written as an unnamed block."""
    writer = TermWriter(prefixes)
    blocks = []
    for name, triples in graphs:
        label = "" if name is None else writer.iri(name, turtle=False) + " "
        blocks.append(f"{label}{{\n{_blocks(triples, writer, indent='')}}}\n")
    head = writer.prefix_lines()
    return "\n".join(head) + ("\n\n" if head else "") + "\n".join(blocks)


def ntriples(triples: Iterable[Triple]) -> str:
    """One line per triple, lines sorted."""
    writer = TermWriter()
    # Sorted before writing too: blank nodes are numbered in the order they are written.
    ordered = sorted(triples, key=lambda triple: tuple(map(_order, triple)))
    lines = sorted(" ".join(writer.term(t, turtle=False) for t in triple) + " ." for triple in ordered)
    return "".join(line + "\n" for line in lines)


def nquads(quads: Iterable[tuple[Term, Term, Term, URIRef | None]]) -> str:
    """One line per quad (no fourth term for the default graph), lines sorted."""
    writer = TermWriter()
    lines = []
    for s, p, o, g in sorted(quads, key=lambda quad: tuple(_order(t) if t is not None else () for t in quad)):
        terms = [s, p, o] if g is None else [s, p, o, g]
        lines.append(" ".join(writer.term(t, turtle=False) for t in terms) + " .")
    return "".join(line + "\n" for line in sorted(lines))


def _blocks(triples: Iterable[Triple], writer: TermWriter, indent: str) -> str:
    by_subject: dict[Term, dict[Term, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    blocks = []
    for subject in sorted(by_subject, key=_order):
        lines = []
        predicates = sorted(by_subject[subject], key=lambda p: (p != RDF.type, _order(p)))
        for predicate in predicates:
            verb = "a" if predicate == RDF.type else writer.term(predicate)
            objects = [writer.term(o) for o in sorted(set(by_subject[subject][predicate]), key=_order)]
            lines.append(f"{verb} " + ",\n        ".join(objects))
        blocks.append(f"{indent}{writer.term(subject)} " + " ;\n    ".join(lines) + " .\n")
    return "\n".join(blocks)


def _order(term: Term) -> tuple:
    """A total order on terms that does not depend on hashing: IRIs, then blank nodes, then literals."""
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, BNode):
        return (1, str(term), "", "")
    return (2, str(term), str(term.datatype or ""), term.language or "")


def _valid_iri(text: str) -> bool:
    try:
        pyoxigraph.NamedNode(text)
    except ValueError:
        return False
    return True


def _quoted(text: str) -> str:
    return '"' + _TO_ESCAPE.sub(lambda m: _ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04X}", text) + '"'


def _shown(text: str) -> str:
    """A term's text for an error message: one line, not too long, printable whatever it holds."""
    short = text if len(text) <= 120 else text[:117] + "..."
    return short.encode("unicode_escape").decode("ascii") if not short.isprintable() else short
