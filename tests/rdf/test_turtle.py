"""kg's RDF writer (kg.rdf.turtle, behind kg.rdf.serialize): whatever the terms, the files it
writes read back, by a parser that is not rdflib, as the graph that was meant; a term no RDF
file can hold is refused by name instead of written."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from kg.errors import DataError
from kg.rdf import serialize
from kg.rdf.iri import mint
from kg.rdf.turtle import TermWriter

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
    writer = TermWriter([("xsd", str(XSD))])
    assert writer.literal(literal) == written


def test_a_prefix_is_used_only_for_a_plainly_valid_local_name():
    writer = TermWriter([("kgr", BASE), ("bad", "http://example.org/%")])
    assert writer.iri(URIRef(BASE + "raqqa")) == "kgr:raqqa"
    assert writer.iri(URIRef(BASE + "الرقة")) == "kgr:الرقة"
    for tail in ("a.", "a%20b", "a:b", "a/b", "-a", ""):
        assert writer.iri(URIRef(BASE + tail)) == f"<{BASE}{tail}>"
    assert writer.prefix_lines() == [f"@prefix kgr: <{BASE}> ."]  # the invalid namespace is never declared


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
