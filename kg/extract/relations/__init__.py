"""Relations between entities, read from the constructions news prose uses for them.

- modifiers:    "US-backed forces" (supports), "US-led coalition" (leaderOf), "an al-Qaeda-linked
                group" (alliedWith), "a London-based group" (locatedIn), "loyal to IS" (memberOf)
- descriptions: an apposition or copula that says what a name is: "Raqqa, the de facto capital
                of IS" (capitalOf), "a second IS stronghold in Iraq" (controls, locatedIn), "an
                alliance of Kurdish and Arab fighters" (hasMember), "the leader of Ennahda, Rachid
                Ghannouchi" (leaderOf), "a member of Ennahda's secretariat" (memberOf), "the
                Libyan city of Sirte" (locatedIn)
- verbs:        "joined", "supported", "controls", "leads", "outlawed", "imposed ... against"
- places:       "Raqqa, Syria", "a factory in Khartoum", "west Mosul" (partOf Mosul)
- names:        "US Central Command", "Tunisian security forces" (partOf their country)
- titles:       "Tunisian Prime Minister Habib Essid", "Brett McGurk, the US special envoy" (role,
                and leaderOf or memberOf when the title names a state or an organisation)
- events:       a capture makes its agent control the place; an attack between armed or state
                actors makes them opponents
Each relation carries the index of its sentence; the RDF mapping ties it to that sentence.
"""

from __future__ import annotations

from kg.extract.entities import EntityIndex
from kg.extract.relations.constructions import from_events, modifiers, names, places, verbs
from kg.extract.relations.descriptions import descriptions, titles
from kg.extract.relations.reader import Reader
from kg.facts import Event, Relation
from kg.lexicon import Lexicon

__all__ = ["find_relations"]


def find_relations(doc, index: EntityIndex, lexicon: Lexicon, sentence_of, events: list[Event] = ()) -> list[Relation]:
    r = Reader(doc, index, lexicon, sentence_of)
    for tok in doc:
        modifiers(r, tok)
        descriptions(r, tok)
        verbs(r, tok)
        places(r, tok)
    names(r)
    titles(r)
    from_events(r, events)
    return list(r.found.values())
