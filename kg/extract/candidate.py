"""A candidate mention: a span of a spaCy Doc that may name an actor or a place."""

from __future__ import annotations

from dataclasses import dataclass

from kg.lexicon import KnownEntry


@dataclass
class Candidate:
    start: int  # token indices, end exclusive
    end: int
    text: str
    cls: str
    kind: str  # "name" | "known" | "collective" | "people"
    known: KnownEntry | None = None
    link_to: int | None = None  # token index of the group a collective names ("IS militants")
    context_typed: bool = False
    weight: float = 1.0  # how much this mention's class counts when its entity's class is voted
    aliases: tuple[str, ...] = ()  # other ways the text wrote this mention ("President Obama")
    head: int = -1  # token index of the head noun, for collectives
    # Tokens that name this mention and no other, when spans overlap: "Arab" in "Kurdish and
    # Arab fighters" is the Arab fighters' own word, though the span starts at "Kurdish".
    own: tuple[int, ...] = ()

    @property
    def length(self) -> int:
        return self.end - self.start


def join_words(doc, indices: list[int]) -> str:
    """Tokens as written: their own spacing where adjacent, one space across a gap."""
    out = []
    for n, i in enumerate(indices):
        out.append(doc[i].text)
        if n + 1 < len(indices):
            out.append(doc[i].whitespace_ if indices[n + 1] == i + 1 else " ")
    return "".join(out)
