"""The W3C RDF 1.1 Turtle and N-Triples test suites through kg's writer (kg.rdf.serialize).

The graphs are the suites' own: the expected results of the Turtle evaluation tests and the
inputs of the positive syntax tests, found through each suite's manifest.ttl. Each is read
by pyoxigraph, written by kg as Turtle, TriG, N-Triples, N-Quads and JSON-LD, read back by pyoxigraph
(and by serdi and rapper when installed;
JSON-LD, which neither reads, by pyoxigraph alone) and compared with the original by isomorphism.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.rdf import serialize

from ..conftest import shared_path
from .independent import debian_tool_graph, debian_tool_or_skip, oxigraph_graph

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDFT = "http://www.w3.org/ns/rdftest#"
# (suite, test type, manifest property naming the file whose graph is round-tripped)
CASES = [
    ("rdf-turtle", "TestTurtleEval", "result"),
    ("rdf-turtle", "TestTurtlePositiveSyntax", "action"),
    ("rdf-n-triples", "TestNTriplesPositiveSyntax", "action"),
]
WRITERS = {
    "turtle": lambda g: serialize.turtle(g),
    "trig": lambda g: serialize.trig(_in_named_graph(g), "http://example.org/id/"),
    "ntriples": lambda g: serialize.ntriples(g),
    "nquads": lambda g: serialize.nquads(_in_named_graph(g)),
    "jsonld": lambda g: serialize.jsonld(g, "http://example.org/id/"),
}


def _in_named_graph(graph: Graph) -> Dataset:
    dataset = Dataset()
    named = dataset.graph(URIRef("http://example.org/graph"))
    for triple in graph:
        named.add(triple)
    return dataset


def suite_graphs(suite: str, test_type: str, prop: str) -> list[tuple[str, Graph]]:
    """(test name, graph) for each test of `test_type`, read as the suite says: relative
    IRIs against the manifest's mf:assumedTestBase (the suites' published address)."""
    folder = shared_path("w3c", suite)
    local = folder.as_uri() + "/"
    manifest = Graph().parse(folder / "manifest.ttl", format="turtle", publicID=local)
    published = str(manifest.value(URIRef(local), URIRef(MF + "assumedTestBase")) or "https://w3c.github.io/rdf-tests/")
    found = []
    for test in manifest.subjects(RDF.type, URIRef(RDFT + test_type)):
        file = Path(str(manifest.value(test, URIRef(MF + prop))).removeprefix("file://"))
        syntax = "ntriples" if file.suffix == ".nt" else "turtle"
        found.append((str(test).rsplit("#", 1)[-1], oxigraph_graph(file, syntax, base=published + file.name)))
    assert found, f"no {test_type} tests in {folder / 'manifest.ttl'}"
    return sorted(found, key=lambda item: item[0])


@pytest.fixture(scope="module")
def suites() -> dict[str, list[tuple[str, Graph]]]:
    return {f"{suite}/{test_type}": suite_graphs(suite, test_type, prop) for suite, test_type, prop in CASES}


@pytest.mark.parametrize("syntax", sorted(WRITERS))
def test_every_suite_graph_round_trips_through_kgs_writer(suites, syntax):
    failures, count = [], 0
    for group, graphs in suites.items():
        for name, graph in graphs:
            count += 1
            written = WRITERS[syntax](graph)
            try:
                back = oxigraph_graph(written, syntax)
            except SyntaxError as err:
                failures.append(f"{group} {name}: pyoxigraph rejects kg's {syntax}: {err}")
                continue
            if not isomorphic(back, graph):
                failures.append(f"{group} {name}: kg's {syntax} reads back as a different graph")
    assert count > 250
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("tool", ["serdi", "rapper"])
@pytest.mark.parametrize("syntax", ["turtle", "trig"])
def test_debian_parsers_read_kgs_output_of_every_suite_graph(suites, tool, syntax, tmp_path):
    debian_tool_or_skip(tool)
    failures = []
    for group, graphs in suites.items():
        for name, graph in graphs:
            path = tmp_path / f"{name}.{syntax}"
            path.write_bytes(WRITERS[syntax](graph))
            try:
                back = debian_tool_graph(tool, path, syntax)
            except AssertionError as err:
                failures.append(f"{group} {name}: {err}")
                continue
            if tool == "rapper" and _holds_nul(graph):
                continue  # raptor keeps literals as C strings and cuts them at U+0000; it read the file
            if not isomorphic(back, graph):
                failures.append(f"{group} {name}: {tool} reads kg's {syntax} as a different graph")
    assert not failures, "\n".join(failures)


def _holds_nul(graph: Graph) -> bool:
    return any("\x00" in str(o) for o in graph.objects())
