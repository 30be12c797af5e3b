import io
import xml.etree.ElementTree as ET

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.rdf.namespace import KG
from kg.viz.export import to_gexf, to_graphml
from kg.viz.projection import project

from .conftest import iri


def test_graphml_reads_back_with_every_node_edge_and_text(hostile_graph):
    net = project(hostile_graph)
    back = nx.read_graphml(io.BytesIO(to_graphml(hostile_graph)), force_multigraph=True)
    assert set(back) == set(net)
    assert back.number_of_edges() == net.number_of_edges()
    group = back.nodes[iri("img-group")]
    assert group["label"] == "<img src=x onerror=alert(1)>"
    assert group["class"] == "ArmedGroup" and group["kind"] == "Actor"
    assert group["aliases"] == "</script><script>alert(2)</script> | Img Brigade"
    capture = back.nodes[iri("event-capture")]
    assert capture["time"] == "2014" and capture["evidence"].startswith("The <img src=x")
    supports = [d for u, v, d in back.edges(data=True) if d["label"] == "supports"]
    assert supports[0]["evidence"] == "Syria backs the <script>alert(7)</script> group."


def test_gexf_reads_back_with_colours_for_gephi(hostile_graph):
    raw = to_gexf(hostile_graph)
    back = nx.read_gexf(io.BytesIO(raw))
    assert set(back) == set(project(hostile_graph))
    assert back.nodes[iri("img-group")]["label"] == "<img src=x onerror=alert(1)>"
    colour = back.nodes[iri("img-group")]["viz"]["color"]
    assert (colour["r"], colour["g"], colour["b"]) == (0xB0, 0x7A, 0xA1)
    assert b"lastmodifieddate" not in raw


def test_exports_are_deterministic(seed_graph):
    assert to_graphml(seed_graph) == to_graphml(seed_graph)
    assert to_gexf(seed_graph) == to_gexf(seed_graph)
    reordered = Graph()
    for triple in sorted(seed_graph, reverse=True):
        reordered.add(triple)
    assert to_graphml(reordered) == to_graphml(seed_graph)


def test_characters_xml_cannot_hold_are_replaced_not_written():
    graph = Graph()
    node = URIRef(iri("bell"))
    graph.add((node, RDF.type, KG.Person))
    graph.add((node, RDFS.label, Literal("bell\x07 and nul\x00")))
    for raw in (to_graphml(graph), to_gexf(graph)):
        ET.fromstring(raw)  # well-formed
        assert "bell\ufffd and nul\ufffd" in raw.decode("utf-8")
