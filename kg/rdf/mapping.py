"""Map the facts of one document to RDF triples. Knows the ontology, not spaCy.

Entities are plain resources (one per label, shared across documents); events are n-ary
nodes; relations are plain triples so that simple SPARQL works, and each one is also
described by a kg:Assertion (rdf:subject/predicate/object) that carries its evidence
sentence, document and confidence. Every triple of a document goes into that document's
named graph (see `kg.rdf.graph`), which is the second tie to provenance.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.facts import DocumentFacts
from kg.rdf.iri import mint
from kg.rdf.namespace import KG, term

Triple = tuple[URIRef, URIRef, URIRef | Literal]
TIME_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}


def document_iri(base: str, document_id: str) -> URIRef:
    return mint(base, "document", document_id)


def entity_iri(base: str, label: str) -> URIRef:
    return mint(base, "entity", label)


def document_triples(facts: DocumentFacts, base: str) -> Iterator[Triple]:
    """Every triple read from one document."""
    document = facts.document
    doc = document_iri(base, document.id)
    yield doc, RDF.type, KG.Document
    yield doc, RDFS.label, Literal(document.title or document.id)
    yield doc, KG.source, Literal(document.source or document.id)
    if document.url:
        yield doc, SDO.url, Literal(document.url, datatype=XSD.anyURI)
    if document.published:
        yield doc, KG.published, Literal(document.published, datatype=XSD.date)

    def sentence(index: int) -> Literal:
        return Literal(facts.sentences[index].text if 0 <= index < len(facts.sentences) else "")

    for entity in facts.entities:
        node = entity_iri(base, entity.label)
        yield node, RDF.type, term(entity.cls)
        yield node, RDFS.label, Literal(entity.label)
        for alias in entity.aliases:
            if alias != entity.label:
                yield node, SKOS.altLabel, Literal(alias)
        yield node, PROV.wasDerivedFrom, doc

    event_nodes = {e.key: mint(base, "event", document.id, e.key) for e in facts.events}
    for event in facts.events:
        node = event_nodes[event.key]
        yield node, RDF.type, term(event.cls)
        yield node, RDFS.label, Literal(f"{event.cls}: {event.trigger}")
        yield node, KG.trigger, Literal(event.trigger)
        for role, labels in (("agent", event.agents), ("patient", event.patients), ("place", event.places)):
            for label in labels:
                yield node, term(role), entity_iri(base, label)
        if event.time is not None:
            yield node, KG.time, Literal(event.time.value, datatype=TIME_TYPES[event.time.precision])
        yield node, KG.evidence, sentence(event.sentence)
        yield node, KG.sentenceIndex, Literal(event.sentence)
        yield node, KG.confidence, _decimal(event.confidence)
        yield node, PROV.wasDerivedFrom, doc
        for key in event.content:
            if key in event_nodes:
                yield node, KG.content, event_nodes[key]

    for rel in facts.relations:
        subject = entity_iri(base, rel.subject)
        predicate = term(rel.predicate)
        obj: URIRef | Literal = Literal(rel.object) if rel.literal else entity_iri(base, rel.object)
        yield subject, predicate, obj
        node = mint(base, "assertion", document.id, str(subject), str(predicate), str(obj))
        yield node, RDF.type, KG.Assertion
        yield node, RDF.subject, subject
        yield node, RDF.predicate, predicate
        yield node, RDF.object, obj
        yield node, KG.evidence, sentence(rel.sentence)
        yield node, KG.sentenceIndex, Literal(rel.sentence)
        yield node, KG.confidence, _decimal(rel.confidence)
        yield node, PROV.wasDerivedFrom, doc

    for q in facts.quantities:
        node = mint(base, "quantity", document.id, str(q.sentence), str(q.amount), q.counts)
        yield node, RDF.type, KG.Quantity
        yield node, RDFS.label, Literal(f"{q.amount} {q.counts}")
        yield node, KG.amount, Literal(q.amount)
        yield node, KG.bound, Literal(q.bound)
        yield node, KG.counts, Literal(q.counts)
        yield node, KG.evidence, sentence(q.sentence)
        yield node, KG.sentenceIndex, Literal(q.sentence)
        yield node, PROV.wasDerivedFrom, doc
        if q.event and q.event in event_nodes:
            yield event_nodes[q.event], KG.quantity, node
        elif q.subject:
            yield entity_iri(base, q.subject), KG.quantity, node


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 3))), datatype=XSD.decimal)
