"""The acceptance checks of the `kg build` issue, on the real shared corpus (skipped without it)."""

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.build import build
from kg.rdf.namespace import KG

from .conftest import shared_path

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def raqqa_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("raqqa")
    build([str(shared_path("corpus", "00_raqqa.txt"))], out_dir=out)
    return Graph().parse(out / "graph.ttl")


@pytest.mark.parametrize(
    ("label", "cls", "aliases"),
    [
        ("Islamic State", "ArmedGroup", {"IS", "ISIS"}),
        ("Syrian Democratic Forces", "ArmedGroup", {"SDF"}),
        ("Raqqa", "City", set()),
        ("Mosul", "City", set()),
        ("Syria", "Country", set()),
        ("Iraq", "Country", set()),
        ("Brett McGurk", "Person", set()),
        ("United States", "Country", set()),
    ],
)
def test_one_node_per_actor_with_the_right_class(raqqa_graph, label, cls, aliases):
    nodes = set(raqqa_graph.subjects(RDFS.label, Literal(label)))
    assert len(nodes) == 1, nodes
    (node,) = nodes
    assert (node, RDF.type, KG[cls]) in raqqa_graph
    assert aliases <= {str(a) for a in raqqa_graph.objects(node, SKOS.altLabel)}
    named_alike = {s for alias in aliases for s in raqqa_graph.subjects(RDFS.label, Literal(alias))}
    assert not named_alike, "an alias became a node of its own"
