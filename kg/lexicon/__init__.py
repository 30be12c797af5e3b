"""What kg knows of words and names: the lexicon read out of the ontology (here), its WordNet-grown part (wordnet), GeoNames' places (gazetteer).
May import: kg.paths only; never a stage. rdflib only to read the ontology, never spaCy.

The ontology is data (ontology/kg.ttl, lexicon.ttl and wordnet.ttl); the extractor
must not know RDF, so this module is the single bridge: it parses the Turtle with rdflib
and hands back frozen dataclasses of strings.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from kg.paths import data_dir

KG_NS = "https://w3id.org/newskg/ontology#"
LEX_NS = "https://w3id.org/newskg/lexicon#"


@dataclass(frozen=True)
class KnownEntry:
    """A known actor or place: canonical label, class (ontology local name), other names."""

    label: str
    cls: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital_of: str | None = None  # for a capital city, the label of its country
    spans_countries: bool = False  # a region countries lie in (Africa, the Sahel), not one inside a country


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per ontology load
class Lexicon:
    """Everything the extractor learns from the ontology.

    triggers: lemma sequence ("close", "in") -> event class ("Advance").
    verb_triggers / noun_triggers: which of those report an event as a verb, which as a noun.
    entries: known actors and places.
    collective_nouns: head lemma -> class, for noun phrases naming groups of people.
    place_nouns: head lemma -> place class ("suburb" -> City).
    org_words: a word inside an organisation's name -> class ("Forces" -> ArmedGroup).
    titles: words that stand before a person's name ("President", "Gen.").
    person_nouns: common nouns whose usual sense is a kind of person ("source", "spokesman").
    parents: class -> its parent class, up to Actor, Place or Event.
    """

    triggers: dict[tuple[str, ...], str] = field(default_factory=dict)
    verb_triggers: frozenset[tuple[str, ...]] = frozenset()
    noun_triggers: frozenset[tuple[str, ...]] = frozenset()
    entries: tuple[KnownEntry, ...] = ()
    collective_nouns: dict[str, str] = field(default_factory=dict)
    place_nouns: dict[str, str] = field(default_factory=dict)
    org_words: dict[str, str] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()  # nouns naming a kind of person ("spokesman"), from WordNet
    agent_nouns: dict[str, str] = field(default_factory=dict)  # "assassin" -> "Killing"
    parents: dict[str, str] = field(default_factory=dict)

    def is_a(self, cls: str, ancestor: str) -> bool:
        """True when `cls` is `ancestor` or falls under it."""
        while cls:
            if cls == ancestor:
                return True
            cls = self.parents.get(cls, "")
        return False

    @functools.cached_property
    def speech_verbs(self) -> frozenset[str]:
        """One-word verbs that report a Statement ("said", "slammed"): their subjects speak."""
        return frozenset(w[0] for w in self.verb_triggers if len(w) == 1 and self.triggers[w] == "Statement")

    @functools.cached_property
    def harm_words(self) -> frozenset[str]:
        """One-word triggers of events done to people (killing, attack, arrest, capture): what
        they are done to is a victim the graph should name."""
        harm = ("Killing", "Attack", "Arrest", "Capture")
        return frozenset(w[0] for w, cls in self.triggers.items() if len(w) == 1 and cls in harm)

    @functools.cached_property
    def demonym_to_entry(self) -> dict[str, KnownEntry]:
        return {d.lower(): e for e in self.entries for d in e.demonyms}

    @functools.cached_property
    def name_to_entry(self) -> dict[str, KnownEntry]:
        """Every name of every entry, case-folded, to the entry (first entry wins)."""
        out: dict[str, KnownEntry] = {}
        for entry in self.entries:
            for name in (entry.label, *entry.aliases):
                out.setdefault(name.casefold(), entry)
        return out


@functools.lru_cache(maxsize=4)
def load_lexicon(ontology_dir: str | None = None) -> Lexicon:
    """Parse kg.ttl, lexicon.ttl and wordnet.ttl under `ontology_dir` (the project's by default)."""
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    folder = Path(ontology_dir) if ontology_dir else data_dir("ontology")
    kg, lex = Namespace(KG_NS), Namespace(LEX_NS)
    graph = Graph()
    for name in ("kg.ttl", "lexicon.ttl", "wordnet.ttl"):
        graph.parse(folder / name, format="turtle")

    def local(iri: object) -> str:
        text = str(iri)
        return text[len(KG_NS) :] if text.startswith(KG_NS) else ""

    def strings(subject: object, predicate: URIRef) -> list[str]:
        return sorted(str(o) for o in graph.objects(subject, predicate))

    parents = {}
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if local(sub) and local(sup):
            parents[local(sub)] = local(sup)

    triggers: dict[tuple[str, ...], str] = {}
    by_part: dict[str, set[tuple[str, ...]]] = {"verb": set(), "noun": set()}
    for part, prop in (("noun", kg.triggerLemma), ("verb", kg.triggerVerb)):
        for cls, lemma in sorted(graph.subject_objects(prop)):
            words = tuple(str(lemma).lower().split())
            triggers.setdefault(words, local(cls))
            by_part[part].add(words)

    agent_nouns = {str(noun).lower(): local(cls) for cls, noun in sorted(graph.subject_objects(kg.agentNoun))}

    entries = []
    for entry in sorted(graph.subjects(RDF.type, lex.Entry)):
        label = graph.value(entry, SKOS.prefLabel)
        cls = local(graph.value(entry, lex["class"]))
        if label is None or not cls:
            continue
        country = graph.value(entry, lex.capitalOf)
        entries.append(
            KnownEntry(
                str(label),
                cls,
                tuple(strings(entry, SKOS.altLabel)),
                tuple(str(d) for d in graph.objects(entry, lex.demonym)),
                str(graph.value(country, SKOS.prefLabel)) if country is not None else None,
                (entry, lex.spansCountries, None) in graph,
            )
        )

    by_use: dict[str, dict[str, str]] = {"collective": {}, "place": {}, "orgName": {}, "title": {}, "person": {}}
    for nouns in sorted(graph.subjects(RDF.type, lex.NounList)):
        use, cls = str(graph.value(nouns, lex.use)), local(graph.value(nouns, lex["class"]))
        for lemma in strings(nouns, lex.lemma):
            by_use.setdefault(use, {})[lemma if use in ("orgName", "title") else lemma.lower()] = cls

    return Lexicon(
        triggers=triggers,
        verb_triggers=frozenset(by_part["verb"]),
        noun_triggers=frozenset(by_part["noun"]),
        entries=tuple(entries),
        collective_nouns=by_use["collective"],
        place_nouns=by_use["place"],
        org_words=by_use["orgName"],
        titles=frozenset(by_use["title"]),
        person_nouns=frozenset(by_use["person"]),
        agent_nouns=agent_nouns,
        parents=parents,
    )
