"""Relations said by describing a name: appositions and copulas ("Raqqa, the de facto
capital of IS", "a second IS stronghold in Iraq", "an alliance of Kurdish and Arab
fighters") and titles ("Tunisian Prime Minister Habib Essid", "Brett McGurk, the US special
presidential envoy")."""

from __future__ import annotations

from kg.extract.relations.reader import Reader, contain, demonym_place, described, objects_of, owners_of

STRONGHOLD = frozenset("bastion fiefdom fortress heartland redoubt stronghold".split())
COMPOSITE = frozenset("alliance bloc coalition federation grouping mix umbrella union".split())
LEADER = frozenset(
    """chairman chancellor chief commander emir founder head king leader minister premier president
    ruler secretary-general""".split()
)
MEMBER = frozenset("affiliate branch faction fellow member part wing".split())
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
COURTESY = frozenset("Dr Dr. Miss Mr Mr. Mrs Mrs. Ms Ms.".split())


def descriptions(r: Reader, noun) -> None:
    if noun.pos_ not in ("NOUN", "PROPN"):
        return
    lemma = noun.lemma_.lower()
    subject = described(r, noun)
    if lemma in ALLY_NOUNS and r.is_a(r.ent(noun), "Actor"):
        for owner in _allied_to(r, noun):
            if r.is_a(owner, "Actor", "Country"):
                r.add(r.ent(noun), "alliedWith", owner, noun)
    if lemma in FOLLOWER_NOUNS and r.is_a(r.ent(noun), "Actor"):
        # "Bin Laden's agents", "Haftar's forces": the person whose men they are leads them
        for child in noun.children:
            if child.dep_ == "poss" and r.cls(r.ent(child)) == "Person":
                r.add(r.ent(child), "leaderOf", r.ent(noun), noun)
    if lemma in STRONGHOLD:
        holders = [r.ent(c) for c in noun.children if c.dep_ in ("compound", "nmod", "poss", "amod") and r.ent(c)]
        holders += [label for obj in objects_of(noun, "of") for label in r.ents(obj)]
        for holder in holders:
            if r.is_a(holder, "Actor"):
                r.add(holder, "controls", subject, noun)
    if lemma == "capital" and r.is_a(subject, "Place"):
        owners = owners_of(r, noun)
        entry = r.lexicon.name_to_entry.get(subject.casefold())
        if not owners and entry is not None and entry.capital_of:
            owners = [r.by_label(entry.capital_of)]  # "Khartoum, the capital": the lexicon knows of what
        for owner in owners:
            r.add(subject, "capitalOf", owner, noun)
    if lemma in COMPOSITE and r.is_a(subject, "Actor"):
        for obj in objects_of(noun, "of"):
            for part in r.ents(obj) + conjoined_modifiers(r, obj):
                if r.is_a(part, "Actor"):
                    r.add(subject, "hasMember", part, noun)
    if subject is None and r.lexicon.place_nouns.get(lemma):
        # "the Libyan city of Sirte": the name after "of" is the place the noun stands for
        named = [r.ent(obj) for obj in objects_of(noun, "of") if r.is_a(r.ent(obj), "Place")]
        subject = named[0] if len(named) == 1 else None
    if subject and r.is_a(subject, "Place") and r.lexicon.place_nouns.get(lemma):
        # "the Libyan city of Sirte", "a region of western Sudan", "a stronghold in Iraq"
        for child in noun.children:
            if child.dep_ == "amod":
                contain(r, subject, demonym_place(r, child), noun)
            if child.dep_ == "poss":
                contain(r, subject, r.ent(child), noun)
        for obj in objects_of(noun, "in", "of"):
            if r.ent(obj) != subject:
                contain(r, subject, r.ent(obj), noun)
    if lemma in STRONGHOLD:
        for obj in objects_of(noun, "in"):
            contain(r, subject, r.ent(obj), noun)
    if lemma in ROLE and subject and r.cls(subject) == "Person":
        _role_links(r, subject, noun, lemma)
        text = _role_text(noun)
        if text:
            r.add(subject, "role", text, noun, 0.8, literal=True)


ALLY_NOUNS = frozenset("ally partner".split())
FOLLOWER_NOUNS = frozenset("agent fighter follower force gunman loyalist man militant militiaman soldier troop".split())


def _allied_to(r: Reader, noun) -> list[str]:
    """Whose allies: "Syria's allies", or in "the security services and their militia allies"
    the conjunct a possessive pronoun points back to."""
    owners = []
    for child in noun.children:
        if child.dep_ == "poss":
            if r.ent(child) and r.ent(child) != r.ent(noun):
                owners.append(r.ent(child))
            elif child.tag_ == "PRP$" and noun.dep_ == "conj" and r.ent(noun.head):
                owners.append(r.ent(noun.head))
    return owners


def conjoined_modifiers(r: Reader, head) -> list[str]:
    """'Kurdish and Arab fighters' hold two groups, each named by one adjective and the head."""
    out = []
    for child in head.lefts:
        for t in (child, *child.conjuncts):
            label = r.ent(t)
            if label and label not in out:
                out.append(label)
    return out


def _role_links(r: Reader, person: str, noun, lemma: str) -> None:
    """What a title says beyond itself: the leader of X leads X; a director for X is in X."""
    owners = owners_of(r, noun)
    if lemma in LEADER and _of_something_else(r, noun):
        lemma = "member"  # "the ICRC's head of delegation" leads the delegation, not the ICRC
    if lemma in LEADER:
        for owner in owners:
            if r.is_a(owner, "Actor", "Country"):
                r.add(person, "leaderOf", owner, noun)
    else:
        staff = lemma in STAFF  # "director for Amnesty" works there; an "envoy for" a body does not
        for owner in owners + [
            label for obj in objects_of(noun, "for", "at", "with") if staff for label in r.ents(obj)
        ]:
            if r.is_a(owner, "Organization"):
                r.add(person, "memberOf", owner, noun)


def _of_something_else(r: Reader, noun) -> bool:
    return any(not r.ents(obj) for obj in objects_of(noun, "of")) and any(c.dep_ == "poss" for c in noun.children)


def _role_text(noun) -> str:
    tokens = [t for t in noun.subtree if not (t.dep_ == "det" and t.i == noun.left_edge.i)]
    kept = []
    for t in tokens:
        if t.i == noun.i:
            kept.append(t)  # the title's own noun may itself be an apposition
            continue
        # a title keeps "to defeat IS" ("envoy for the coalition to defeat IS"), not "who ..."
        infinitive = t.dep_ in ("relcl", "acl") and any(c.tag_ == "TO" for c in t.children)
        if (
            (t.dep_ in ("relcl", "acl", "appos") and not infinitive)
            or t.text in (",", ";", "—", "(", ")")
            or (t.dep_ == "punct" and t.text != "-")
        ):
            break
        kept.append(t)
    return noun.doc[kept[0].i : kept[-1].i + 1].text.strip() if kept else ""


def titles(r: Reader) -> None:
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
                country = demonym_place(r, t) or (named if r.cls(named) == "Country" else None)
                if country and leads:
                    entry = r.lexicon.name_to_entry.get(country.casefold())
                    government = r.by_label(f"{entry.demonyms[0]} government") if entry and entry.demonyms else None
                    r.add(label, "leaderOf", government or country, t)


def _title_chain(r: Reader, start: int, end: int) -> list:
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
