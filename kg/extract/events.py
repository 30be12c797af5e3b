"""Events: a trigger from the lexicon, then its roles read off the dependency parse.

Verbs take their agent from the subject (the `by` phrase in the passive, the governing
verb's subject in participle and infinitive clauses), their patient from the object, and
their place from a locative phrase. Nouns take their agent from a possessor, a naming
modifier ("coalition air strikes") or the subject of a light verb ("launched an attack"),
and their patient from "of"/"on"/"against". Negated, hypothetical and future events are
left out: the graph holds what the article reports as having happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.entities import EntityIndex
from kg.extract.timex import normalise_date
from kg.facts import Event, TimeValue
from kg.lexicon import Lexicon

LIGHT_VERBS = {
    "launch",
    "carry",
    "conduct",
    "stage",
    "mount",
    "make",
    "wage",
    "unleash",
    "begin",
    "start",
    "step",
    "order",
    "claim",
    "lead",
    "hold",
    "commit",
    "perpetrate",
    "fight",
}
MODALS = {"will", "would", "could", "may", "might", "should", "must", "shall", "ca", "'ll", "wo"}
INTENT_VERBS = frozenset(
    """plan intend want hope seek aim threaten promise expect vow try attempt prepare consider propose refuse
    fail decline need urge ask call demand wish stop cease avoid prevent""".split()
)
AREAS = {
    "area",
    "territory",
    "land",
    "part",
    "swath",
    "swathe",
    "region",
    "stretch",
    "village",
    "town",
    "district",
    "neighbourhood",
    "neighborhood",
    "province",
    "chunk",
}
READINESS = {
    "eager",
    "ready",
    "willing",
    "able",
    "unable",
    "likely",
    "set",
    "due",
    "poised",
    "keen",
    "reluctant",
    "expected",
    "prepared",
    "determined",
}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "along"}
# "with" names the other side: "gunbattles with jihadists", "talks with the rebels".
PATIENT_PREPS = {"on", "against", "into", "upon", "toward", "towards", "of", "with"}
NOT_TRIGGERS = {"according"}
# Verbs that report an attack only when an actor does them.
NEEDS_ACTOR = {"hit", "target", "strike", "storm", "fire", "shoot", "breach"}
# Verb and next word that turn a trigger figurative.
FIGURATIVE = {
    ("seize", "on"),
    ("seize", "upon"),
    ("storm", "out"),
    ("hit", "out"),
    ("strike", "down"),
    ("take", "over"),
    ("claim", "responsibility"),
}  # "according to the coalition" reports a source, not an agreement
# Events that need a living agent: a wall or a desert does not attack or surround anyone.
INANIMATE = ("Facility", "Region")
DEFINITE = {"the", "this", "that", "these", "those"}


@dataclass
class _Trigger:
    start: int
    end: int
    cls: str
    head: int = -1  # the token that carries the event: the verb, or the noun of a noun phrase
    verbal: bool = True


def find_events(doc, index: EntityIndex, lexicon: Lexicon, sentence_of, published: str | None) -> list[Event]:
    events: list[Event] = []
    for trig in _triggers(doc, lexicon):
        head = doc[trig.head]
        if _not_asserted(head):
            continue
        if trig.verbal:
            agents, patients, places = _verb_roles(head, index, lexicon)
        else:
            agents, patients, places = _noun_roles(head, index, lexicon)
            if not agents and not patients and _refers_back(head):
                continue  # "the attack", "Wednesday's attack": an event already reported
        if trig.cls == "Statement":
            # who is accused or condemned, not what is said, nor where it was said
            patients = tuple(
                p
                for c in head.children
                if c.dep_ == "dobj"
                for p in _entities_in(c, index)
                if lexicon.is_a(_cls(index, p), "Actor")
            )
            places = ()
            if not agents:
                continue  # a statement without a speaker says nothing the graph can hold
        if any(_cls(index, a) in INANIMATE for a in agents):
            continue
        if trig.verbal and head.lemma_.lower() in NEEDS_ACTOR and not agents and _has_subject(head):
            continue  # "the crisis has hit demand": only an actor hits in the sense of an attack
        if trig.cls == "Advance" and not patients and not places and _has_object(head):
            continue  # "enter the final stages of the battle": moving into no place
        if trig.cls != "Statement" and not places:
            places = _patient_places(head, index, lexicon) or _sentence_place(head, index, lexicon, set(agents))
        # where a city or a country is taken or entered, that is also where it happens
        places = tuple(dict.fromkeys(places + tuple(p for p in patients if _cls(index, p) in ("City", "Country"))))
        events.append(
            Event(
                key=f"{sentence_of(head.i)}:{head.i}",
                cls=trig.cls,
                trigger=doc[trig.start : trig.end].text,
                sentence=sentence_of(head.i),
                agents=agents,
                patients=patients,
                places=places,
                time=_time(head, doc, published),
                confidence=round(0.5 + 0.2 * bool(agents) + 0.2 * bool(patients or places), 2),
            )
        )
    return _link_statements(doc, _first_statement_per_speaker(doc, events))


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


def _entities_in(tok, index: EntityIndex) -> tuple[str, ...]:
    """The entities a noun phrase headed by `tok` names, conjuncts included."""
    return tuple(index.denoted(tok))


def _verb_roles(verb, index: EntityIndex, lexicon: Lexicon):
    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    places: list[str] = []
    subject_verb = verb
    for _ in range(4):  # participles and infinitives borrow the governing verb's subject
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in subject_verb.children) or subject_verb.dep_ not in (
            "xcomp",
            "advcl",
            "conj",
            "acl",
            "pcomp",
        ):
            break
        if subject_verb.dep_ == "acl":
            agents = _entities_in(subject_verb.head, index)
            break
        subject_verb = subject_verb.head
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    for child in verb.children:
        if child.dep_ == "nsubj":
            agents = _entities_in(child, index)
        elif child.dep_ in ("aux", "auxpass") and not has_subject and child.i < verb.i and index.at(child.i):
            # "IS overran Raqqa": the parser took the group's name for the verb "is".
            agents = (index.at(child.i),)
        elif child.dep_ == "nsubjpass":
            patients = _entities_in(child, index)
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    agents = _entities_in(pobj, index)
        elif child.dep_ in ("dobj", "attr", "oprd"):
            patients = patients or _entities_in(child, index) or _area_of(child, index, lexicon)
        elif child.dep_ in ("prep", "prt"):
            _read_prep(child, index, lexicon, places, holder := [])
            if holder and not patients:
                patients = tuple(holder)
    if not agents and subject_verb.i != verb.i:
        borrowed = [c for c in subject_verb.children if c.dep_ == "nsubj"]
        if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            # "... and totally surrounded in Raqqa": a bare passive participle's subject undergoes it
            patients = patients or tuple(label for c in borrowed for label in _entities_in(c, index))
        else:
            for child in borrowed:
                agents = _entities_in(child, index)
    if not agents and verb.dep_ == "relcl":
        agents = _entities_in(verb.head, index)
    agents = tuple(a for a in agents if lexicon.is_a(_cls(index, a), "Actor")) or agents
    return agents, tuple(p for p in patients if p not in agents), tuple(p for p in places if p not in agents)


def _area_of(noun, index: EntityIndex, lexicon: Lexicon) -> tuple[str, ...]:
    """'overran large areas in Iraq': an unnamed stretch of land stands for the place it is in."""
    if noun.lemma_.lower() not in AREAS:
        return ()
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
            for pobj in prep.children:
                found = tuple(p for p in _entities_in(pobj, index) if lexicon.is_a(_cls(index, p), "Place"))
                if found:
                    return found
    return ()


def _read_prep(prep, index: EntityIndex, lexicon: Lexicon, places: list[str], patients: list[str]) -> None:
    """Places from locative prepositions, patients from 'on', 'against', 'into', 'of'; 'with'
    names the other side of a clash ('gunbattles with jihadists')."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        found = _entities_in(pobj, index)
        word = prep.lower_
        for label in found:
            if word in PLACE_PREPS and lexicon.is_a(_cls(index, label), "Place"):
                places.append(label)
            elif word in PATIENT_PREPS:
                patients.append(label)
            elif word == "from" or word == "by":
                continue
        # "in the suburb of X": look one level further for the named place.
        if not found and word in PLACE_PREPS:
            for sub in pobj.children:
                if sub.dep_ == "prep":
                    _read_prep(sub, index, lexicon, places, [])


def _noun_roles(noun, index: EntityIndex, lexicon: Lexicon):
    agents: list[str] = []
    patients: list[str] = []
    places: list[str] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            for label in _entities_in(child, index):
                if lexicon.is_a(_cls(index, label), "Actor"):
                    agents.append(label)
                elif lexicon.is_a(_cls(index, label), "Place"):
                    places.append(label)
        elif child.dep_ == "prep":
            if child.lower_ == "by":
                for pobj in child.children:
                    agents.extend(_entities_in(pobj, index))
            else:
                _read_prep(child, index, lexicon, places, patients)
    head = noun.head
    if (
        not agents
        and noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.head.pos_ == "VERB"
        and head.lower_ in ("in", "with", "during", "through")
    ):
        # "militants killed 20 people in a car bombing": the bombing is the killers' act
        for child in head.head.children:
            if child.dep_ == "nsubj":
                agents.extend(_entities_in(child, index))
    if noun.dep_ in ("dobj", "attr") and head.lemma_.lower() in LIGHT_VERBS and not agents:
        for child in head.children:
            if child.dep_ == "nsubj":
                agents.extend(_entities_in(child, index))
            elif child.dep_ == "prep":
                _read_prep(child, index, lexicon, places, patients)
    return (
        tuple(dict.fromkeys(agents)),
        tuple(dict.fromkeys(p for p in patients if p not in agents)),
        tuple(dict.fromkeys(places)),
    )


def _patient_places(trigger, index: EntityIndex, lexicon: Lexicon) -> tuple[str, ...]:
    """'blew up the embassies in Kenya and Tanzania': where what was hit stands is where it happened."""
    found: list[str] = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj") or (child.dep_ == "prep" and child.lower_ in PATIENT_PREPS):
            objects = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
            for obj in objects:
                for prep in obj.children:
                    if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                        _read_prep(prep, index, lexicon, found, [])
    return tuple(dict.fromkeys(found))


def _sentence_place(tok, index: EntityIndex, lexicon: Lexicon, exclude: set[str]) -> tuple[str, ...]:
    """A place the sentence sets the event in: the clause's own 'In Mosul, ...', else the
    nearest place named after a locative preposition anywhere in the sentence."""
    root = tok
    while root.dep_ not in ("ROOT",) and root.head.i != root.i and root.pos_ != "VERB":
        root = root.head
    found: list[str] = []
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            _read_prep(child, index, lexicon, found, [])
    if not found:
        preps = sorted(
            (t for t in tok.sent if t.dep_ == "prep" and t.lower_ in ("in", "at")), key=lambda t: abs(t.i - tok.i)
        )
        for prep in preps:
            _read_prep(prep, index, lexicon, found, [])
            if found:
                break
    return tuple(p for p in dict.fromkeys(found) if p not in exclude)


def _cls(index: EntityIndex, label: str) -> str:
    entity = index.get(label)
    return entity.cls if entity else ""


def _time(tok, doc, published: str | None) -> TimeValue | None:
    """A date phrase attached to the trigger, else to the verb that governs it."""
    for anchor in (tok, tok.head if tok.pos_ != "VERB" else None):
        if anchor is None:
            continue
        best = None
        for ent in tok.sent.ents:
            if ent.label_ != "DATE":
                continue
            if anchor.is_ancestor(ent.root) and not _inside_other_verb(ent.root, anchor):
                value = normalise_date(ent.text, published)
                if value is not None and (best is None or abs(ent.start - tok.i) < best[0]):
                    best = (abs(ent.start - tok.i), value)
        if best:
            return best[1]
    return None


def _inside_other_verb(tok, anchor) -> bool:
    """Whether a date hangs under another clause ('said that X, which happened in 2003')
    rather than under a participle that describes ('a statement dated Tuesday')."""
    t = tok.head
    while t.i != anchor.i and t.head.i != t.i:
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "advcl", "conj", "relcl", "xcomp", "parataxis", "csubj"):
            return True
        t = t.head
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
