"""kg's RDF writer (and its streaming Turtle/TriG layout) (kg.rdf.turtle, behind kg.rdf.serialize): whatever the terms, the files it
writes read back, by a parser that is not rdflib, as the graph that was meant; a term no RDF
file can hold is refused by name instead of written."""

from __future__ import annotations

import io
import random

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import DataError
from kg.rdf import serialize
from kg.rdf.iri import mint
from kg.rdf.namespace import DEFAULT_BASE, KG
from kg.rdf.turtle import TermWriter, TurtleTerms, write_graph, write_named_graph
from kg.store.oxigraph import from_ox

from .independent import oxigraph_dataset, oxigraph_graph, plain

# Ill-typed literals ("+."^^xsd:decimal) are made on purpose; rdflib warns about each.
pytestmark = [
    pytest.mark.filterwarnings("ignore:Parsing weird boolean"),
    pytest.mark.filterwarnings("ignore:Serializing weird numerical"),
]
BASE = "https://w3id.org/newskg/id/"
EX = "http://example.org/"
# Text as RDF can hold it: any code point but a lone surrogate.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
DATATYPES = [XSD.decimal, XSD.integer, XSD.boolean, XSD.date, XSD.gYear, XSD.double, URIRef(EX + "type%20x")]


def literals():
    return st.one_of(
        TEXT.map(Literal),
        st.tuples(TEXT, st.sampled_from(["en", "ar", "en-GB", "zh-Hant-TW"])).map(lambda t: Literal(t[0], lang=t[1])),
        # Lexical forms that are not the datatype's canonical one must come back as written.
        st.tuples(
            st.one_of(TEXT, st.from_regex(r"[+-]?[0-9]{0,3}\.?[0-9]{0,3}", fullmatch=True)), st.sampled_from(DATATYPES)
        ).map(lambda t: Literal(t[0], datatype=t[1], normalize=False)),
    )


def iris():
    """IRIs as kg mints them from any name, and hand-made ones whose tails are hard to prefix."""
    tails = st.sampled_from(["a.", "a%20b", "%41", "1a", "-a", "a:b", "a/b", "a#b", "é", "_", "", "a~b", "a.b"])
    # Absolute IRIs whose scheme is one of kg's prefixes: a JSON-LD reader would expand "kg:x".
    schemes = st.sampled_from([URIRef("kg:foo"), URIRef("xsd:string"), URIRef("schema:x"), URIRef("kgr:y")])
    return st.one_of(TEXT.map(lambda name: mint(BASE, "entity", name)), tails.map(lambda t: URIRef(BASE + t)), schemes)


def triples():
    subject = st.one_of(iris(), st.sampled_from([BNode("b1"), BNode("x-y.z")]))
    predicate = st.one_of(st.sampled_from([RDFS.label, URIRef(EX + "p")]), iris())
    obj = st.one_of(iris(), literals(), st.just(BNode("b1")))
    return st.lists(st.tuples(subject, predicate, obj), max_size=12)


def graph_of(items) -> Graph:
    graph = Graph()
    graph.bind("kgr", BASE)
    graph.bind("ex", EX)
    for triple in items:
        graph.add(triple)
    return graph


@settings(max_examples=150, deadline=None)
@given(triples())
def test_any_triples_read_back_the_same_from_every_format(items):
    graph = graph_of(items)
    dataset = Dataset()
    named = dataset.graph(URIRef(EX + "g"))
    for triple in graph:
        named.add(triple)
    expected = plain(graph)
    assert isomorphic(oxigraph_graph(serialize.turtle(graph), "turtle"), expected)
    assert isomorphic(oxigraph_graph(serialize.jsonld(graph, BASE), "jsonld"), expected)
    assert isomorphic(oxigraph_graph(serialize.ntriples(graph), "ntriples"), expected)
    for syntax, data in (("trig", serialize.trig(dataset, BASE)), ("nquads", serialize.nquads(dataset))):
        back = oxigraph_dataset(data, syntax)
        assert isomorphic(plain(back.graph(URIRef(EX + "g"))), expected)
        assert not len(back.default_graph)


@settings(max_examples=50, deadline=None)
@given(triples(), st.randoms(use_true_random=False))
def test_the_same_triples_in_any_order_give_the_same_bytes(items, rng: random.Random):
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert serialize.turtle(graph_of(items)) == serialize.turtle(graph_of(shuffled))
    assert serialize.ntriples(graph_of(items)) == serialize.ntriples(graph_of(shuffled))


@pytest.mark.parametrize(
    ("literal", "written"),
    [
        (Literal("0.7", datatype=XSD.decimal), "0.7"),
        (Literal("-12", datatype=XSD.integer), "-12"),
        (Literal("true", datatype=XSD.boolean), "true"),
        # rdflib's own Turtle writer turns these into 1.0, another literal.
        (Literal("1", datatype=XSD.decimal, normalize=False), '"1"^^xsd:decimal'),
        (Literal("1.", datatype=XSD.decimal, normalize=False), '"1."^^xsd:decimal'),
        (Literal(" 5", datatype=XSD.integer, normalize=False), '" 5"^^xsd:integer'),
        (Literal("TRUE", datatype=XSD.boolean, normalize=False), '"TRUE"^^xsd:boolean'),
        (Literal('say "hi"\n\\ \t\x00\x7f'), '"say \\"hi\\"\\n\\\\ \\t\\u0000\\u007F"'),
        (Literal("الرقة", lang="ar"), '"الرقة"@ar'),
    ],
)
def test_literals_are_bare_only_when_turtle_reads_them_back_unchanged(literal, written):
    assert TurtleTerms(BASE).term(TermWriter().literal(literal)) == written


def test_a_prefix_is_used_only_for_a_plainly_valid_local_name():
    terms, writer = TurtleTerms(BASE), TermWriter()
    assert terms.iri(writer.iri(URIRef(BASE + "raqqa"))) == "kgr:raqqa"
    assert terms.iri(writer.iri(URIRef(BASE + "الرقة"))) == "kgr:الرقة"
    for tail in ("a.", "a%20b", "a:b", "a/b", "-a", ""):
        assert terms.iri(writer.iri(URIRef(BASE + tail))) == f"<{BASE}{tail}>"


@pytest.mark.parametrize(
    ("term", "message"),
    [
        (URIRef("http://example.org/a b"), "not a valid absolute IRI"),
        (URIRef("no-scheme"), "not a valid absolute IRI"),
        (URIRef("http://example.org/<script>"), "not a valid absolute IRI"),
        (Literal("lone \ud800 surrogate"), "lone surrogate"),
    ],
)
def test_a_term_no_rdf_file_can_hold_is_refused_by_name(term, message):
    graph = Graph()
    graph.add(
        (URIRef(EX + "s"), URIRef(EX + "p"), term) if not isinstance(term, URIRef) else (term, RDFS.label, Literal("x"))
    )
    for write in (serialize.turtle, serialize.ntriples, lambda g: serialize.jsonld(g, BASE)):
        with pytest.raises(DataError, match=message) as caught:
            write(graph)
        assert "\n" not in str(caught.value)


# The streaming layout: what kg build writes a subject at a time from disk.
TERMS = TurtleTerms(DEFAULT_BASE)
# Text of any script with the characters Turtle must escape or could confuse: quotes,
# backslashes, line breaks, tabs, U+2028, and characters outside the BMP.
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
) | st.sampled_from(['"', '""', '"""', "\\", "a\nb", "\r\n", "\t", "\u2028", "𝔸", "end\\"])
# IRIs as kg mints them from any name, and some whose local part is no plain Turtle name.
stream_iris = st.one_of(
    texts.map(lambda t: mint(DEFAULT_BASE, "entity", t)),
    st.sampled_from(
        [KG.Attack, KG.agent, RDFS.label, RDF.type, URIRef("http://example.org/a.b."), URIRef(DEFAULT_BASE)]
    ),
    st.sampled_from(["a.b", "x%20y", "-lead", "_:x", "é.", "1st"]).map(lambda t: URIRef(DEFAULT_BASE + t)),
)
stream_literals = st.one_of(
    texts.map(Literal),
    st.tuples(texts, st.sampled_from(["en", "ar", "zh-hant"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(-(10**20), 10**20).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: Literal(d, datatype=XSD.decimal)),
    st.sampled_from([Literal("2014", datatype=XSD.gYear), Literal("1.5e3", datatype=XSD.double), Literal(True)]),
    st.sampled_from([Literal("007", datatype=XSD.integer), Literal("+.5", datatype=XSD.decimal)]),
)


def _nt(triples):
    return TermWriter().triples(triples)


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
@given(st.lists(st.tuples(stream_iris, stream_iris, st.one_of(stream_iris, stream_literals)), min_size=1, max_size=12))
def test_streamed_triples_round_trip_through_both_parsers(triples):
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
