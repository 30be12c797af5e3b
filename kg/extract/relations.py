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

from dataclasses import dataclass, field

from kg.extract.entities import EntityIndex
from kg.facts import Event, Relation
from kg.lexicon import Lexicon

STRONGHOLD = {"stronghold", "bastion", "heartland", "redoubt", "fiefdom", "fortress"}
COMPOSITE = {"alliance", "coalition", "union", "umbrella", "mix", "bloc", "grouping", "federation"}
LEADER = {
    "leader",
    "head",
    "chief",
    "commander",
    "founder",
    "chairman",
    "president",
    "ruler",
    "king",
    "premier",
    "chancellor",
    "emir",
    "minister",
    "secretary-general",
}
MEMBER = {"member", "part", "affiliate", "branch", "wing", "faction", "fellow"}
ROLE = (
    LEADER
    | MEMBER
    | {
        "envoy",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "ambassador",
        "official",
        "general",
        "adviser",
        "advisor",
        "governor",
        "mayor",
        "officer",
        "analyst",
        "researcher",
        "professor",
        "editor",
        "correspondent",
        "executive",
        "representative",
        "senator",
        "coordinator",
        "negotiator",
        "judge",
        "prosecutor",
        "lawyer",
        "expert",
        "president-elect",
        "deputy",
    }
)
STAFF = MEMBER | {
    "director",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officer",
    "researcher",
    "professor",
    "executive",
    "analyst",
    "editor",
    "correspondent",
    "chairman",
    "coordinator",
    "head",
    "chief",
    "deputy",
    "representative",
}
COURTESY = {"Mr.", "Mrs.", "Ms.", "Dr.", "Miss", "Mr", "Mrs", "Ms", "Dr"}
BACKING = {"back", "support", "fund", "arm", "sponsor", "finance", "train", "equip"}
ALLYING = {"link", "affiliate", "ally", "align", "tie", "connect"}
COMPOSING = {"make", "comprise", "consist", "compose"}
JOINING = {"join", "enlist"}
CONTROLLING = {"control", "hold", "run", "rule", "govern", "occupy"}
LEADING = {"lead", "head", "command", "chair"}
OPPOSING = {"outlaw", "ban", "fight", "combat", "oppose", "sanction", "target", "defeat", "counter", "attack"}
AGAINST_NOUNS = {
    "war",
    "fight",
    "campaign",
    "struggle",
    "offensive",
    "operation",
    "sanction",
    "measure",
    "embargo",
    "crackdown",
    "action",
    "resistance",
}
# Verbs whose subject acts against what follows "against" (not "expect a campaign against").
ACTING = {
    "impose",
    "wage",
    "launch",
    "lead",
    "conduct",
    "stage",
    "mount",
    "fight",
    "protest",
    "rise",
    "rebel",
    "campaign",
    "struggle",
    "retaliate",
    "strike",
    "step",
    "turn",
    "side",
    "unite",
    "mobilize",
    "march",
}
DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "downtown",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "old",
    "greater",
}
STATE_FORCES = {"forces", "army", "military", "police", "services", "guard", "navy", "troops", "command"}
PLACE_RANK = {"Facility": 1, "City": 2, "Region": 3, "Country": 4}
ORGANISED = ("ArmedGroup", "Government", "Country")


@dataclass
class _Reader:
    doc: object
    index: EntityIndex
    lexicon: Lexicon
    sentence_of: object
    found: dict = field(default_factory=dict)

    def add(self, subject, predicate, obj, token, confidence=0.7, literal=False) -> None:
        if not subject or not obj or subject == obj:
            return
        key = (subject, predicate, obj)
        if key not in self.found:
            self.found[key] = Relation(subject, predicate, obj, self.sentence_of(token.i), confidence, literal)

    def ent(self, tok) -> str | None:
        return self.index.at(tok.i)

    def ents(self, tok) -> list[str]:
        """The entities a noun phrase headed by `tok` names, its conjuncts included."""
        return self.index.denoted(tok)

    def cls(self, label: str | None) -> str:
        entity = self.index.get(label) if label else None
        return entity.cls if entity else ""

    def is_a(self, label, *classes) -> bool:
        return any(self.lexicon.is_a(self.cls(label), c) for c in classes)

    def by_label(self, text: str) -> str | None:
        """The entity of this document called `text` (as label or alias), if there is one."""
        folded = text.casefold()
        for entity in self.index.entities:
            if entity.label.casefold() == folded or any(a.casefold() == folded for a in entity.aliases):
                return entity.label
        return None


def find_relations(doc, index: EntityIndex, lexicon: Lexicon, sentence_of, events: list[Event] = ()) -> list[Relation]:
    r = _Reader(doc, index, lexicon, sentence_of)
    for tok in doc:
        _modifiers(r, tok)
        _descriptions(r, tok)
        _verbs(r, tok)
        _places(r, tok)
    _names(r)
    _titles(r)
    _from_events(r, events)
    return list(r.found.values())


# ---------------------------------------------------------------- helpers


def _described(r: _Reader, noun) -> str | None:
    """The entity a descriptive noun is said of: 'Raqqa, the capital', 'the leader of X, NAME'."""
    if noun.dep_ == "appos":
        # the parser often hangs an apposition on the wrong word: trust the name before the comma
        return _name_before_comma(r, noun.left_edge.i) or r.ent(noun.head)
    for child in noun.children:
        if child.dep_ == "appos" and r.ent(child):
            return r.ent(child)
    for obj in _objects(noun, "of"):
        for child in obj.children:  # "The leader of Ennahda, Rachid Ghannouchi": the name hangs on Ennahda
            if child.dep_ == "appos" and r.cls(r.ent(child)) == "Person":
                return r.ent(child)
    if noun.dep_ == "attr":
        return _subject(r, noun.head)
    if noun.dep_ == "compound" and r.ent(noun.head):
        return r.ent(noun.head)  # "IS stronghold Raqqa"
    return None


def _name_before_comma(r: _Reader, start: int) -> str | None:
    i = start - 1
    if i < 1 or r.doc[i].text != ",":
        return None
    i -= 1
    if r.doc[i].text == ")" and i >= 2 and r.doc[i - 2].text == "(":
        i -= 3  # "the Syrian Democratic Forces (SDF), a coalition of ..."
    return r.ent(r.doc[i]) if i >= 0 else None


def _subject(r: _Reader, verb) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and r.ents(child):
            return r.ents(child)[0]
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return _subject(r, verb.head)
    return None


def _objects(tok, *words) -> list:
    """The objects of the prepositions `words` hanging on `tok`, conjuncts included."""
    out = []
    for prep in tok.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in words:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    out.extend([pobj, *pobj.conjuncts])
    return out


def _owners(r: _Reader, noun) -> list[str]:
    """Who a noun belongs to: 'of X', "X's", or an X named inside what 'of' governs."""
    out = []
    for obj in _objects(noun, "of"):
        label = r.ent(obj) or next(
            (r.ent(c) for c in obj.children if c.dep_ in ("poss", "compound") and r.ent(c)), None
        )
        if label:
            out.append(label)
    out += [r.ent(c) for c in noun.children if c.dep_ == "poss" and r.ent(c)]
    return list(dict.fromkeys(out))


def _hyphen_modifier(tok) -> list:
    """'US' in 'US-backed': the word fused to a participle by a hyphen."""
    return [c for c in tok.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and c.i < tok.i]


def _contain(r: _Reader, inner: str | None, outer: str | None, token) -> None:
    """inner is in outer: a region of a country is part of it, anything smaller is located in it."""
    if not inner or not outer or not r.is_a(outer, "Place"):
        return
    if r.is_a(inner, "Place") and PLACE_RANK.get(r.cls(inner), 0) >= PLACE_RANK.get(r.cls(outer), 0):
        return
    predicate = "partOf" if r.cls(inner) == "Region" and r.cls(outer) == "Country" else "locatedIn"
    r.add(inner, predicate, outer, token)


def _demonym_place(r: _Reader, tok) -> str | None:
    """The entity of the country an adjective names ('Libyan'), when the document names it."""
    entry = r.lexicon.demonym_to_entry.get(tok.lower_)
    return r.by_label(entry.label) if entry is not None else None


# ---------------------------------------------------------------- constructions


def _modifiers(r: _Reader, tok) -> None:
    lemma = tok.lemma_.lower()
    if tok.tag_ != "VBN" and lemma not in ("loyal", "base"):
        return
    target = r.ent(tok.head) or _described(r, tok.head) if tok.dep_ in ("amod", "acl") else None
    if target is None and tok.dep_ == "amod" and tok.i + 1 < len(r.doc):
        target = r.ent(r.doc[tok.i + 1])  # "US-led coalition air strikes": the noun right after
    fused = [r.ent(c) for c in _hyphen_modifier(tok) if r.ent(c)] if tok.dep_ == "amod" else []
    if lemma in BACKING:
        for backer in fused + [label for obj in _objects(tok, "by") for label in r.ents(obj)]:
            if r.is_a(backer, "Actor", "Country"):
                r.add(backer, "supports", target, tok)
    elif lemma == "lead":
        for leader in fused + [label for obj in _objects(tok, "by") for label in r.ents(obj)]:
            r.add(leader, "leaderOf", target, tok)
    elif lemma in ALLYING:
        for ally in fused + [label for obj in _objects(tok, "to", "with") for label in r.ents(obj)]:
            r.add(target, "alliedWith", ally, tok)
    elif lemma == "base":
        for place in fused + [label for obj in _objects(tok, "in") for label in r.ents(obj)]:
            _contain(r, target, place, tok)
    if tok.lower_ == "loyal":
        member = r.ent(tok.head) if tok.dep_ == "amod" else _subject(r, tok.head)
        for obj in _objects(tok, "to"):
            r.add(member, "memberOf", r.ent(obj), tok)


def _descriptions(r: _Reader, noun) -> None:
    if noun.pos_ not in ("NOUN", "PROPN"):
        return
    lemma = noun.lemma_.lower()
    subject = _described(r, noun)
    if lemma in STRONGHOLD:
        holders = [r.ent(c) for c in noun.children if c.dep_ in ("compound", "nmod", "poss", "amod") and r.ent(c)]
        holders += [label for obj in _objects(noun, "of") for label in r.ents(obj)]
        for holder in holders:
            if r.is_a(holder, "Actor"):
                r.add(holder, "controls", subject, noun)
    if lemma == "capital" and r.is_a(subject, "Place"):
        owners = _owners(r, noun)
        entry = r.lexicon.name_to_entry.get(subject.casefold())
        if not owners and entry is not None and entry.capital_of:
            owners = [r.by_label(entry.capital_of)]  # "Khartoum, the capital": the lexicon knows of what
        for owner in owners:
            r.add(subject, "capitalOf", owner, noun)
    if lemma in COMPOSITE and r.is_a(subject, "Actor"):
        for obj in _objects(noun, "of"):
            for part in r.ents(obj) + _conjoined_modifiers(r, obj):
                if r.is_a(part, "Actor"):
                    r.add(subject, "hasMember", part, noun)
    if subject and r.is_a(subject, "Place") and r.lexicon.place_nouns.get(lemma):
        # "the Libyan city of Sirte", "a region of western Sudan", "a stronghold in Iraq"
        for child in noun.children:
            if child.dep_ == "amod":
                _contain(r, subject, _demonym_place(r, child), noun)
            if child.dep_ == "poss":
                _contain(r, subject, r.ent(child), noun)
        for obj in _objects(noun, "in", "of"):
            if r.ent(obj) != subject:
                _contain(r, subject, r.ent(obj), noun)
    if lemma in STRONGHOLD:
        for obj in _objects(noun, "in"):
            _contain(r, subject, r.ent(obj), noun)
    if lemma in ROLE and subject and r.cls(subject) == "Person":
        _role_links(r, subject, noun, lemma)
        text = _role_text(noun)
        if text:
            r.add(subject, "role", text, noun, 0.8, literal=True)


def _conjoined_modifiers(r: _Reader, head) -> list[str]:
    """'Kurdish and Arab fighters' hold two groups, each named by one adjective and the head."""
    out = []
    for child in head.lefts:
        for t in (child, *child.conjuncts):
            label = r.ent(t)
            if label and label not in out:
                out.append(label)
    return out


def _role_links(r: _Reader, person: str, noun, lemma: str) -> None:
    """What a title says beyond itself: the leader of X leads X; a director for X is in X."""
    owners = _owners(r, noun)
    if lemma in LEADER and _of_something_else(r, noun):
        lemma = "member"  # "the ICRC's head of delegation" leads the delegation, not the ICRC
    if lemma in LEADER:
        for owner in owners:
            if r.is_a(owner, "Actor", "Country"):
                r.add(person, "leaderOf", owner, noun)
    else:
        staff = lemma in STAFF  # "director for Amnesty" works there; an "envoy for" a body does not
        for owner in owners + [label for obj in _objects(noun, "for", "at", "with") if staff for label in r.ents(obj)]:
            if r.is_a(owner, "Organization"):
                r.add(person, "memberOf", owner, noun)


def _of_something_else(r: _Reader, noun) -> bool:
    return any(not r.ents(obj) for obj in _objects(noun, "of")) and any(c.dep_ == "poss" for c in noun.children)


def _role_text(noun) -> str:
    tokens = [t for t in noun.subtree if not (t.dep_ == "det" and t.i == noun.left_edge.i)]
    kept = []
    for t in tokens:
        if t.i == noun.i:
            kept.append(t)  # the title's own noun may itself be an apposition
            continue
        if (
            t.dep_ in ("relcl", "acl", "appos")
            or t.text in (",", ";", "—", "(", ")")
            or (t.dep_ == "punct" and t.text != "-")
        ):
            break
        kept.append(t)
    return noun.doc[kept[0].i : kept[-1].i + 1].text.strip() if kept else ""


def _verbs(r: _Reader, verb) -> None:
    if verb.pos_ != "VERB" or (verb.tag_ == "VBN" and verb.dep_ == "amod"):
        return
    lemma = verb.lemma_.lower()
    subject = _subject(r, verb)
    if subject is None and verb.dep_ == "acl":
        subject = r.ent(verb.head)  # "the coalition to defeat IS"
    objects = [o for c in verb.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)]
    if lemma in COMPOSING and (lemma != "make" or any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)):
        # "the SDF, made up of an alliance of Kurdish and Arab fighters"
        # a participle right after a comma describes the name before it, whatever the parse says
        whole = _name_before_comma(r, verb.i) or (r.ent(verb.head) if verb.dep_ in ("acl", "advcl") else subject)
        for obj in _objects(verb, "of"):
            inner = _objects(obj, "of") if obj.lemma_.lower() in COMPOSITE else [obj]
            for part in [label for o in inner for label in r.ents(o) + _conjoined_modifiers(r, o)]:
                if r.is_a(part, "Actor") and r.is_a(whole, "Actor"):
                    r.add(whole, "hasMember", part, verb)
    if lemma in BACKING and verb.dep_ != "amod":
        for obj in objects:
            # "supported an advance by SDF fighters": the backing goes to whoever advanced
            for target in r.ents(obj) or [label for by in _objects(obj, "by") for label in r.ents(by)]:
                r.add(subject, "supports", target, verb)
    elif lemma in JOINING:
        for obj in objects:
            for group in r.ents(obj):
                r.add(subject, "memberOf", group, verb)
    elif lemma in CONTROLLING:
        for obj in objects:
            for place in r.ents(obj):
                if r.is_a(place, "Place"):
                    r.add(subject, "controls", place, verb)
    elif lemma in LEADING and verb.tag_ != "VBN":
        for obj in objects:
            for led in r.ents(obj):
                if r.is_a(led, "Actor"):
                    r.add(subject, "leaderOf", led, verb)
    elif lemma in OPPOSING:
        for obj in objects:
            for foe in r.ents(obj):
                if r.is_a(foe, "Actor", "Country"):
                    r.add(subject, "opposes", foe, verb, 0.6)
    if r.is_a(subject, "Actor", "Country"):
        # "imposed punitive measures against it", "waged a campaign against X"
        against = _objects(verb, "against") if lemma in ACTING else []
        if lemma in ACTING | {"impose"}:
            against += [o for obj in objects if obj.lemma_.lower() in AGAINST_NOUNS for o in _objects(obj, "against")]
        for obj in against:
            for foe in r.ents(obj):
                if r.is_a(foe, "Actor", "Country"):
                    r.add(subject, "opposes", foe, verb, 0.6)


def _places(r: _Reader, tok) -> None:
    """'Raqqa, Syria' and 'a factory in Khartoum': a place followed by the place containing it."""
    label = r.ent(tok)
    if not label or (tok.i + 1 < len(r.doc) and r.ent(r.doc[tok.i + 1]) == label):
        return  # not the last word of its mention
    if not (r.is_a(label, "Place") or " in " in label):
        return
    nxt = tok.i + 1
    if nxt + 1 < len(r.doc) and r.doc[nxt].text == "," and r.ent(r.doc[nxt + 1]):
        container = r.ent(r.doc[nxt + 1])
        if r.cls(container) in ("Country", "Region") and r.cls(label) in ("City", "Facility", "Region"):
            _contain(r, label, container, tok)
    head = r.doc[tok.i]
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    for obj in _objects(head, "in"):
        _contain(r, label, r.ent(obj), tok)


def _names(r: _Reader) -> None:
    """What a name says by itself: 'US Central Command' is part of the US; 'west Mosul' of Mosul."""
    for entity in r.index.entities:
        spans = r.index.mention_spans.get(entity.label) or [(0, 1)]
        token = r.doc[spans[0][0]]
        words = entity.label.split()
        if len(words) < 2:
            continue
        if (
            r.lexicon.is_a(entity.cls, "Place")
            and words[0].lower() in DIRECTIONS
            and not entity.known
            and entity.cls != "Country"
        ):
            whole = r.by_label(" ".join(words[1:]))
            if whole and r.is_a(whole, "Place"):
                r.add(entity.label, "partOf", whole, token)
            continue
        if _state_body(entity):
            entry = r.lexicon.name_to_entry.get(words[0].casefold()) or r.lexicon.demonym_to_entry.get(words[0].lower())
            if entry is not None and entry.cls == "Country":
                r.add(entity.label, "partOf", r.by_label(entry.label), token)


def _state_body(entity) -> bool:
    """A government organ or a state's forces, named after its state: 'US Central Command',
    'Tunisian security forces' (but not 'Syrian Democratic Forces', nor 'Libyan militants')."""
    if entity.label.endswith(" government"):
        return False
    if entity.cls == "Government":
        return True
    words = entity.label.split()
    return (
        entity.cls == "ArmedGroup" and words[-1].lower() in STATE_FORCES and words[1:] == [w.lower() for w in words[1:]]
    )


def _titles(r: _Reader) -> None:
    """'Tunisian Prime Minister Habib Essid', 'White House press secretary Josh Earnest'."""
    for label, spans in r.index.mention_spans.items():
        if r.cls(label) != "Person":
            continue
        for start, end in spans:
            chain = _title_chain(r, start, end)
            if not chain:
                continue
            words = [t for t in chain if t.text not in COURTESY]
            if not words or not any(t.text in r.lexicon.titles or t.lemma_.lower() in ROLE for t in words):
                continue
            text = r.doc[words[0].i : words[-1].i + 1].text
            r.add(label, "role", text, chain[-1], 0.7, literal=True)
            leads = any(
                t.lemma_.lower() in LEADER or t.text in ("President", "Prime", "King", "Premier") for t in words
            )
            member_of_done = False
            for t in words:
                named = r.ent(t)
                if named and named != label and r.is_a(named, "Organization") and not member_of_done:
                    # "VOA Pentagon correspondent": the first body named is the employer
                    r.add(label, "memberOf", named, t)
                    member_of_done = True
                country = _demonym_place(r, t) or (named if r.cls(named) == "Country" else None)
                if country and leads:
                    entry = r.lexicon.name_to_entry.get(country.casefold())
                    government = r.by_label(f"{entry.demonyms[0]} government") if entry and entry.demonyms else None
                    r.add(label, "leaderOf", government or country, t)


def _title_chain(r: _Reader, start: int, end: int) -> list:
    """The words before a name that modify it, back to the first that does not."""
    root = r.doc[start:end].root
    chain = []
    i = start - 1
    while i >= 0:
        t = r.doc[i]
        if (
            (t.is_punct and t.text != "-")
            or t.dep_ in ("det", "poss", "case")
            or t.tag_ == "POS"
            or "\n" in t.whitespace_
        ):
            break
        if not root.is_ancestor(t) or (r.ent(t) and r.cls(r.ent(t)) == "Person"):
            break
        chain.insert(0, t)
        i -= 1
    return chain


def _from_events(r: _Reader, events) -> None:
    for event in events:
        token = r.doc[int(event.key.split(":")[1])] if ":" in event.key else r.doc[0]
        if event.cls in ("Capture", "Retake"):
            for agent in event.agents:
                for place in event.patients:
                    if r.is_a(agent, "Actor") and r.cls(place) in ("City", "Region", "Facility"):
                        r.add(agent, "controls", place, token, 0.6)
        if event.cls in ("Attack", "Siege"):
            for agent in event.agents:
                for patient in event.patients:
                    if r.is_a(agent, *ORGANISED) and r.is_a(patient, *ORGANISED):
                        r.add(agent, "opposes", patient, token, 0.6)
