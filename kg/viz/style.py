"""How each ontology class looks: its kind (Actor, Place, Event), colour and shape.

The class tree is read from ontology/kg.ttl once, so a class the ontology gains later is
drawn like its nearest ancestor that has a colour of its own, with no change here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.paths import data_dir
from kg.rdf.namespace import KG_IRI

KINDS = ("Actor", "Place", "Event")
SHAPES = {"Actor": "dot", "Place": "square", "Event": "diamond"}
# Tableau 20: distinct hues that stay readable on white, one per class.
COLOURS = {
    "Actor": "#8c8c8c",
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "ArmedGroup": "#b07aa1",
    "Government": "#59a14f",
    "Group": "#f28e2b",
    "Place": "#bab0ac",
    "City": "#76b7b2",
    "Country": "#9c755f",
    "Region": "#b6992d",
    "Facility": "#edc948",
    "Event": "#ff9da7",
    "Attack": "#d62728",
    "Capture": "#9467bd",
    "Retake": "#2ca02c",
    "Advance": "#1f77b4",
    "Siege": "#8c564b",
    "Defend": "#17becf",
    "Statement": "#ffbe7d",
    "Killing": "#7f0000",
    "Meeting": "#aec7e8",
    "Agreement": "#98df8a",
    "Election": "#c5b0d5",
    "Protest": "#ff7f0e",
    "Arrest": "#c49c94",
    "Acquisition": "#bcbd22",
}
FALLBACK_COLOUR = "#cccccc"


@dataclass(frozen=True)
class ClassStyle:
    name: str
    kind: str
    colour: str
    shape: str
    depth: int


@lru_cache(maxsize=1)
def class_parents() -> dict[str, tuple[str, ...]]:
    """Each kg class's kg superclasses, read from the ontology."""
    ontology = Graph().parse(data_dir("ontology") / "kg.ttl")
    parents: dict[str, tuple[str, ...]] = {}
    for cls in ontology.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef) and str(cls).startswith(KG_IRI):
            supers = ontology.objects(cls, RDFS.subClassOf)
            parents[_local(cls)] = tuple(sorted(_local(s) for s in supers if str(s).startswith(KG_IRI)))
    return parents


def ancestors(name: str) -> list[str]:
    """`name` and its kg superclasses, nearest first."""
    parents = class_parents()
    seen, queue = [], [name]
    while queue:
        current = queue.pop(0)
        if current not in seen:
            seen.append(current)
            queue.extend(parents.get(current, ()))
    return seen


def style(name: str) -> ClassStyle | None:
    """How a class is drawn, or None for classes that are not actors, places or events."""
    line = ancestors(name)
    kind = next((c for c in line if c in KINDS), None)
    if kind is None:
        return None
    colour = next((COLOURS[c] for c in line if c in COLOURS), FALLBACK_COLOUR)
    return ClassStyle(name, kind, colour, SHAPES[kind], len(line))


def subclasses(name: str) -> set[str]:
    """`name` and every kg class under it."""
    return {c for c in class_parents() if name in ancestors(c)}


def known_classes() -> list[str]:
    """The drawable classes, in legend order: actors, places, events, each by depth then name."""
    styled = [s for s in (style(c) for c in class_parents()) if s is not None]
    # Root-to-class paths sort a tree depth first: Organization, then ArmedGroup, Government.
    return [s.name for s in sorted(styled, key=lambda s: (KINDS.index(s.kind), _primary_path(s.name)))]


def _primary_path(name: str) -> list[str]:
    path = [name]
    while class_parents().get(path[-1]):
        path.append(class_parents()[path[-1]][0])
    return path[::-1]


def _local(iri) -> str:
    return str(iri)[len(KG_IRI) :] if str(iri).startswith(KG_IRI) else str(iri)
