"""Answers as text: the W3C result formats read back by another SPARQL implementation."""

import csv
import io

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.query import QueryResult, render
from kg.query.formats import short

TRICKY = 'He said "no",\tthen\nleft | <b>\\'
RESULT = QueryResult(
    "select",
    ["who", "said", "when", "n"],
    [
        (URIRef("https://w3id.org/newskg/id/brett-mcgurk"), Literal(TRICKY), Literal("2014", datatype=XSD.gYear), None),
        (URIRef("http://example.org/x"), Literal("salut", lang="fr"), None, Literal(3)),
        (BNode("b1"), Literal(""), None, None),
    ],
)


def oxigraph_reads(text: str, fmt) -> list:
    solutions = ox.parse_query_results(text.encode("utf-8"), fmt)
    assert [v.value for v in solutions.variables] == RESULT.variables
    return [[None if s[v] is None else s[v] for v in RESULT.variables] for s in solutions]


def expected_terms():
    from kg.store.oxigraph import to_ox

    return [[None if t is None else to_ox(t) for t in row] for row in RESULT.rows]


def test_json_and_tsv_are_read_back_term_for_term():
    expected = expected_terms()
    expected[2][0] = None  # blank node labels are local to a document; compared below
    for fmt, name in ((ox.QueryResultsFormat.JSON, "json"), (ox.QueryResultsFormat.TSV, "tsv")):
        rows = oxigraph_reads(render(RESULT, name), fmt)
        assert isinstance(rows[2][0], ox.BlankNode)
        rows[2][0] = None
        assert rows == expected, name


def test_csv_gives_plain_values():
    text = render(RESULT, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == RESULT.variables
    assert rows[1] == ["https://w3id.org/newskg/id/brett-mcgurk", TRICKY, "2014", ""]
    assert rows[2] == ["http://example.org/x", "salut", "", "3"]
    assert text.endswith("\r\n")


def test_table_and_markdown_are_one_line_per_row_with_short_names():
    table = render(RESULT, "table").splitlines()
    assert len(table) == 2 + len(RESULT.rows)
    assert table[0].split() == RESULT.variables
    assert table[2].startswith("kgr:brett-mcgurk")
    md = render(RESULT, "md").splitlines()
    assert md[0] == "| who | said | when | n |" and len(md) == 2 + len(RESULT.rows)
    assert "\\|" in md[2] and "&lt;b&gt;" in md[2]
    assert render(QueryResult("select", ["x"], []), "table").endswith("(no rows)\n")


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "tsv", "json"])
def test_ask_answers_in_every_format(fmt):
    assert "true" in render(QueryResult("ask", [], [], True), fmt).lower().replace("yes", "true")
    assert "false" in render(QueryResult("ask", [], [], False), fmt).lower().replace("no", "false")


def test_short_names_use_kg_prefixes():
    assert short(URIRef("https://w3id.org/newskg/ontology#Capture")) == "kg:Capture"
    assert short(URIRef("http://www.w3.org/2004/02/skos/core#altLabel")) == "skos:altLabel"
    assert short(URIRef("http://elsewhere.org/x")) == "<http://elsewhere.org/x>"
    assert short(Literal("2014", datatype=XSD.gYear)) == "2014"
