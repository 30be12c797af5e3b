"""kg.check.validate against hand-broken graphs: each broken promise is reported, with its node and constraint.

The starting point is tests/data/valid_graph.ttl, which meets every shape; each case
breaks it in one way and expects exactly that violation, so a shape that is too loose
(misses the break) or too strict (reports something else too) fails here.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.check.validate import validate
from kg.errors import UsageError
from kg.rdf.namespace import KG
from kg.store.graphio import load_graph

from ..conftest import DATA

KGR = "https://w3id.org/newskg/id/"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
CAPTURE = URIRef(KGR + "event-0000000000000001")
ADVANCE = URIRef(KGR + "event-0000000000000002")
STATEMENT = URIRef(KGR + "event-0000000000000003")
SUPPORTS = URIRef(KGR + "assertion-0000000000000001")
QUANTITY = URIRef(KGR + "quantity-0000000000000001")
DOC = URIRef(KGR + "doc-raqqa-wall-txt")
IS, SDF, US = URIRef(KGR + "islamic-state"), URIRef(KGR + "syrian-democratic-forces"), URIRef(KGR + "united-states")
RAQQA, SYRIA, MCGURK = URIRef(KGR + "raqqa"), URIRef(KGR + "syria"), URIRef(KGR + "brett-mcgurk")
# rdflib's XSD namespace object is not imported here: pytest's collection probes module
# attributes, and XSD warns on every unknown name.
XSD_DATE, XSD_GYEAR = URIRef(XSD_NS + "date"), URIRef(XSD_NS + "gYear")
XSD_GYEARMONTH = URIRef(XSD_NS + "gYearMonth")
CAPTURE_SENTENCE = "Raqqa, in northern Syria, has served as the de facto capital of the Islamic State (IS) since the militants seized it in 2014."


@pytest.fixture
def graph() -> Graph:
    return load_graph(DATA / "valid_graph.ttl")


def _set(graph: Graph, node, prop, value) -> None:
    graph.set((node, prop, value))


# Each case: how to break the graph, then the one violation expected as (focus, shape, constraint, path).
BREAKS = {
    "event with no evidence": (
        lambda g: g.remove((CAPTURE, KG.evidence, None)),
        ("kgr:event-0000000000000001", "kgsh:EventEvidence", "minCount", "kg:evidence"),
    ),
    "event with empty evidence": (
        lambda g: _set(g, CAPTURE, KG.evidence, Literal("")),
        ("kgr:event-0000000000000001", "kgsh:EventEvidence", "minLength", "kg:evidence"),
    ),
    "agent that is a place": (
        lambda g: _set(g, CAPTURE, KG.agent, RAQQA),
        ("kgr:event-0000000000000001", "kgsh:EventAgent", "node", "kg:agent"),
    ),
    "agent given as text": (
        lambda g: _set(g, CAPTURE, KG.agent, Literal("IS")),
        # The text itself is then an entity without class, label or document.
        [
            ('"IS"', "kgsh:EntityKind", "xone", None),
            ('"IS"', "kgsh:EntitySource", "minCount", "prov:wasDerivedFrom"),
            ('"IS"', "kgsh:EntityLabel", "minCount", "rdfs:label"),
            ("kgr:event-0000000000000001", "kgsh:EventAgent", "node", "kg:agent"),
            ("kgr:event-0000000000000001", "kgsh:EventAgent", "nodeKind", "kg:agent"),
        ],
    ),
    "place that is an actor": (
        lambda g: _set(g, ADVANCE, KG.place, SDF),
        ("kgr:event-0000000000000002", "kgsh:EventPlace", "class", "kg:place"),
    ),
    "malformed date": (
        lambda g: _set(g, CAPTURE, KG.time, Literal("2014-13-45", datatype=XSD_DATE)),
        ("kgr:event-0000000000000001", "kgsh:EventTime", "or", "kg:time"),
    ),
    "malformed year-month": (
        lambda g: _set(g, CAPTURE, KG.time, Literal("2014-13", datatype=XSD_GYEARMONTH)),
        ("kgr:event-0000000000000001", "kgsh:EventTime", "or", "kg:time"),
    ),
    "time as plain text": (
        lambda g: _set(g, CAPTURE, KG.time, Literal("June 2014")),
        ("kgr:event-0000000000000001", "kgsh:EventTime", "or", "kg:time"),
    ),
    "two times": (
        lambda g: g.add((CAPTURE, KG.time, Literal("2015", datatype=XSD_GYEAR))),
        ("kgr:event-0000000000000001", "kgsh:EventTime", "maxCount", "kg:time"),
    ),
    "confidence of 1.5": (
        lambda g: _set(g, CAPTURE, KG.confidence, Literal(Decimal("1.5"))),
        ("kgr:event-0000000000000001", "kgsh:EventConfidence", "maxInclusive", "kg:confidence"),
    ),
    "negative assertion confidence": (
        lambda g: _set(g, SUPPORTS, KG.confidence, Literal(Decimal("-0.1"))),
        ("kgr:assertion-0000000000000001", "kgsh:AssertionConfidence", "minInclusive", "kg:confidence"),
    ),
    "confidence as a string": (
        lambda g: _set(g, CAPTURE, KG.confidence, Literal("high")),
        # A string is not a decimal, and not comparable with 0 or 1 either.
        [
            ("kgr:event-0000000000000001", "kgsh:EventConfidence", c, "kg:confidence")
            for c in ("datatype", "maxInclusive", "minInclusive")
        ],
    ),
    "entity with two labels": (
        lambda g: g.add((IS, RDFS.label, Literal("ISIS"))),
        ("kgr:islamic-state", "kgsh:EntityLabel", "maxCount", "rdfs:label"),
    ),
    "entity with no label": (
        lambda g: g.remove((SYRIA, RDFS.label, None)),
        ("kgr:syria", "kgsh:EntityLabel", "minCount", "rdfs:label"),
    ),
    "entity from no document": (
        lambda g: g.remove((SYRIA, PROV.wasDerivedFrom, None)),
        ("kgr:syria", "kgsh:EntitySource", "minCount", "prov:wasDerivedFrom"),
    ),
    "entity that is both actor and place": (
        lambda g: g.add((IS, RDF.type, KG.Region)),
        ("kgr:islamic-state", "kgsh:EntityKind", "xone", None),
    ),
    "event with no trigger": (
        lambda g: g.remove((ADVANCE, KG.trigger, None)),
        ("kgr:event-0000000000000002", "kgsh:EventTrigger", "minCount", "kg:trigger"),
    ),
    "event from no document": (
        lambda g: g.remove((ADVANCE, PROV.wasDerivedFrom, None)),
        ("kgr:event-0000000000000002", "kgsh:EventSource", "minCount", "prov:wasDerivedFrom"),
    ),
    "event with no participant": (
        lambda g: [g.remove((ADVANCE, p, None)) for p in (KG.agent, KG.patient, KG.place)],
        ("kgr:event-0000000000000002", "kgsh:EventParticipant", "or", None),
    ),
    "event without an event class": (
        lambda g: g.remove((CAPTURE, RDF.type, None)),
        ("kgr:event-0000000000000001", "kgsh:EventKind", "class", None),
    ),
    "content on something that is not a statement": (
        lambda g: g.add((CAPTURE, KG.content, ADVANCE)),
        ("kgr:event-0000000000000001", "kgsh:ContentOfStatement", "class", None),
    ),
    "supports from a city": (
        lambda g: g.add((RAQQA, KG.supports, SDF)),
        ("kgr:raqqa", "kgsh:Supports", "node", None),
    ),
    "controls an actor": (
        lambda g: g.add((US, KG.controls, SDF)),
        ("kgr:united-states", "kgsh:Controls/kg:controls", "class", "kg:controls"),
    ),
    "located in an actor": (
        lambda g: g.add((RAQQA, KG.locatedIn, IS)),
        ("kgr:raqqa", "kgsh:LocatedIn/kg:locatedIn", "class", "kg:locatedIn"),
    ),
    "capital that is not a place": (
        lambda g: g.add((SDF, KG.capitalOf, SYRIA)),
        ("kgr:syrian-democratic-forces", "kgsh:CapitalOf", "class", None),
    ),
    "role of a group": (
        lambda g: g.add((IS, KG.role, Literal("caliphate"))),
        ("kgr:islamic-state", "kgsh:Role", "class", None),
    ),
    "assertion of a triple that is not in the graph": (
        lambda g: g.remove((US, KG.supports, SDF)),
        ("kgr:assertion-0000000000000001", "kgsh:AssertionShape", "sparql", None),
    ),
    "assertion of something that is not a relation": (
        lambda g: [g.add((US, KG.trigger, SDF)), _set(g, SUPPORTS, RDF.predicate, KG.trigger)],
        None,  # several promises break at once; only the assertion's is checked below
    ),
    "document with no title": (
        lambda g: g.remove((DOC, RDFS.label, None)),
        ("kgr:doc-raqqa-wall-txt", "kgsh:DocumentShape/rdfs:label", "minCount", "rdfs:label"),
    ),
    "quantity with an unknown bound": (
        lambda g: _set(g, QUANTITY, KG.bound, Literal("roughly")),
        ("kgr:quantity-0000000000000001", "kgsh:QuantityShape/kg:bound", "in", "kg:bound"),
    ),
}


def test_the_hand_written_graph_meets_every_shape(graph):
    report = validate(graph)
    assert report.conforms, report.to_text()
    assert report.violations == []
    assert report.checked == {"entities": 7, "events": 3, "assertions": 5, "documents": 1, "quantities": 1}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_each_broken_promise_is_reported_with_its_node_and_constraint(graph, case):
    breaker, expected = BREAKS[case]
    breaker(graph)
    report = validate(graph)
    assert not report.conforms
    found = [(v.focus, v.shape, v.constraint, v.path) for v in report.violations]
    if expected is None:
        assert ("kgr:assertion-0000000000000001", "kgsh:AssertionPredicate", "in", "rdf:predicate") in found
    else:
        assert found == (expected if isinstance(expected, list) else [expected]), report.to_text()
    for violation in report.violations:
        assert violation.message and violation.severity == "Violation"


def test_an_agent_that_is_a_place_names_the_value_its_class_and_the_sentence(graph):
    graph.set((CAPTURE, KG.agent, RAQQA))
    (violation,) = validate(graph).violations
    assert violation.label == "Capture: seized" and violation.types == ("kg:Capture",)
    assert (violation.value, violation.value_label, violation.value_types) == ("kgr:raqqa", "Raqqa", ("kg:City",))
    assert violation.message == "an event's kg:agent is an Actor (or a Country acting as a state)"
    assert violation.sentence == CAPTURE_SENTENCE
    assert violation.document == "kgr:doc-raqqa-wall-txt"


def test_an_event_that_lost_its_evidence_is_still_placed_in_its_sentence(graph):
    # Another node of the same document and sentence index still carries the sentence.
    graph.remove((CAPTURE, KG.evidence, None))
    (violation,) = validate(graph).violations
    assert violation.sentence == CAPTURE_SENTENCE


def test_an_entity_is_placed_in_a_sentence_that_names_it(graph):
    graph.add((SYRIA, RDFS.label, Literal("Syrian Arab Republic")))
    (violation,) = validate(graph).violations
    assert violation.focus == "kgr:syria"
    assert violation.sentence == CAPTURE_SENTENCE  # from the locatedIn assertion naming Syria
    assert violation.document == "kgr:doc-raqqa-wall-txt"


def test_an_entity_named_by_nothing_gets_its_document(graph):
    lonely = URIRef(KGR + "aleppo")
    for triple in ((lonely, RDF.type, KG.City), (lonely, PROV.wasDerivedFrom, DOC)):
        graph.add(triple)
    (violation,) = validate(graph).violations
    assert violation.focus == "kgr:aleppo" and violation.shape == "kgsh:EntityLabel"
    assert violation.sentence is None and violation.document == "kgr:doc-raqqa-wall-txt"


def test_text_report_names_node_label_path_message_and_sentence(graph):
    graph.set((CAPTURE, KG.agent, RAQQA))
    graph.add((IS, RDFS.label, Literal("ISIS")))
    text = validate(graph, source="broken.ttl").to_text()
    assert 'kgr:event-0000000000000001 "Capture: seized" (kg:Capture)' in text
    assert 'kg:agent = kgr:raqqa "Raqqa" (kg:City)' in text
    assert "[kgsh:EventAgent, sh:node]" in text
    assert f'sentence: "{CAPTURE_SENTENCE}"' in text
    assert "kgsh:EntityLabel, sh:maxCount" in text
    assert text.rstrip().splitlines()[-1].startswith("broken.ttl does not conform to ontology/shapes.ttl: 2 violations")


def test_json_report_holds_every_field_and_is_the_same_every_time(graph):
    graph.set((CAPTURE, KG.time, Literal("2014-13", datatype=XSD_GYEARMONTH)))
    first, second = validate(graph).to_json(), validate(graph).to_json()
    assert first == second
    body = json.loads(first)
    assert body["conforms"] is False and body["shapes"] == "ontology/shapes.ttl"
    (violation,) = body["violations"]
    assert violation["focus"] == "kgr:event-0000000000000001"
    assert violation["path"] == "kg:time" and violation["value"] == '"2014-13"^^xsd:gYearMonth'
    assert violation["shape"] == "kgsh:EventTime" and violation["constraint"] == "or"
    assert violation["sentence"] == CAPTURE_SENTENCE


def test_validation_leaves_the_graph_as_it_was(graph):
    before = set(graph)
    validate(graph)
    assert set(graph) == before  # the ontology's subclass triples went into a copy


def test_other_shapes_can_be_given(graph, tmp_path):
    shapes = tmp_path / "timed.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kg: <https://w3id.org/newskg/ontology#> .\n"
        "<urn:x:Timed> a sh:NodeShape ; sh:targetClass kg:Event ;\n"
        '  sh:property [ sh:path kg:place ; sh:minCount 1 ; sh:message "every event has a place" ] .\n',
        encoding="utf-8",
    )
    report = validate(graph, shapes=shapes)
    assert report.shapes == str(shapes)
    # Capture and Statement have no place; Advance has one. Subclasses count through kg.ttl.
    assert sorted(v.focus for v in report.violations) == ["kgr:event-0000000000000001", "kgr:event-0000000000000003"]
    assert {v.message for v in report.violations} == {"every event has a place"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such shapes file"),
        ("this is not turtle <<", "not valid Turtle"),
        (
            "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
            "<urn:x:S> a sh:NodeShape ; sh:targetClass <https://w3id.org/newskg/ontology#Event> ;\n"
            '  sh:property [ sh:path <urn:x:p> ; sh:minCount "many" ] .\n',
            "not usable SHACL shapes",
        ),
    ],
)
def test_unusable_shapes_are_a_usage_error_naming_the_file(graph, tmp_path, content, message):
    shapes = tmp_path / "shapes.ttl"
    if content is not None:
        shapes.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        validate(graph, shapes=shapes)
    assert str(shapes) in str(caught.value) and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_graph_read_from_trig_is_checked_the_same(tmp_path, graph):
    # TriG input folds named graphs into one graph; the shapes see the same nodes.
    from rdflib import Dataset

    from kg.rdf.serialize import trig

    dataset = Dataset()
    named = dataset.graph(DOC)
    for triple in graph:
        named.add(triple)
    path = tmp_path / "graph.trig"
    path.write_bytes(trig(dataset, KGR))
    report = validate(load_graph(path))
    assert report.conforms, report.to_text()
    assert (IS, SKOS.altLabel, Literal("ISIS")) in load_graph(path)


def test_warnings_are_listed_but_do_not_fail(graph, tmp_path):
    shapes = tmp_path / "advice.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kg: <https://w3id.org/newskg/ontology#> .\n"
        "<urn:x:Placed> a sh:NodeShape ; sh:targetClass kg:Capture ;\n"
        '  sh:property [ sh:path kg:place ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "say where" ] .\n',
        encoding="utf-8",
    )
    report = validate(graph, shapes=shapes, source="g.ttl")
    assert report.conforms
    (warning,) = report.violations
    assert (warning.focus, warning.severity, warning.message) == ("kgr:event-0000000000000001", "Warning", "say where")
    text = report.to_text()
    assert "- (warning) kg:place: say where" in text
    assert text.rstrip().splitlines()[-1].startswith(f"g.ttl conforms to {shapes} with 1 warnings")


def test_a_violation_fails_even_under_a_node_shape_marked_as_warning(graph, tmp_path):
    # SHACL gives each shape its own severity: the property shape below reports violations.
    shapes = tmp_path / "mixed.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kg: <https://w3id.org/newskg/ontology#> .\n"
        "<urn:x:Placed> a sh:NodeShape ; sh:targetClass kg:Capture ; sh:severity sh:Warning ;\n"
        "  sh:property [ sh:path kg:place ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    report = validate(graph, shapes=shapes)
    assert [v.severity for v in report.violations] == ["Violation"]
    assert not report.conforms


def test_a_wrong_relation_is_placed_in_the_sentence_of_its_assertion(graph):
    sentence = "Raqqa lies in the heart of the Islamic State's territory."
    claim = URIRef(KGR + "assertion-00000000000000ff")
    graph.add((RAQQA, KG.locatedIn, IS))
    for p, o in (
        (RDF.type, KG.Assertion),
        (RDF.subject, RAQQA),
        (RDF.predicate, KG.locatedIn),
        (RDF.object, IS),
        (KG.evidence, Literal(sentence)),
        (KG.sentenceIndex, Literal(12)),
        (KG.confidence, Literal(Decimal("0.5"))),
        (PROV.wasDerivedFrom, DOC),
    ):
        graph.add((claim, p, o))
    graph.add((RAQQA, RDFS.label, Literal("Ar-Raqqah")))  # a second problem, read elsewhere
    report = validate(graph)
    by_shape = {v.shape: v for v in report.violations}
    assert set(by_shape) == {"kgsh:LocatedIn/kg:locatedIn", "kgsh:EntityLabel"}
    assert by_shape["kgsh:LocatedIn/kg:locatedIn"].sentence == sentence
    assert by_shape["kgsh:EntityLabel"].sentence != sentence
    # The text report gives each run of violations the sentence it was read from.
    text = report.to_text()
    assert text.count("sentence: ") == 2 and f'sentence: "{sentence}"' in text
