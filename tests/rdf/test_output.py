"""What kg writes parses with an independent parser and says what was meant."""

import pyoxigraph
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from kg.document import Document
from kg.facts import DocumentFacts, Entity, Event, Relation, Sentence
from kg.rdf import serialize
from kg.rdf.graph import KnowledgeGraph
from kg.rdf.namespace import KG


def oxigraph_graph(path, fmt):
    """Triples as pyoxigraph reads them, turned into an rdflib graph for comparison."""
    graph = Graph()
    text = "\n".join(str(q.triple) + " ." for q in pyoxigraph.parse(path=str(path), format=fmt))
    graph.parse(data=text, format="nt")
    return graph


def test_turtle_parses_with_oxigraph_and_matches_rdflib(example_build):
    out, _ = example_build
    ours = Graph().parse(out / "graph.ttl")
    assert len(ours) > 100
    assert isomorphic(ours, oxigraph_graph(out / "graph.ttl", pyoxigraph.RdfFormat.TURTLE))


def test_trig_holds_one_named_graph_per_document_and_the_same_triples(example_build):
    out, _ = example_build
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    quads = list(pyoxigraph.parse(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    assert {str(q.graph_name) for q in quads} == {"<https://w3id.org/newskg/id/doc-raqqa-wall-txt>"}
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, Graph().parse(out / "graph.ttl"))


def test_hostile_names_become_valid_iris_and_literals(tmp_path):
    names = ['Abu "the Ghost" Omar', "<b>Front</b>", "Line\nBreak Brigade", "الدولة الإسلامية", "a{b}|c^d`e\\f"]
    facts = DocumentFacts(
        document=Document("hostile.txt", "x"),
        sentences=[Sentence(0, 0, 1, 'He said "</script><img src=x onerror=alert(1)>"\n')],
        entities=[Entity(n, "ArmedGroup", aliases=(n + "'s",)) for n in names],
        events=[Event("0:0", "Attack", "hit\u2028", 0, agents=(names[0],), patients=(names[1],))],
        relations=[
            Relation(names[3], "alliedWith", names[4], 0),
            Relation(names[0], "role", "chief <&> envoy", 0, literal=True),
        ],
    )
    graph = KnowledgeGraph()
    graph.add(facts)
    union = graph.union()
    path = tmp_path / "g.ttl"
    path.write_bytes(serialize.turtle(union))
    assert isomorphic(oxigraph_graph(path, pyoxigraph.RdfFormat.TURTLE), union)
    labels = {str(o) for o in union.objects(None, RDFS.label)}
    assert set(names) <= labels
    trig = tmp_path / "g.trig"
    trig.write_bytes(serialize.trig(graph.dataset, graph.base))
    assert len(list(pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG))) == len(union)


def test_rebuilding_a_document_replaces_its_graph():
    facts = DocumentFacts(Document("a.txt", "x"), [Sentence(0, 0, 1, "x")], [Entity("Raqqa", "City")])
    graph = KnowledgeGraph()
    graph.add(facts)
    before = len(graph.union())
    graph.add(facts)
    assert len(graph.union()) == before


def test_consolidation_leaves_one_label_and_one_class():
    a = DocumentFacts(Document("a.txt", "x"), [], [Entity("Raqqa", "City")])
    b = DocumentFacts(Document("b.txt", "x"), [], [Entity("RAQQA", "Region")])
    c = DocumentFacts(Document("c.txt", "x"), [], [Entity("Raqqa", "City")])
    graph = KnowledgeGraph()
    graph.add_all([a, b, c])
    graph.consolidate()
    union = graph.union()
    (node,) = set(union.subjects(RDF.type, KG.City))
    assert list(union.objects(node, RDFS.label)) == [Literal("Raqqa")]
    assert (node, RDF.type, KG.Region) not in union
