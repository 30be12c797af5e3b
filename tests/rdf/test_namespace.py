import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.paths import data_dir
from kg.rdf.namespace import KG, KG_IRI, term


def defined_terms():
    graph = Graph().parse(data_dir("ontology") / "kg.ttl")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {
        str(s)[len(KG_IRI) :]
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(KG_IRI)
    }


def test_python_namespace_and_turtle_define_the_same_terms():
    in_python = {name for name in KG.__annotations__}
    assert in_python == defined_terms()


def test_misspelt_term_fails_loudly():
    with pytest.raises(AttributeError):
        term("Atack")
    with pytest.raises(AttributeError):
        _ = KG.agnet


def test_core_vocabulary_of_the_shared_ontology_is_defined():
    core = {
        "Actor",
        "Person",
        "Organization",
        "ArmedGroup",
        "Government",
        "Group",
        "Place",
        "City",
        "Country",
        "Region",
        "Facility",
        "Event",
        "Attack",
        "Capture",
        "Retake",
        "Advance",
        "Siege",
        "Defend",
        "Statement",
        "Killing",
        "Meeting",
        "Agreement",
        "Election",
        "Protest",
        "Arrest",
        "Acquisition",
        "Document",
        "agent",
        "patient",
        "place",
        "time",
        "trigger",
        "evidence",
        "memberOf",
        "hasMember",
        "locatedIn",
        "partOf",
        "capitalOf",
        "controls",
        "supports",
        "alliedWith",
        "opposes",
        "leaderOf",
        "role",
    }
    assert core <= defined_terms()


def test_every_class_and_property_has_label_and_comment():
    from rdflib.namespace import RDFS

    graph = Graph().parse(data_dir("ontology") / "kg.ttl")
    for name in defined_terms():
        node = URIRef(KG_IRI + name)
        assert graph.value(node, RDFS.label) is not None, name
        assert graph.value(node, RDFS.comment) is not None, name
