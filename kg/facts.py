"""What extraction hands on: plain dataclasses, free of spaCy and of RDF.

Entities are named by their canonical label, which is also their identity across
documents (the RDF mapping mints one IRI per label). Every fact carries the index of the
sentence it was read from; `DocumentFacts.sentences` holds those sentences' text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.document import Document


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # character offsets in the document's text
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class Entity:
    """A real-world actor or place the document names. `cls` is an ontology class name."""

    label: str
    cls: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    known: bool = False  # found through the lexicon's list of known actors and places

    def merged_with(self, other: Entity) -> Entity:
        """This entity with another reading of the same thing folded in (its label and class win)."""
        return Entity(
            self.label,
            self.cls,
            tuple(sorted(set(self.aliases) | set(other.aliases))),
            self.mentions + other.mentions,
            self.known or other.known,
        )


@dataclass(frozen=True)
class TimeValue:
    """A normalised time: `value` is YYYY, YYYY-MM or YYYY-MM-DD, `precision` says which."""

    value: str
    precision: str  # "year" | "month" | "day"


@dataclass(frozen=True)
class Event:
    """An n-ary event; roles hold entity labels. `key` is unique within the document."""

    key: str
    cls: str
    trigger: str
    sentence: int
    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    time: TimeValue | None = None
    confidence: float = 0.5
    content: tuple[str, ...] = ()  # keys of the events a Statement reports
    start: int = -1  # character offsets of the trigger in the document's text
    end: int = -1


@dataclass(frozen=True)
class Relation:
    """subject -predicate-> object between entity labels; for `role`, object is the title text."""

    subject: str
    predicate: str
    object: str
    sentence: int
    confidence: float = 0.5
    literal: bool = False


@dataclass(frozen=True)
class Quantity:
    """A number of people a sentence reports: 'some 2,500 IS militants' -> 2500, about."""

    amount: int
    bound: str  # exact | about | atLeast | atMost | moreThan | lessThan
    counts: str
    sentence: int
    subject: str | None = None  # the entity counted, when known
    event: str | None = None  # the event key it belongs to ("killing at least 19")


@dataclass
class DocumentFacts:
    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
