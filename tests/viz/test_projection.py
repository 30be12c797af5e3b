from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.rdf.namespace import KG
from kg.viz.projection import collapsed_edges, project

from .conftest import iri


def test_seed_graph_draws_actors_places_and_events_with_their_text(seed_graph):
    net = project(seed_graph)
    kinds = {a["kind"] for _, a in net.nodes(data=True)}
    assert kinds == {"Actor", "Place", "Event"}
    labels = {a["label"] for _, a in net.nodes(data=True)}
    assert {"Islamic State", "Raqqa"} <= labels
    documents = set(seed_graph.subjects(RDF.type, KG.Document))
    assert not {str(d) for d in documents} & set(net), "documents are not drawn"
    for _, attrs in net.nodes(data=True):
        if attrs["kind"] == "Event":
            assert attrs["evidence"] and attrs["trigger"], attrs
            assert attrs["sources"][0].published == "2017-07-06"
    roles = [(u, v, k) for u, v, k, kind in net.edges(keys=True, data="kind") if kind == "role"]
    assert roles and all(net.nodes[u]["kind"] == "Event" for u, _, _ in roles)


def test_every_role_edge_carries_its_events_sentence(hostile_graph):
    net = project(hostile_graph)
    edge = net.edges[iri("event-capture"), iri("img-group"), "agent"]
    assert edge["evidence"].startswith("The <img src=x onerror=alert(6)> group seized Raqqa")
    assert edge["source"].title == "<b onmouseover=alert(4)>Breaking</b> href news"


def test_relations_carry_the_sentence_of_their_assertion(hostile_graph):
    net = project(hostile_graph)
    edge = net.edges[iri("syria"), iri("img-group"), "supports"]
    assert edge["kind"] == "relation"
    assert edge["evidence"] == "Syria backs the <script>alert(7)</script> group."


def test_aliases_and_times_are_kept(hostile_graph):
    net = project(hostile_graph)
    group = net.nodes[iri("img-group")]
    assert group["label"] == "<img src=x onerror=alert(1)>"
    assert group["aliases"] == ["</script><script>alert(2)</script>", "Img Brigade"]
    assert net.nodes[iri("event-advance")]["span"] == ("2017-07-01", "2017-07-31")
    assert net.nodes[iri("event-statement")]["span"] is None


def test_events_collapse_into_agent_to_patient_or_place_edges(hostile_graph):
    net = project(hostile_graph)
    collapsed = {(a, b, attrs["event"]) for a, b, attrs in collapsed_edges(net)}
    assert collapsed == {
        (iri("img-group"), iri("raqqa"), iri("event-capture")),
        (iri("href"), iri("img-group"), iri("event-attack")),
        (iri("href"), iri("syria"), iri("event-advance")),
    }


def test_the_most_specific_class_wins_and_unknown_things_are_left_out():
    graph = Graph()
    thing, other = URIRef(iri("x")), URIRef(iri("y"))
    graph.add((thing, RDF.type, KG.Organization))
    graph.add((thing, RDF.type, KG.ArmedGroup))
    graph.add((thing, SKOS.altLabel, Literal("X")))
    graph.add((other, RDF.type, KG.Quantity))
    graph.add((other, RDFS.label, Literal("3 people")))
    net = project(graph)
    assert list(net) == [iri("x")]
    assert net.nodes[iri("x")]["cls"] == "ArmedGroup"
    assert net.nodes[iri("x")]["label"] == "X", "an unlabelled node is named by its alias"
