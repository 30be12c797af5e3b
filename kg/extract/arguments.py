"""Event arguments read off the dependency parse: who did it, to whom, where and when.

Verbs take their agent from the subject (the `by` phrase in the passive, the governing
verb's subject in participle and infinitive clauses), their patient from the object, and
their place from a locative phrase, the place of what was hit, or the sentence's setting.
Nouns take their agent from a possessor, a naming modifier ("coalition air strikes"), the
subject of a light verb ("launched an attack") or of the verb whose phrase holds them.
"""

from __future__ import annotations

from kg.extract.entities import EntityIndex
from kg.extract.timex import normalise_date
from kg.facts import TimeValue
from kg.lexicon import Lexicon

LIGHT_VERBS = frozenset(
    """begin carry claim commit conduct fight hold launch lead make mount order perpetrate stage start
    step unleash wage""".split()
)
AREAS = frozenset(
    """area chunk district land neighborhood neighbourhood part province region stretch swath swathe
    territory town village""".split()
)
PLACE_PREPS = frozenset("across along around at in inside near outside throughout within".split())
# "with" names the other side: "gunbattles with jihadists", "talks with the rebels".
PATIENT_PREPS = frozenset("against into of on toward towards upon with".split())
# Verbs whose passive subject is said to have done the act they name: "convicted of killing".
ACCUSING = frozenset("accuse charge convict indict suspect blame jail sentence prosecute try".split())
# Verbs whose subject undergoes the event: "two gunmen died".
UNDERGOING = frozenset("die drown perish starve".split())
# "Iraqi forces face ... suicide attacks": whoever faces or suffers an attack is its target.
SUFFERING = frozenset("endure face suffer survive weather withstand".split())


def entities_in(tok, index: EntityIndex) -> tuple[str, ...]:
    """The entities a noun phrase headed by `tok` names, conjuncts included."""
    return tuple(index.denoted(tok))


def verb_roles(verb, index: EntityIndex, lexicon: Lexicon):
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
            agents = entities_in(subject_verb.head, index)
            break
        if subject_verb.dep_ == "pcomp" and subject_verb.head.dep_ == "prep":
            subject_verb = subject_verb.head.head  # "acted alone in killing Kennedy": past the preposition
            continue
        subject_verb = subject_verb.head
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    for child in verb.children:
        if child.dep_ == "nsubj":
            agents = entities_in(child, index)
        elif child.dep_ in ("aux", "auxpass") and not has_subject and child.i < verb.i and index.at(child.i):
            # "IS overran Raqqa": the parser took the group's name for the verb "is".
            agents = (index.at(child.i),)
        elif child.dep_ == "nsubjpass":
            patients = entities_in(child, index)
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    agents = entities_in(pobj, index)
        elif child.dep_ in ("dobj", "attr", "oprd"):
            patients = patients or entities_in(child, index) or _area_of(child, index, lexicon)
        elif child.dep_ == "conj" and child.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in verb.children):
            # "seizing and gunning down foreign tourists": the verbs share the object
            for obj in child.children:
                if obj.dep_ == "dobj":
                    patients = patients or entities_in(obj, index)
        elif child.dep_ in ("prep", "prt"):
            read_prep(child, index, lexicon, places, holder := [])
            if holder and not patients:
                patients = tuple(holder)
    if not agents and subject_verb.i != verb.i:
        borrowed = [c for c in subject_verb.children if c.dep_ == "nsubj"]
        if subject_verb.lemma_.lower() in ACCUSING:
            # "Ray was convicted of killing King": whoever is accused of an act is said to have done it
            borrowed += [c for c in subject_verb.children if c.dep_ == "nsubjpass"]
        if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            # "... and totally surrounded in Raqqa": a bare passive participle's subject undergoes it
            patients = patients or tuple(label for c in borrowed for label in entities_in(c, index))
        else:
            for child in borrowed:
                agents = entities_in(child, index)
    if not agents and verb.dep_ == "relcl":
        agents = entities_in(verb.head, index)
    agents = tuple(a for a in agents if lexicon.is_a(class_of(index, a), "Actor")) or agents
    return agents, tuple(p for p in patients if p not in agents), tuple(p for p in places if p not in agents)


def _area_of(noun, index: EntityIndex, lexicon: Lexicon) -> tuple[str, ...]:
    """'overran large areas in Iraq': an unnamed stretch of land stands for the place it is in."""
    if noun.lemma_.lower() not in AREAS:
        return ()
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
            for pobj in prep.children:
                found = tuple(p for p in entities_in(pobj, index) if lexicon.is_a(class_of(index, p), "Place"))
                if found:
                    return found
    return ()


def read_prep(prep, index: EntityIndex, lexicon: Lexicon, places: list[str], patients: list[str]) -> None:
    """Places from locative prepositions, patients from 'on', 'against', 'into', 'of'; 'with'
    names the other side of a clash ('gunbattles with jihadists')."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        found = entities_in(pobj, index)
        word = prep.lower_
        for label in found:
            if word in PLACE_PREPS and lexicon.is_a(class_of(index, label), "Place"):
                places.append(label)
            elif word in PATIENT_PREPS:
                patients.append(label)
            elif word == "from" or word == "by":
                continue
        # "in the suburb of X": look one level further for the named place.
        if not found and word in PLACE_PREPS:
            for sub in pobj.children:
                if sub.dep_ == "prep":
                    read_prep(sub, index, lexicon, places, [])


# Events whose nouns take a person's possessive as the one they happen to: "Kennedy's
# assassination", "his arrest", against "the army's offensive".
UNDERGONE = frozenset("Killing Arrest".split())


def noun_roles(noun, index: EntityIndex, lexicon: Lexicon, cls: str = ""):
    agents: list[str] = []
    patients: list[str] = []
    places: list[str] = []
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            for label in entities_in(child, index):
                if child.dep_ == "poss" and cls in UNDERGONE and not has_of and class_of(index, label) == "Person":
                    patients.append(label)
                elif lexicon.is_a(class_of(index, label), "Actor"):
                    agents.append(label)
                elif lexicon.is_a(class_of(index, label), "Place"):
                    places.append(label)
        elif child.dep_ == "prep":
            if child.lower_ == "by":
                for pobj in child.children:
                    agents.extend(entities_in(pobj, index))
            elif child.lower_ == "including":
                # "suicide attacks, including some by female bombers"
                for pobj in child.children:
                    for by in pobj.children:
                        if by.lower_ == "by":
                            agents.extend(label for p in by.children for label in entities_in(p, index))
            else:
                read_prep(child, index, lexicon, places, patients)
    head = noun.head
    if (
        not agents
        and noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.head.pos_ == "VERB"
        and head.lower_ in ("in", "with", "during", "through")
        and head.head.lemma_.lower() not in UNDERGOING  # "two soldiers died in the ambush"
        and head.head.lemma_.lower() in lexicon.harm_words  # "With rebel attacks ..., Assad reshuffled"
    ):
        # "militants killed 20 people in a car bombing": the bombing is the killers' act
        for child in head.head.children:
            if child.dep_ == "nsubj":
                agents.extend(entities_in(child, index))
    if not patients:
        patients.extend(_sufferers(noun, index) or _under(noun, index))
    if noun.dep_ in ("dobj", "attr") and head.lemma_.lower() in LIGHT_VERBS and not agents:
        for child in head.children:
            if child.dep_ == "nsubj":
                agents.extend(entities_in(child, index))
            elif child.dep_ == "prep":
                read_prep(child, index, lexicon, places, patients)
    return (
        tuple(dict.fromkeys(agents)),
        tuple(dict.fromkeys(p for p in patients if p not in agents)),
        tuple(dict.fromkeys(places)),
    )


def _sufferers(noun, index: EntityIndex) -> tuple[str, ...]:
    """The subject of 'face' or 'suffer' whose object holds the noun: 'Iraqi forces face stiff
    fighting and a rising number of suicide attacks'."""
    tok = noun
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ == "of":
            tok = tok.head.head
        elif tok.dep_ == "conj":
            tok = tok.head
        else:
            break
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in SUFFERING:
        return ()
    return tuple(label for c in tok.head.children if c.dep_ == "nsubj" for label in entities_in(c, index))


def _under(noun, index: EntityIndex) -> tuple[str, ...]:
    """'X is under house arrest', 'the city came under attack': whoever is under an event undergoes it."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("AUX", "VERB"):
        return ()
    return tuple(
        label for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass") for label in entities_in(c, index)
    )


def patient_places(trigger, index: EntityIndex, lexicon: Lexicon) -> tuple[str, ...]:
    """'blew up the embassies in Kenya and Tanzania': where what was hit stands is where it happened."""
    found: list[str] = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj") or (child.dep_ == "prep" and child.lower_ in PATIENT_PREPS):
            objects = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
            for obj in objects:
                for prep in obj.children:
                    if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                        read_prep(prep, index, lexicon, found, [])
    return tuple(dict.fromkeys(found))


def sentence_place(tok, index: EntityIndex, lexicon: Lexicon, exclude: set[str]) -> tuple[str, ...]:
    """A place the sentence sets the event in: the clause's own 'In Mosul, ...', else the
    nearest place named after a locative preposition anywhere in the sentence."""
    root = tok
    while root.dep_ not in ("ROOT",) and root.head.i != root.i and root.pos_ != "VERB":
        root = root.head
    found: list[str] = []
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            read_prep(child, index, lexicon, found, [])
        if child.dep_ == "nsubj" and root.lemma_ == "be":
            # "The city was the scene of ... beheadings": the subject of such a copula is the setting
            found += [p for p in entities_in(child, index) if lexicon.is_a(class_of(index, p), "Place")]
    if not found:
        preps = sorted(
            (t for t in tok.sent if t.dep_ == "prep" and t.lower_ in ("in", "at")), key=lambda t: abs(t.i - tok.i)
        )
        for prep in preps:
            read_prep(prep, index, lexicon, found, [])
            if found:
                break
    return tuple(p for p in dict.fromkeys(found) if p not in exclude)


def class_of(index: EntityIndex, label: str) -> str:
    entity = index.get(label)
    return entity.cls if entity else ""


def event_time(tok, doc, published: str | None) -> TimeValue | None:
    """A date phrase attached to the trigger, else to the verb that governs it."""
    for anchor in (tok, tok.head if tok.pos_ != "VERB" else None):
        if anchor is None:
            continue
        best = None
        for ent in tok.sent.ents:
            if ent.label_ != "DATE":
                continue
            if ent.root.dep_ == "poss" and ent.root.head.i != tok.i:
                continue  # "condemned Wednesday's attack": the date is the attack's, not the condemning's
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


def agent_noun_roles(noun, index: EntityIndex) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who did it and to whom, for a noun that names the doer: 'John Wilkes Booth, the assassin
    of Lincoln', "Lennon's killer, Mark Chapman", 'King assassin James Earl Ray', 'X was the
    killer of Y'. Both must be named, or the noun reports nothing."""
    victims = [label for c in noun.children if c.dep_ in ("poss", "compound") for label in entities_in(c, index)]
    victims += [
        label
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for label in entities_in(pobj, index)
    ]
    doers: list[str] = []
    if noun.dep_ == "appos" or (noun.dep_ == "compound" and noun.head.pos_ == "PROPN"):
        doers += entities_in(noun.head, index)  # "Booth, the assassin of", "assassin James Earl Ray"
    doers += [label for c in noun.children if c.dep_ == "appos" for label in entities_in(c, index)]
    if noun.dep_ == "attr":
        doers += [label for c in noun.head.children if c.dep_ == "nsubj" for label in entities_in(c, index)]
    # the parser often misses the apposition: read the names on either side of the commas
    doc = noun.doc
    phrase_end = noun.right_edge.i + 1
    if phrase_end + 1 < len(doc) and doc[phrase_end].text == "," and index.at(phrase_end + 1):
        doers.append(index.at(phrase_end + 1))  # "Kennedy's assassin, Lee Harvey Oswald"
    left = noun.left_edge.i - 1
    if left >= 1 and doc[left].text == "," and index.at(left - 1):
        doers.append(index.at(left - 1))  # "John Wilkes Booth, assassin of Lincoln"
    doers = [d for d in dict.fromkeys(doers) if class_of(index, d) == "Person" and d not in victims]
    victims = [v for v in dict.fromkeys(victims) if class_of(index, v) == "Person"]
    return (tuple(doers), tuple(victims)) if doers and victims else ((), ())
