"""The streaming Turtle/TriG writer: any terms in, text that two independent parsers read back the same."""

import io

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.oxigraph import from_ox, to_ox
from kg.rdf.iri import mint
from kg.rdf.namespace import DEFAULT_BASE, KG
from kg.rdf.turtle import TurtleTerms, write_graph, write_named_graph

TERMS = TurtleTerms(DEFAULT_BASE)
# Text of any script with the characters Turtle must escape or could confuse: quotes,
# backslashes, line breaks, tabs, U+2028, and characters outside the BMP.
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
) | st.sampled_from(['"', '""', '"""', "\\", "a\nb", "\r\n", "\t", "\u2028", "𝔸", "end\\"])
# IRIs as kg mints them from any name, and some whose local part is no plain Turtle name.
iris = st.one_of(
    texts.map(lambda t: mint(DEFAULT_BASE, "entity", t)),
    st.sampled_from(
        [KG.Attack, KG.agent, RDFS.label, RDF.type, URIRef("http://example.org/a.b."), URIRef(DEFAULT_BASE)]
    ),
    st.sampled_from(["a.b", "x%20y", "-lead", "_:x", "é.", "1st"]).map(lambda t: URIRef(DEFAULT_BASE + t)),
)
literals = st.one_of(
    texts.map(Literal),
    st.tuples(texts, st.sampled_from(["en", "ar", "zh-hant"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(-(10**20), 10**20).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: Literal(d, datatype=XSD.decimal)),
    st.sampled_from([Literal("2014", datatype=XSD.gYear), Literal("1.5e3", datatype=XSD.double), Literal(True)]),
    st.sampled_from([Literal("007", datatype=XSD.integer), Literal("+.5", datatype=XSD.decimal)]),
)


def _nt(triples):
    return sorted((str(to_ox(s)), str(to_ox(p)), str(to_ox(o))) for s, p, o in triples)


def _written(triples) -> str:
    out = io.StringIO()
    out.write(TERMS.header())
    write_graph(out, TERMS, _nt(triples))
    return out.getvalue()


def _read_by_oxigraph(text: str, fmt) -> Graph:
    graph = Graph()
    for quad in ox.parse(input=text.encode(), format=fmt):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return graph


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(iris, iris, st.one_of(iris, literals)), min_size=1, max_size=12))
def test_any_triples_round_trip_through_both_parsers(triples):
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    text = _written(graph)
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph), text
    assert isomorphic(_read_by_oxigraph(text, ox.RdfFormat.TURTLE), graph), text


def test_layout_is_fixed_whatever_the_order_given():
    node = URIRef(DEFAULT_BASE + "raqqa")
    triples = [
        (node, KG.controls, URIRef(DEFAULT_BASE + "sdf")),
        (node, RDFS.label, Literal("Raqqa")),
        (node, RDF.type, KG.City),
        (node, KG.controls, URIRef(DEFAULT_BASE + "is")),
        (node, KG.confidence, Literal("0.7", datatype=XSD.decimal)),
    ]
    text = _written(triples)
    assert text == _written(list(reversed(triples)))
    body = text.split("\n\n", 1)[1]
    assert body == (
        'kgr:raqqa a kg:City ;\n    rdfs:label "Raqqa" ;\n    kg:confidence 0.7 ;\n'
        "    kg:controls kgr:is,\n        kgr:sdf .\n"
    )


def test_names_that_are_not_plain_turtle_names_stay_whole_iris():
    odd = [URIRef(DEFAULT_BASE + "a.b"), URIRef(DEFAULT_BASE + "x%20y"), URIRef(DEFAULT_BASE + "-lead")]
    assert [TERMS.iri(f"<{iri}>") for iri in odd] == [f"<{iri}>" for iri in odd]
    assert TERMS.iri(f"<{DEFAULT_BASE}الدولة-الإسلامية>") == "kgr:الدولة-الإسلامية"


def test_named_graph_blocks_read_back_as_trig():
    a, b = URIRef(DEFAULT_BASE + "doc-a"), URIRef(DEFAULT_BASE + "doc-b")
    out = io.StringIO()
    out.write(TERMS.header())
    node = URIRef(DEFAULT_BASE + "raqqa")
    write_named_graph(out, TERMS, f"<{a}>", _nt([(node, RDFS.label, Literal('Raqqa "city"\n'))]))
    write_named_graph(out, TERMS, f"<{b}>", _nt([(node, RDF.type, KG.City)]))
    dataset = Dataset()
    dataset.parse(data=out.getvalue(), format="trig")
    assert set(dataset.graph(a)) == {(node, RDFS.label, Literal('Raqqa "city"\n'))}
    assert set(dataset.graph(b)) == {(node, RDF.type, KG.City)}
    quads = list(ox.parse(input=out.getvalue().encode(), format=ox.RdfFormat.TRIG))
    assert {q.graph_name.value for q in quads} == {str(a), str(b)}
