"""Events: a trigger from the lexicon, then its roles (`arguments.py`).

A trigger is a lemma sequence the ontology lists for an event class, used as a verb
(kg:triggerVerb) or a noun (kg:triggerLemma). What reports no new event is left out:
negated, modal and intended events ("did not attack", "will sign", "plans to lift"),
purpose infinitives, modifiers ("the slain foreigners"), anaphoric nouns ("the attack"),
descriptive participles ("the wall surrounding the city") and figurative uses ("seized on").
A speaker's repeated attributions collapse into one Statement, and a Statement records the
events its reported clause holds as its content.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kg.extract.arguments import (
    UNDERGOING,
    agent_noun_roles,
    class_of,
    entities_in,
    event_time,
    noun_roles,
    patient_places,
    sentence_place,
    verb_roles,
)
from kg.extract.entities import EntityIndex
from kg.facts import Event
from kg.lexicon import Lexicon

MODALS = frozenset("'ll ca could may might must shall should will wo would".split())
INTENT_VERBS = frozenset(
    """plan intend want hope seek aim threaten promise expect vow try attempt prepare consider propose refuse
    fail decline need urge ask call demand wish stop cease avoid prevent""".split()
)
READINESS = frozenset(
    """able determined due eager expected keen likely poised prepared ready reluctant set unable
    willing""".split()
)
NOT_TRIGGERS = frozenset("according".split())
# Verbs that report an attack only when an actor does them.
NEEDS_ACTOR = frozenset("breach fire hit shoot storm strike target".split())
# Verb and next word that turn a trigger figurative.
FIGURATIVE = {
    ("seize", "on"),
    ("seize", "upon"),
    ("storm", "out"),
    ("hit", "out"),
    ("strike", "down"),
    ("take", "over"),
    ("claim", "responsibility"),
    ("seize", "power"),  # a coup, not the capture of a place or of people
    ("take", "power"),
    ("grab", "power"),
}  # "according to the coalition" reports a source, not an agreement
# Events that are news even when the text names no one in them: "a bomb exploded".
HAPPENINGS = frozenset("Attack Killing Arrest Protest".split())
# Events that need a living agent: a wall or a desert does not attack or surround anyone.
INANIMATE = ("Facility", "Region")
DEFINITE = frozenset("that the these this those".split())
# Speech verbs whose object is the one spoken to, not a target of what is said.
ADDRESSING = frozenset("advise answer ask assure brief inform notify reassure remind tell thank urge".split())


@dataclass
class _Trigger:
    start: int
    end: int
    cls: str
    head: int = -1  # the token that carries the event: the verb, or the noun of a noun phrase
    verbal: bool = True


def find_events(doc, index: EntityIndex, lexicon: Lexicon, sentence_of, published: str | None) -> list[Event]:
    events: list[Event] = []
    triggers = _triggers(doc, lexicon)
    verbal_class = {t.head: t.cls for t in triggers if t.verbal}
    violent = {
        sentence_of(t.head) for t in triggers if t.cls in ("Attack", "Killing", "Protest") and not _dying(doc[t.head])
    }
    for trig in triggers:
        head = doc[trig.head]
        if _not_asserted(head) or (not trig.verbal and _names_verb_event(head, trig.cls, verbal_class)):
            continue
        if _dying(head) and not _violent_death(head, sentence_of(head.i), violent, index):
            continue  # "his wife was dying of kidney disease": a death, not a killing
        if trig.verbal:
            agents, patients, places = verb_roles(head, index, lexicon)
            if head.lemma_.lower() in UNDERGOING:
                agents, patients = (), agents + patients
        else:
            agents, patients, places = noun_roles(head, index, lexicon, trig.cls)
            if not agents and not patients and _refers_back(head):
                continue  # "the attack", "Wednesday's attack": an event already reported
        if trig.cls == "Statement":
            # who is accused or condemned, not what is said, nor where it was said, nor who
            # was told ("told Reuters", "urged Iran to")
            patients = tuple(
                p
                for c in head.children
                if c.dep_ == "dobj" and head.lemma_.lower() not in ADDRESSING
                for p in entities_in(c, index)
                if lexicon.is_a(class_of(index, p), "Actor")
            )
            places = ()
            beside = _speaker_beside(head, index) if trig.verbal else None
            if beside and beside not in agents and not any(_mentioned_after(a, head, index) for a in agents):
                agents = (beside,)  # "..., the source, who said he had spoken to them, told Reuters"
            if not agents:
                continue  # a statement without a speaker says nothing the graph can hold
        if any(class_of(index, a) in INANIMATE for a in agents):
            continue
        if trig.verbal and head.lemma_.lower() in NEEDS_ACTOR and not agents and _has_subject(head):
            continue  # "the crisis has hit demand": only an actor hits in the sense of an attack
        if trig.cls == "Advance" and not patients and not places and _has_object(head):
            continue  # "enter the final stages of the battle": moving into no place
        if trig.cls == "Attack" and not patients and places and class_of(index, places[0]) == "Facility":
            # "a car bombing outside a synagogue": the building by which it happened was the target
            patients, places = places[:1], places[1:]
        if trig.cls != "Statement" and not places:
            places = patient_places(head, index, lexicon) or sentence_place(head, index, lexicon, set(agents))
        # where a city or a country is taken or entered, that is also where it happens
        places = tuple(dict.fromkeys(places + tuple(p for p in patients if class_of(index, p) in ("City", "Country"))))
        if trig.cls != "Statement" and not places:
            # "stormed the Bardo National Museum": a building attacked is where it happened
            places = tuple(p for p in patients if class_of(index, p) == "Facility")
        # Only actors (and states) act: a capital that acts stands for its state when the text
        # names that state ("Washington and the Taliban held talks"); another place is no agent.
        agents = tuple(dict.fromkeys(_state_of_capital(a, index, lexicon) for a in agents))
        agents = tuple(
            a for a in agents if lexicon.is_a(class_of(index, a), "Actor") or class_of(index, a) == "Country"
        )
        if not (agents or patients or places) and (
            trig.cls not in HAPPENINGS or (not trig.verbal and _refers_back(head)) or _quoted(head)
        ):
            # "a bomb exploded" happened though no one is named; "the attack" with no one in it
            # is an event told before, "talks" or "a deal" with no party says nothing, and a
            # speaker's "fear of further attacks" is talk, not a report
            continue
        events.append(
            Event(
                key=f"{sentence_of(head.i)}:{head.i}",
                cls=trig.cls,
                trigger=doc[trig.start : trig.end].text,
                start=doc[trig.start].idx,
                end=doc[trig.end - 1].idx + len(doc[trig.end - 1].text),
                sentence=sentence_of(head.i),
                agents=agents,
                patients=patients,
                places=places,
                time=event_time(head, doc, published),
                confidence=round(0.5 + 0.2 * bool(agents) + 0.2 * bool(patients or places), 2),
            )
        )
    events += _agent_noun_events(doc, index, lexicon, sentence_of, published, {e.key for e in events})
    events.sort(key=lambda e: (e.sentence, e.start))
    return _link_statements(doc, _first_statement_per_speaker(doc, events))


def _agent_noun_events(doc, index: EntityIndex, lexicon: Lexicon, sentence_of, published, keys) -> list[Event]:
    """'Booth, the assassin of Lincoln': a noun for the doer reports the deed."""
    out = []
    for tok in doc:
        cls = lexicon.agent_nouns.get(tok.lemma_.lower())
        if cls is None or tok.pos_ != "NOUN" or _not_asserted(tok):
            continue
        agents, patients = agent_noun_roles(tok, index)
        key = f"{sentence_of(tok.i)}:{tok.i}"
        if agents and key not in keys:
            out.append(
                Event(
                    key=key,
                    cls=cls,
                    trigger=tok.text,
                    sentence=sentence_of(tok.i),
                    agents=agents,
                    patients=patients,
                    time=event_time(tok, doc, published),
                    confidence=0.7,
                    start=tok.idx,
                    end=tok.idx + len(tok.text),
                )
            )
    return out


# Military events whose actor an article often leaves to the reader: "the operation to
# retake Mosul", after "In Mosul, Iraqi forces face stiff fighting and suicide attacks".
CARRIED = frozenset("Advance Attack Capture Retake Siege".split())


def carry_agents(events: list[Event], index: EntityIndex) -> list[Event]:
    """An agentless military event in a place takes, at lower confidence, the fighters of the
    latest military event in the same place within the two sentences before: its agents, or
    the armed actors an attack there was aimed at (those are the ones fighting for the place).
    Run after relations are read: an inferred agent states no relation of its own."""

    def fighters(e: Event) -> tuple[str, ...]:
        if e.agents:
            return e.agents
        armed = ("ArmedGroup", "Government", "Country")
        return tuple(p for p in e.patients if class_of(index, p) in armed) if e.cls == "Attack" else ()

    out: list[Event] = []
    fought: list[tuple[Event, tuple[str, ...]]] = []  # earlier military events with their fighters
    for event in events:
        where = set(event.places) | set(event.patients)
        if event.cls in CARRIED and not event.agents and where:
            earlier = [
                who
                for e, who in fought
                if 0 < event.sentence - e.sentence <= 2
                and where & (set(e.places) | set(e.patients))
                and not set(who) & set(event.patients)
            ]
            if earlier:
                event = replace(event, agents=earlier[-1], confidence=round(event.confidence - 0.1, 2))
        if event.cls in CARRIED and fighters(event):
            fought.append((event, fighters(event)))
        out.append(event)
    return out


VIOLENT_CAUSES = frozenset("wound injury gunshot bullet torture beating shrapnel".split())


def _dying(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in UNDERGOING


def _violent_death(verb, sentence: int, violent: set[int], index: EntityIndex) -> bool:
    """A death is a killing when violence is told beside it (this sentence or the one before),
    when what caused it was violent, or when those who died were fighters ('two gunmen died')."""
    if sentence in violent or sentence - 1 in violent or _violent_cause(verb):
        return True
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(class_of(index, label) == "ArmedGroup" for c in subjects for label in entities_in(c, index))


def _violent_cause(verb) -> bool:
    """'died of his wounds', 'died from gunshot injuries': a death the violence caused."""
    return any(
        t.lemma_.lower() in VIOLENT_CAUSES
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "after")
        for t in prep.subtree
    )


def _speaker_beside(verb, index: EntityIndex) -> str | None:
    """The one named right before a speech verb that closes a sentence's attribution ('...,
    a senior political source told Reuters'), past a relative clause set off by commas ('the
    source, who said he had spoken to people inside, told Reuters'). The parser often hangs
    such a speaker on the wrong word; the words do not lie."""
    doc = verb.doc
    i = verb.i - 1
    while i > verb.sent.start and doc[i].dep_ in ("advmod", "aux", "neg") and doc[i].head.i == verb.i:
        i -= 1
    if doc[i].text == ",":
        j = i - 1
        while j > verb.sent.start and doc[j].text != ",":
            j -= 1
        if doc[j].text != "," or doc[j + 1].lower_ not in ("who", "which", "whose"):
            return None
        i = j - 1
    label = index.at(i)
    if label is None or doc[i].dep_ in ("pobj", "dobj", "poss", "compound"):
        return None
    return label


def _mentioned_after(label: str, verb, index: EntityIndex) -> bool:
    """Whether the entity is named after the verb in its sentence ('..., said Ahmed')."""
    return any(start > verb.i and start < verb.sent.end for start, _ in index.mention_spans.get(label, []))


def _state_of_capital(label: str, index: EntityIndex, lexicon: Lexicon) -> str:
    """The state a capital city stands for, when the document names it: its government, else its country."""
    entry = lexicon.name_to_entry.get(label.casefold())
    if entry is None or not entry.capital_of or class_of(index, label) != "City":
        return label
    country = lexicon.name_to_entry.get(entry.capital_of.casefold())
    government = f"{country.demonyms[0]} government" if country is not None and country.demonyms else None
    for state in (government, entry.capital_of):  # "Damascus admitted": the government, if the text names it
        if state and index.get(state) is not None:
            return state
    return label


OPENING_QUOTES = frozenset('\u201c"\u2018')
CLOSING_QUOTES = frozenset('\u201d"\u2019')


def _quoted(tok) -> bool:
    """Whether a token stands inside quotation marks in its sentence."""
    inside = False
    for t in tok.sent:
        if t.i >= tok.i:
            return inside
        if t.text in OPENING_QUOTES and not inside:
            inside = True
        elif t.text in CLOSING_QUOTES and inside:
            inside = False
    return inside


def _names_verb_event(noun, cls: str, verbal_class: dict[int, str]) -> bool:
    """'Gunmen opened fire on visitors ... in an assault': the noun names the very event its
    verb of the same class reports, not a second one."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during"):
        return False
    verb = prep.head
    while verb.dep_ in ("xcomp", "advcl", "conj") and verb.i not in verbal_class and verb.head.i != verb.i:
        verb = verb.head
    return verbal_class.get(verb.i) == cls


def _has_subject(verb) -> bool:
    return any(c.dep_ == "nsubj" for c in verb.children)


def _has_object(verb) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def _refers_back(noun) -> bool:
    """A definite or possessed event noun names an event told before, not a new one."""
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children) or (
        noun.dep_ in ("nsubj", "attr") and noun.head.lemma_ == "be"
    )


def _first_statement_per_speaker(doc, events: list[Event]) -> list[Event]:
    """'..., Azzouz said' after Azzouz has spoken adds no fact: keep a speaker's first use of a
    verb, and one statement per speaker per sentence ('condemned the attack and said ...')."""
    seen: set[tuple] = set()
    out = []
    for event in events:
        if event.cls == "Statement":
            keys = {(event.agents, doc[int(event.key.split(":")[1])].lemma_.lower()), (event.agents, event.sentence)}
            if keys & seen:
                continue
            seen |= keys
        out.append(event)
    return out


def _triggers(doc, lexicon: Lexicon) -> list[_Trigger]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in lexicon.triggers:
        by_first.setdefault(words[0], []).append(words)
    for options in by_first.values():
        options.sort(key=len, reverse=True)
    out: list[_Trigger] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        found = None
        for key in dict.fromkeys((tok.lemma_.lower(), tok.lower_)):
            for words in by_first.get(key, ()):
                if _matches(doc, i, words):
                    found = _usable(doc, _Trigger(i, i + len(words), lexicon.triggers[words]), words, lexicon)
                    if found:
                        break
            if found:
                break
        if found:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def _matches(doc, i: int, words: tuple[str, ...]) -> bool:
    if i + len(words) > len(doc):
        return False
    return all(doc[i + k].lemma_.lower() == w or doc[i + k].lower_ == w for k, w in enumerate(words))


def _usable(doc, trig: _Trigger, words: tuple[str, ...], lexicon: Lexicon) -> _Trigger | None:
    """The trigger with its head and part of speech, or None when the words report no event here."""
    first, last = doc[trig.start], doc[trig.end - 1]
    if (
        first.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "TIME")
        or first.lower_ in NOT_TRIGGERS
    ):
        return None
    if words in lexicon.verb_triggers and (first.pos_ == "VERB" or first.tag_.startswith("VB")):
        trig.head, trig.verbal = trig.start, True
    elif words in lexicon.noun_triggers and last.pos_ in ("NOUN", "PROPN") and not last.tag_.startswith("VB"):
        trig.head, trig.verbal = trig.end - 1, False
    else:
        return None
    head = doc[trig.head]
    if trig.verbal and (head.lemma_.lower(), head.nbor(1).lower_ if head.i + 1 < len(doc) else "") in FIGURATIVE:
        return None  # "seized on an admission": grasping at something, not capturing it
    if head.dep_ == "amod":
        return None  # "the slain foreigners", "self-declared": a modifier, not a report of an event
    if not trig.verbal and head.dep_ == "compound" and trig.end - trig.start == 1:
        return None  # "defense ministry", "election results": the noun describes another
    if trig.verbal and head.dep_ != "acl" and any(c.tag_ == "TO" for c in head.children):
        return None  # "to enter", "allowed them to breach": purpose or permission, not a report
    if trig.verbal and head.dep_ in ("csubj", "csubjpass"):
        return None  # "breaching the wall was a milestone": talk about an event already told
    if (
        trig.verbal
        and head.tag_ == "VBG"
        and head.dep_ == "acl"
        and head.head.pos_ == "NOUN"
        and not head.head.ent_type_
    ):
        return None  # "the wall surrounding the old city": a description, not an event
    return trig


def _not_asserted(tok) -> bool:
    """Negated, modal or merely intended: 'did not attack', 'will sign', 'plans to lift'."""
    if any(c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "no" for d in c.children) for c in tok.children):
        return True  # "no group claimed responsibility"
    chain = [tok]
    while (
        chain[-1].dep_ in ("xcomp", "conj", "dobj", "pobj", "prep", "acomp")
        and chain[-1].head.i != chain[-1].i
        and len(chain) < 6
    ):
        chain.append(chain[-1].head)
    for t in chain[:3] if tok.pos_ == "VERB" else chain[:4]:
        for child in t.children:
            if child.dep_ == "neg":
                return True
            if child.dep_ == "aux" and child.lower_ in MODALS:
                return True
        if t.i != tok.i and t.lemma_.lower() in INTENT_VERBS and t.pos_ == "VERB":
            return True
        if t.i != tok.i and t.lemma_.lower() in READINESS and t.pos_ == "ADJ":
            return True  # "eager to make a deal", "will be able to buy"
    return False


def _link_statements(doc, events: list[Event]) -> list[Event]:
    """A Statement whose reported clause holds another event records it as its content."""
    by_token = {int(e.key.split(":")[1]): e for e in events}
    out = []
    for event in events:
        if event.cls != "Statement":
            out.append(event)
            continue
        verb = doc[int(event.key.split(":")[1])]
        content = tuple(
            by_token[t.i].key
            for t in verb.subtree
            if t.i in by_token and t.i != verb.i and by_token[t.i].cls != "Statement"
        )
        out.append(Event(**{**event.__dict__, "content": content}) if content else event)
    return out
