"""Relations said by modifiers ("US-backed", "X-led", "al-Qaeda-linked", "London-based",
"loyal to"), by verbs ("joined", "supported", "controls", "outlawed", "made up of"), by
placing one place in another ("Raqqa, Syria", "a factory in Khartoum"), by names
themselves ("US Central Command", "west Mosul") and by events (a capture, an attack)."""

from __future__ import annotations

from kg.extract.relations.descriptions import COMPOSITE, conjoined_modifiers
from kg.extract.relations.reader import (
    Reader,
    contain,
    described,
    hyphen_modifier,
    name_before_comma,
    objects_of,
    subject_of,
)

BACKING = frozenset("arm back equip finance fund sponsor support train".split())
ALLYING = frozenset("affiliate align ally connect link tie".split())
COMPOSING = frozenset("compose comprise consist make".split())
JOINING = frozenset("enlist join".split())
CONTROLLING = frozenset("control govern hold occupy rule run".split())
LEADING = frozenset("chair command head lead".split())
RESIDING = frozenset("live reside settle".split())
OPPOSING = frozenset("attack ban combat counter defeat fight oppose outlaw sanction target".split())
AGAINST_NOUNS = frozenset(
    """action campaign crackdown embargo fight measure offensive operation resistance sanction struggle
    war""".split()
)
# Verbs whose subject acts against what follows "against" (not "expect a campaign against").
ACTING = frozenset(
    """campaign conduct fight impose launch lead march mobilize mount protest rebel retaliate rise side
    stage step strike struggle turn unite wage""".split()
)
DIRECTIONS = frozenset(
    """central downtown east eastern greater north northeast northern northwest old south southeast
    southern southwest west western""".split()
)
STATE_FORCES = frozenset("army command forces guard military navy police services troops".split())
ORGANISED = ("ArmedGroup", "Government", "Country")


def modifiers(r: Reader, tok) -> None:
    lemma = tok.lemma_.lower()
    if tok.tag_ != "VBN" and lemma not in ("loyal", "base"):
        return
    target = r.ent(tok.head) or described(r, tok.head) if tok.dep_ in ("amod", "acl") else None
    if target is None and tok.dep_ == "amod" and tok.i + 1 < len(r.doc):
        target = r.ent(r.doc[tok.i + 1])  # "US-led coalition air strikes": the noun right after
    fused = [r.ent(c) for c in hyphen_modifier(tok) if r.ent(c)] if tok.dep_ == "amod" else []
    if lemma in BACKING:
        backed = whole_of(r, tok.head) or target
        for backer in fused + [label for obj in objects_of(tok, "by") for label in backers_named(r, obj)]:
            if r.is_a(backer, "Actor", "Country"):
                r.add(backer, "supports", backed, tok)
    elif lemma == "lead":
        for leader in fused + [label for obj in objects_of(tok, "by") for label in r.ents(obj)]:
            r.add(leader, "leaderOf", target, tok)
    elif lemma in ALLYING:
        for ally in fused + [label for obj in objects_of(tok, "to", "with") for label in r.ents(obj)]:
            r.add(target, "alliedWith", ally, tok)
    elif lemma == "base":
        for place in fused + [label for obj in objects_of(tok, "in") for label in r.ents(obj)]:
            contain(r, target, place, tok)
    if tok.lower_ == "loyal":
        member = r.ent(tok.head) if tok.dep_ == "amod" else subject_of(r, tok.head)
        for obj in objects_of(tok, "to"):
            r.add(member, "memberOf", r.ent(obj), tok)


def backers_named(r: Reader, obj) -> list[str]:
    """Who backs, from the object of 'backed by': the names it holds, or, for the means of
    backing ('US-led coalition air strikes'), the actor named in its modifiers."""
    return r.ents(obj) or [r.ent(c) for c in obj.lefts if c.dep_ == "compound" and r.ent(c)][:1]


def whole_of(r: Reader, noun) -> str | None:
    """The whole that a noun's members make up: in 'the SDF, a coalition of Kurdish and Arab
    militias backed by the US', what is backed is the coalition, the SDF."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lemma_.lower() not in COMPOSITE:
        return None
    composite = prep.head
    return r.ent(composite) or described(r, composite)


def verbs(r: Reader, verb) -> None:
    if verb.pos_ != "VERB" or (verb.tag_ == "VBN" and verb.dep_ == "amod"):
        return
    lemma = verb.lemma_.lower()
    subject = subject_of(r, verb)
    if subject is None and verb.dep_ in ("acl", "relcl") and not any(c.dep_ == "nsubj" for c in verb.children):
        subject = r.ent(verb.head)  # "the coalition to defeat IS"
    objects = [o for c in verb.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)]
    if lemma in COMPOSING and (lemma != "make" or any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)):
        # "the SDF, made up of an alliance of Kurdish and Arab fighters"
        # a participle right after a comma describes the name before it, whatever the parse says
        whole = name_before_comma(r, verb.i) or (r.ent(verb.head) if verb.dep_ in ("acl", "advcl") else subject)
        for obj in objects_of(verb, "of"):
            inner = objects_of(obj, "of") if obj.lemma_.lower() in COMPOSITE else [obj]
            for part in [label for o in inner for label in r.ents(o) + conjoined_modifiers(r, o)]:
                if r.is_a(part, "Actor") and r.is_a(whole, "Actor"):
                    r.add(whole, "hasMember", part, verb)
    if lemma in BACKING and verb.dep_ != "amod":
        for obj in objects:
            # "supported an advance by SDF fighters": the backing goes to whoever advanced
            for target in r.ents(obj) or [label for by in objects_of(obj, "by") for label in r.ents(by)]:
                r.add(subject, "supports", target, verb)
    elif lemma in JOINING and r.is_a(subject, "Actor"):
        for obj in objects:
            for group in r.ents(obj):
                if r.is_a(group, "Actor"):  # cities "joining" other cities are no members of them
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
    elif lemma in RESIDING:
        for place in [r.ent(obj) for obj in objects_of(verb, "in")]:
            contain(r, subject, place, verb)  # "Osama bin Laden lived in Khartoum"
    elif lemma in OPPOSING:
        for obj in objects:
            for foe in r.ents(obj):
                if r.is_a(foe, "Actor", "Country"):
                    r.add(subject, "opposes", foe, verb, 0.6)
    if r.is_a(subject, "Actor", "Country"):
        # "imposed punitive measures against it", "waged a campaign against X"
        against = objects_of(verb, "against") if lemma in ACTING else []
        if lemma in ACTING | {"impose"}:
            against += [o for obj in objects if obj.lemma_.lower() in AGAINST_NOUNS for o in objects_of(obj, "against")]
        for obj in against:
            for foe in r.ents(obj):
                if r.is_a(foe, "Actor", "Country"):
                    r.add(subject, "opposes", foe, verb, 0.6)


def places(r: Reader, tok) -> None:
    """Where a place or an organisation is, read at the last word of its mention: 'Raqqa,
    Syria', 'a factory in Khartoum', 'rebels in Darfur', "Egypt's Muslim Brotherhood", and
    which body a body belongs to ('the Bagnoud Center ... at Harvard University')."""
    label = r.ent(tok)
    if not label or (tok.i + 1 < len(r.doc) and r.ent(r.doc[tok.i + 1]) == label):
        return  # not the last word of its mention
    # Organizations only, not their subclasses: "US-backed forces in Syria" says where
    # fighters are this week, "Amnesty International in London" where an office is.
    if not (r.is_a(label, "Place") or r.cls(label) == "Organization" or " in " in label):
        return
    if " in " in label and not r.is_a(label, "Place"):
        contain(r, label, _place_named_inside(r, label), tok)
    nxt = tok.i + 1
    if nxt + 1 < len(r.doc) and r.doc[nxt].text == "," and r.ent(r.doc[nxt + 1]):
        container = r.ent(r.doc[nxt + 1])
        if r.cls(container) in ("Country", "Region") and r.cls(label) in ("City", "Facility", "Region"):
            contain(r, label, container, tok)
    head = r.doc[tok.i]
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    for obj in objects_of(head, "in"):
        contain(r, label, _place_object(r, obj), tok)
    if r.cls(label) == "Organization":
        for body in _bodies_after_at(r, tok, label):
            r.add(label, "partOf", body, tok)
    if r.cls(label) in ("Facility", "Organization", "City", "Region") and r.ent(head) == label:
        for child in head.children:  # "Tunisia's most renowned museum", "Egypt's Muslim Brotherhood"
            # a named possessor only: "the country's Zabul province" leans on coreference
            if child.dep_ == "poss" and child.pos_ == "PROPN" and r.ent(child) != label:
                contain(r, label, r.ent(child), tok)


def _place_named_inside(r: Reader, label: str) -> str | None:
    """'rebels in neighboring South Sudan': inside a mention every word is the mention, so the
    place is found by the words after "in", dropping modifiers from the left."""
    tail = label.rsplit(" in ", 1)[1].split()
    return next((found for k in range(len(tail)) if (found := r.by_label(" ".join(tail[k:])))), None)


def _place_object(r: Reader, obj) -> str | None:
    """The place an object of "in" names; in 'a synagogue in the city of Djerba' the place noun
    stands for the name after "of"."""
    if r.ent(obj) or not r.lexicon.place_nouns.get(obj.lemma_.lower()):
        return r.ent(obj)
    return next((r.ent(o) for o in objects_of(obj, "of") if r.ent(o)), None)


def _bodies_after_at(r: Reader, tok, label: str) -> list[str]:
    """Organisations after "at" on the mention's own head ("Center" in 'the Bagnoud Center for
    Health and Human Rights at Harvard University')."""
    root = tok
    while root.head.i != root.i and r.ent(root.head) == label:
        root = root.head
    found = [r.ent(obj) for obj in objects_of(root, "at")]
    return [body for body in found if r.cls(body) == "Organization" and body != label]


def names(r: Reader) -> None:
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


def from_events(r: Reader, events) -> None:
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
