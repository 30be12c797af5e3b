"""Parsers that are not rdflib, to read what kg writes: pyoxigraph always, Debian's serdi and
rapper when installed (.ci/run installs them; a test that wants one skips, saying so, without).

Each returns an rdflib Graph or Dataset so that tests compare by isomorphism."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
# How each Debian tool names a syntax, and what it writes back (always N-Triples or N-Quads).
DEBIAN_TOOLS = {
    "serdi": {"turtle": "turtle", "trig": "trig", "ntriples": "ntriples", "nquads": "nquads"},
    "rapper": {"turtle": "turtle", "trig": "trig", "ntriples": "ntriples", "nquads": "nquads"},
}


def rdflib_term(term):
    """An rdflib term for a pyoxigraph one, its lexical form kept exactly as read."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return plain_literal(term.value, term.language, term.datatype.value)


def plain_literal(text: str, language: str | None, datatype: str | None) -> Literal:
    """A literal as RDF 1.1 compares them: lexical form as written (rdflib would normalise
    "01"^^xsd:integer to "1"), language tags in lower case, xsd:string as a simple literal."""
    if language:
        return Literal(text, lang=language.lower(), normalize=False)
    if datatype in (None, str(XSD.string)):
        return Literal(text, normalize=False)
    return Literal(text, datatype=URIRef(datatype), normalize=False)


def plain(graph: Graph) -> Graph:
    """`graph` with its literals as `plain_literal` makes them, to compare with what a parser read."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal):
            o = plain_literal(str(o), o.language, str(o.datatype) if o.datatype else None)
        out.add((s, p, o))
    return out


def oxigraph_dataset(data: bytes | Path, syntax: str, base: str | None = None) -> Dataset:
    """Every quad pyoxigraph reads; raises SyntaxError on anything it rejects."""
    dataset = Dataset()
    source = {"path": str(data)} if isinstance(data, Path) else {"input": data}
    for quad in ox.parse(**source, format=FORMATS[syntax], base_iri=base):
        graph = (
            dataset.default_graph
            if isinstance(quad.graph_name, ox.DefaultGraph)
            else dataset.graph(rdflib_term(quad.graph_name))
        )
        graph.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
    return dataset


def oxigraph_graph(data: bytes | Path, syntax: str, base: str | None = None) -> Graph:
    """The triples pyoxigraph reads, named graphs folded together."""
    union = Graph()
    for s, p, o, _ in oxigraph_dataset(data, syntax, base).quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def debian_tool_or_skip(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        package = "serdi" if tool == "serdi" else "raptor2-utils"
        pytest.skip(f"{tool} is not installed here (apt-get install {package}; .ci/run installs it)")
    return path


def debian_tool_graph(tool: str, path: Path, syntax: str) -> Graph:
    """The triples `tool` reads from `path` (it writes them back as N-Triples or N-Quads,
    which rdflib reads); an AssertionError with the tool's message when it rejects the file."""
    exe = debian_tool_or_skip(tool)
    quads = syntax in ("trig", "nquads")
    out_syntax = "nquads" if quads else "ntriples"
    name = DEBIAN_TOOLS[tool][syntax]
    if tool == "serdi":
        cmd = [exe, "-q", "-i", name, "-o", out_syntax, str(path)]
    else:
        cmd = [exe, "-q", "-i", name, "-o", out_syntax, str(path), "http://example.org/base/"]
    result = subprocess.run(cmd, capture_output=True, timeout=120)
    assert result.returncode == 0 and not result.stderr.strip(), f"{tool} rejects {path.name}: {result.stderr!r}"
    return oxigraph_graph(result.stdout, out_syntax)
