"""The knowledge graph being built: one named graph per document, and their union.

Building a document again replaces its named graph, so reruns never double facts. When
documents disagree about an entity's label or class (each read alone), `consolidate`
settles on one of each, so that every entity has exactly one rdfs:label and one class.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.facts import DocumentFacts
from kg.rdf.iri import check_base
from kg.rdf.mapping import document_iri, document_triples
from kg.rdf.namespace import DEFAULT_BASE, KG, KG_IRI, SEM

ENTITY_CLASSES = (
    "Person",
    "ArmedGroup",
    "Government",
    "Organization",
    "Group",
    "Actor",
    "Country",
    "City",
    "Region",
    "Facility",
    "Place",
)


def kg_prefixes(base: str) -> list[tuple[str, str]]:
    """The prefixes kg writes and reads with: its ontology, its minted resources, the vocabularies it aligns to."""
    return [
        ("kg", KG_IRI),
        ("kgr", base),
        ("rdfs", str(RDFS)),
        ("skos", str(SKOS)),
        ("prov", str(PROV)),
        ("xsd", str(XSD)),
        ("schema", str(SDO)),
        ("owl", str(OWL)),
        ("sem", str(SEM)),
        ("rdf", str(RDF)),
    ]


def bind_prefixes(graph: Graph, base: str) -> Graph:
    for prefix, ns in kg_prefixes(base):
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


class KnowledgeGraph:
    """Named graphs of documents, added one at a time."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = check_base(base)
        self.dataset = Dataset(default_union=False)
        bind_prefixes(self.dataset, self.base)

    def add(self, facts: DocumentFacts) -> URIRef:
        """Add (or replace) the named graph of one document; returns the graph's IRI."""
        name = document_iri(self.base, facts.document.id)
        self.dataset.remove_graph(self.dataset.graph(name))
        graph = self.dataset.graph(name)
        for triple in document_triples(facts, self.base):
            graph.add(triple)
        return name

    def add_all(self, many: Iterable[DocumentFacts]) -> None:
        for facts in many:
            self.add(facts)

    def graph_names(self) -> list[URIRef]:
        return sorted(
            g.identifier
            for g in self.dataset.graphs()
            if isinstance(g.identifier, URIRef) and len(g) > 0 and g.identifier != URIRef("urn:x-rdflib:default")
        )

    def union(self) -> Graph:
        """Every document's triples in one graph, consolidated."""
        merged = bind_prefixes(Graph(), self.base)
        for name in self.graph_names():
            for triple in self.dataset.graph(name):
                merged.add(triple)
        return merged

    def consolidate(self) -> None:
        """One label and one class per entity, chosen the same way whatever the document order."""
        labels: dict[URIRef, Counter] = defaultdict(Counter)
        classes: dict[URIRef, Counter] = defaultdict(Counter)
        for name in self.graph_names():
            graph = self.dataset.graph(name)
            for s, o in graph.subject_objects(RDF.type):
                if o in ENTITY_TYPES:
                    classes[s][o] += 1
            for s, o in graph.subject_objects(RDFS.label):
                if s in classes:
                    labels[s][o] += 1
        for name in self.graph_names():
            graph = self.dataset.graph(name)
            for s in [s for s in set(graph.subjects(RDF.type)) if s in classes]:
                said = names_in(graph, s)
                settled = settle(said, *choose(labels[s], classes[s]))
                for triple in said.triples(s) - settled.triples(s):
                    graph.remove(triple)
                for triple in settled.triples(s) - said.triples(s):
                    graph.add(triple)


ENTITY_TYPES = frozenset(KG[c] for c in ENTITY_CLASSES)
_RANK = {KG[c]: i for i, c in enumerate(ENTITY_CLASSES)}


@dataclass(frozen=True)
class Names:
    """What one document's graph says an entity is called and is: the part consolidation settles."""

    labels: frozenset = frozenset()
    alt_labels: frozenset = frozenset()
    classes: frozenset = frozenset()  # entity classes only; other rdf:type values are left alone

    def triples(self, node: URIRef) -> set:
        return (
            {(node, RDFS.label, o) for o in self.labels}
            | {(node, SKOS.altLabel, o) for o in self.alt_labels}
            | {(node, RDF.type, o) for o in self.classes}
        )

    def to_json(self) -> str:
        """The names as text for a ledger (the spool's, the store's), sorted: same names, same text."""
        return json.dumps(
            {
                "labels": sorted(term_json(t) for t in self.labels),
                "alts": sorted(term_json(t) for t in self.alt_labels),
                "classes": sorted(str(c) for c in self.classes),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Names:
        data = json.loads(text)
        return cls(
            frozenset(literal_from_json(t) for t in data["labels"]),
            frozenset(literal_from_json(t) for t in data["alts"]),
            frozenset(URIRef(c) for c in data["classes"]),
        )


def term_json(term) -> str | None:
    """A label or class as one string: a literal's text, language and datatype, or an IRI."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return json.dumps([str(term), term.language, str(term.datatype) if term.datatype else None], ensure_ascii=False)
    return str(term)


def literal_from_json(text: str) -> Literal:
    value, lang, datatype = json.loads(text)
    return Literal(value, lang=lang, datatype=URIRef(datatype) if datatype else None)


def names_in(graph: Graph, node: URIRef) -> Names:
    return Names(
        frozenset(graph.objects(node, RDFS.label)),
        frozenset(graph.objects(node, SKOS.altLabel)),
        frozenset(c for c in graph.objects(node, RDF.type) if c in ENTITY_TYPES),
    )


def choose(labels: Counter, classes: Counter) -> tuple[Literal | None, URIRef | None]:
    """The label and the class most documents give an entity; ties go the same way every time."""
    return _most_common(labels, key=str), _most_common(classes, key=lambda c: _RANK[c])


def settle(said: Names, best_label: Literal | None, best_class: URIRef | None) -> Names:
    """What a document's graph says of an entity once its label and class are settled: other
    labels become alternative labels, other entity classes go."""
    labels, alt_labels = set(said.labels), set(said.alt_labels)
    for label in said.labels:
        if label != best_label:
            labels.discard(label)
            alt_labels.add(label)
    if best_label is not None and best_label not in labels:
        labels.add(best_label)
        alt_labels.discard(best_label)
    classes = {best_class} if best_class is not None else set(said.classes)
    return Names(frozenset(labels), frozenset(alt_labels), frozenset(classes))


def _most_common(counts: Counter, key):
    if not counts:
        return None
    top = max(counts.values())
    return min((item for item, n in counts.items() if n == top), key=key)


def literal_text(value: Literal | URIRef | None) -> str:
    return "" if value is None else str(value)
