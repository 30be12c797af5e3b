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
INTENT_VERBS = {
    "plan",
    "intend",
    "want",
    "hope",
    "seek",
    "aim",
    "threaten",
    "promise",
    "expect",
    "vow",
    "try",
    "attempt",
    "prepare",
    "consider",
    "propose",
    "refuse",
    "fail",
    "decline",
    "need",
    "urge",
    "ask",
    "call",
    "demand",
    "wish",
    "stop",
    "cease",
    "avoid",
    "prevent",
}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "along"}
PATIENT_PREPS = {"on", "against", "into", "upon", "toward", "towards", "of"}
STATEMENT_ONLY_VERB = True


@dataclass
class _Trigger:
    start: int
    end: int
    cls: str


def find_events(doc, index: EntityIndex, lexicon: Lexicon, sentence_of, published: str | None) -> list[Event]:
    events: list[Event] = []
    for trig in _triggers(doc, lexicon):
        head = doc[trig.start]
        if _not_asserted(head):
            continue
        if head.pos_ in ("VERB", "AUX") or (head.tag_.startswith("VB")):
            agents, patients, places = _verb_roles(head, index, lexicon)
        else:
            agents, patients, places = _noun_roles(head, index, lexicon)
        if trig.cls == "Statement":
            patients = ()
        if not patients and not places:
            places = _sentence_place(head, index, lexicon, exclude=set(agents))
        if any(lexicon.is_a(_cls(index, p), "Place") for p in patients):
            places = tuple(
                dict.fromkeys(
                    places
                    + tuple(
                        p
                        for p in patients
                        if lexicon.is_a(_cls(index, p), "City") or lexicon.is_a(_cls(index, p), "Country")
                    )
                )
            )
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
    return _link_statements(doc, events)


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
                    found = _Trigger(i, i + len(words), lexicon.triggers[words])
                    break
            if found:
                break
        if found and _usable(doc, found):
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def _matches(doc, i: int, words: tuple[str, ...]) -> bool:
    if i + len(words) > len(doc):
        return False
    return all(doc[i + k].lemma_.lower() == w or doc[i + k].lower_ == w for k, w in enumerate(words))


def _usable(doc, trig: _Trigger) -> bool:
    tok = doc[trig.start]
    if trig.end - trig.start > 1:
        return tok.pos_ in ("VERB", "NOUN", "ADJ", "PROPN", "ADP") or tok.tag_.startswith("VB")
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
        return False
    if trig.cls == "Statement" and STATEMENT_ONLY_VERB:
        return tok.pos_ == "VERB"
    if tok.dep_ == "amod" or tok.pos_ not in ("VERB", "NOUN"):
        # "the slain foreigners", "advancing fighters": a modifier, not a report of an event
        return tok.tag_ in ("VBN", "VBD") and tok.dep_ != "amod"
    return True


def _not_asserted(tok) -> bool:
    """Negated, modal or merely intended: 'did not attack', 'will sign', 'plans to lift'."""
    chain = [tok]
    while (
        chain[-1].dep_ in ("xcomp", "conj", "dobj", "pobj", "prep")
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
    return False


def _entities_in(tok, index: EntityIndex) -> tuple[str, ...]:
    """The entities a noun phrase headed by `tok` names, conjuncts included."""
    out: list[str] = []
    for t in [tok, *tok.conjuncts]:
        label = index.at(t.i)
        if label is None:
            # The head may be a common noun whose modifier names the entity ("IS fighters"
            # is covered by the collective; "the Raqqa offensive" by the compound).
            for child in t.children:
                if child.dep_ in ("compound", "poss", "amod", "nmod") and index.at(child.i):
                    label = index.at(child.i)
                    break
        if label is not None and label not in out:
            out.append(label)
    return tuple(out)


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
            patients = patients or _entities_in(child, index)
        elif child.dep_ in ("prep", "prt"):
            _read_prep(child, index, lexicon, places, holder := [])
            if holder and not patients:
                patients = tuple(holder)
    if not agents and subject_verb.i != verb.i:
        for child in subject_verb.children:
            if child.dep_ == "nsubj":
                agents = _entities_in(child, index)
    if not agents and verb.dep_ == "relcl":
        agents = _entities_in(verb.head, index)
    agents = tuple(a for a in agents if lexicon.is_a(_cls(index, a), "Actor")) or agents
    return agents, tuple(p for p in patients if p not in agents), tuple(p for p in places if p not in agents)


def _read_prep(prep, index: EntityIndex, lexicon: Lexicon, places: list[str], patients: list[str]) -> None:
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


def _sentence_place(tok, index: EntityIndex, lexicon: Lexicon, exclude: set[str]) -> tuple[str, ...]:
    """A place named in the same clause with a locative preposition ('In Mosul, ...')."""
    root = tok
    while root.dep_ not in ("ROOT",) and root.head.i != root.i and root.pos_ != "VERB":
        root = root.head
    found: list[str] = []
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            _read_prep(child, index, lexicon, found, [])
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
    t = tok.head
    while t.i != anchor.i and t.head.i != t.i:
        if t.pos_ == "VERB":
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
