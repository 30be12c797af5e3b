"""The bridge to Oxigraph: rdflib terms to pyoxigraph terms and back, and the file formats both read.

kg's mapping and serialisers speak rdflib; the embedded store and the query engine speak
pyoxigraph. Every crossing between the two goes through `to_ox` and `from_ox`.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import UsageError

# File suffix -> Oxigraph parser; the same suffixes kg.store.graphio reads with rdflib.
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}
_PLAIN = {str(XSD.string), str(RDF.langString)}


def to_ox(term):
    """The pyoxigraph term for an rdflib URIRef, BNode or Literal."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    """The rdflib term for a pyoxigraph NamedNode, BlankNode or Literal (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype in _PLAIN else Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"kg cannot represent {term!r} (RDF-star triple terms are not supported)")


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """Oxigraph's parser for a graph file, chosen by its suffix; a usage error for any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in RDF_FORMATS:
        raise UsageError(f"{path}: unknown graph format; use one of {', '.join(sorted(RDF_FORMATS))}")
    return RDF_FORMATS[suffix]


def first_line(err: BaseException) -> str:
    """An error's message cut to one line, for messages that must fit on one line."""
    text = str(err).strip()
    return text.splitlines()[0][:300] if text else type(err).__name__
