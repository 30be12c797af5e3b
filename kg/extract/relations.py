"""Relations between entities, read from the shapes news prose uses for them.

- backing:     "US-backed forces", "forces backed by the US"          -> supports
- control:     "IS stronghold", "a stronghold of IS"                  -> controls
- capital:     "Raqqa, the de facto capital of IS"                    -> capitalOf
- containment: "Raqqa, Syria", "Mosul, in Iraq", "Sirte in Libya"     -> locatedIn
- composition: "an alliance of Kurdish and Arab fighters", "made up of" -> hasMember
- membership:  "a member of X", "X-linked", "loyal to X"              -> memberOf / alliedWith
- leadership:  "the leader of X", "X-led coalition", "X's president"  -> leaderOf
- roles:       "Brett McGurk, the US special envoy", "Prime Minister Habib Essid" -> role
Each relation carries the index of its sentence; the RDF mapping ties it to that sentence.
"""

from __future__ import annotations

from kg.extract.entities import EntityIndex
from kg.facts import Relation
from kg.lexicon import Lexicon

STRONGHOLD_NOUNS = {"stronghold", "bastion", "heartland", "redoubt", "fiefdom"}
CAPITAL_NOUNS = {"capital"}
GROUP_NOUNS = {"alliance", "coalition", "group", "union", "network", "umbrella", "mix", "force", "bloc"}
LEADER_NOUNS = {"leader", "head", "chief", "commander", "founder", "chairman", "president", "ruler"}
MEMBER_NOUNS = {"member", "part", "affiliate", "branch", "wing", "faction"}
ROLE_HEADS = {
    "envoy",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "director",
    "ambassador",
    "commander",
    "chief",
    "leader",
    "head",
    "official",
    "fellow",
    "chairman",
    "general",
    "adviser",
    "advisor",
    "member",
    "governor",
    "mayor",
    "officer",
    "analyst",
    "researcher",
    "professor",
    "editor",
    "correspondent",
    "founder",
    "executive",
    "king",
    "premier",
    "chancellor",
    "representative",
    "senator",
    "coordinator",
    "negotiator",
    "emir",
    "ruler",
    "judge",
    "prosecutor",
    "lawyer",
    "expert",
}


def find_relations(doc, index: EntityIndex, lexicon: Lexicon, sentence_of) -> list[Relation]:
    found: dict[tuple[str, str, str], Relation] = {}

    def add(
        subject: str | None, predicate: str, obj: str | None, token, confidence: float = 0.7, literal: bool = False
    ) -> None:
        if not subject or not obj or subject == obj:
            return
        key = (subject, predicate, obj)
        if key not in found:
            found[key] = Relation(subject, predicate, obj, sentence_of(token.i), confidence, literal)

    def cls(label: str | None) -> str:
        entity = index.get(label) if label else None
        return entity.cls if entity else ""

    def is_actor(label):
        return lexicon.is_a(cls(label), "Actor")

    def is_place(label):
        return lexicon.is_a(cls(label), "Place")

    for tok in doc:
        lemma = tok.lemma_.lower()
        # "US-backed forces": the compound adjective's first part backs the head noun.
        if lemma in ("back", "support", "fund", "arm", "sponsor") and tok.tag_ == "VBN":
            target = _entity_of_head(tok.head, index) if tok.dep_ == "amod" else None
            backers = [
                index.at(c.i) for c in tok.children if c.dep_ in ("npadvmod", "compound", "nmod") and index.at(c.i)
            ]
            for backer in backers:
                add(backer, "supports", target, tok)
            # "forces backed by the US" / "Iraqi forces backed by US-led coalition air strikes"
            if tok.dep_ in ("acl", "relcl", "amod"):
                target = _entity_of_head(tok.head, index)
                for agent in _by_agents(tok, index):
                    if is_actor(agent):
                        add(agent, "supports", target, tok)
        # "X-led coalition": X leads it.
        if lemma == "lead" and tok.tag_ == "VBN" and tok.dep_ == "amod":
            target = _entity_of_head(tok.head, index)
            for child in tok.children:
                if child.dep_ in ("npadvmod", "compound") and index.at(child.i):
                    add(index.at(child.i), "leaderOf", target, tok)
        # "X-linked organization": allied with X.
        if lemma in ("link", "affiliate", "ally", "align") and tok.tag_ == "VBN" and tok.dep_ == "amod":
            target = _entity_of_head(tok.head, index)
            for child in tok.children:
                if child.dep_ in ("npadvmod", "compound") and index.at(child.i):
                    add(target, "alliedWith", index.at(child.i), tok)
        # "militants loyal to the Islamic State"
        if tok.lower_ == "loyal" and tok.dep_ in ("amod", "acomp"):
            subject = _entity_of_head(tok.head, index) if tok.dep_ == "amod" else None
            for prep in tok.children:
                if prep.lower_ == "to":
                    for pobj in prep.children:
                        add(subject, "memberOf", index.at(pobj.i), tok)
        # "IS stronghold", "a stronghold of IS"
        if lemma in STRONGHOLD_NOUNS:
            holders = [
                index.at(c.i) for c in tok.children if c.dep_ in ("compound", "nmod", "poss", "amod") and index.at(c.i)
            ]
            holders += [
                index.at(p.i) for prep in tok.children if prep.lower_ == "of" for p in prep.children if index.at(p.i)
            ]
            place = _appositive_anchor(tok, index)
            for holder in holders:
                if is_actor(holder):
                    add(holder, "controls", place, tok)
        # "Raqqa, the de facto capital of IS"
        if lemma in CAPITAL_NOUNS:
            owners = [
                index.at(p.i) for prep in tok.children if prep.lower_ == "of" for p in prep.children if index.at(p.i)
            ]
            owners += [index.at(c.i) for c in tok.children if c.dep_ == "poss" and index.at(c.i)]
            place = _appositive_anchor(tok, index)
            for owner in owners:
                add(place, "capitalOf", owner, tok)
        # "an alliance of Kurdish and Arab fighters", "made up of"
        if (
            lemma in GROUP_NOUNS
            or (lemma == "make" and any(c.lower_ == "up" for c in tok.children))
            or lemma in ("comprise", "include")
        ):
            whole = _appositive_anchor(tok, index) if tok.pos_ == "NOUN" else _subject_entity(tok, index)
            if whole is None and tok.pos_ == "NOUN" and tok.dep_ == "pobj":
                whole = _subject_entity(tok.head.head, index) if tok.head.head.pos_ == "VERB" else None
            for part in _of_objects(tok, index):
                if is_actor(part) and is_actor(whole):
                    add(whole, "hasMember", part, tok)
        # "a member of X", "the leader of X"
        if lemma in MEMBER_NOUNS | LEADER_NOUNS:
            person = (
                _appositive_anchor(tok, index) or _subject_entity(tok.head, index)
                if tok.dep_ == "attr"
                else _appositive_anchor(tok, index)
            )
            for org in _of_objects(tok, index):
                if is_actor(person) and is_actor(org):
                    add(person, "leaderOf" if lemma in LEADER_NOUNS else "memberOf", org, tok)
        # "Raqqa, Syria" and "Sirte in Libya": a place that names the place containing it.
        label = index.at(tok.i)
        if label and is_place(label) and _is_mention_end(tok, index):
            container = None
            nxt = tok.i + 1
            if nxt + 1 < len(doc) and doc[nxt].text == "," and index.at(doc[nxt + 1].i):
                container = index.at(doc[nxt + 1].i)
                if not (cls(container) in ("Country", "Region") and tok.dep_ != "appos"):
                    container = container if cls(container) in ("Country", "Region") else None
            elif nxt + 1 < len(doc) and doc[nxt].lower_ == "in" and index.at(doc[nxt + 1].i):
                container = index.at(doc[nxt + 1].i)
            if container and is_place(container) and _rank(cls(container)) > _rank(cls(label)):
                add(label, "locatedIn", container, tok)
    _roles(doc, index, lexicon, add)
    return list(found.values())


def _rank(cls: str) -> int:
    return {"Facility": 1, "City": 2, "Region": 3, "Country": 4}.get(cls, 0)


def _is_mention_end(tok, index: EntityIndex) -> bool:
    return tok.i + 1 >= len(tok.doc) or index.at(tok.i + 1) != index.at(tok.i)


def _entity_of_head(tok, index: EntityIndex) -> str | None:
    label = index.at(tok.i)
    if label:
        return label
    for child in tok.children:
        if child.dep_ in ("compound",) and index.at(child.i):
            return index.at(child.i)
    return None


def _by_agents(tok, index: EntityIndex) -> list[str]:
    out = []
    for child in tok.children:
        if child.dep_ == "agent" or child.lower_ == "by":
            for pobj in child.children:
                for t in pobj.subtree:
                    if index.at(t.i) and index.at(t.i) not in out:
                        out.append(index.at(t.i))
                        break
    return out


def _appositive_anchor(noun, index: EntityIndex) -> str | None:
    """The entity a descriptive noun phrase is in apposition to: 'Raqqa, the capital of IS'."""
    t = noun
    for _ in range(3):
        if t.dep_ == "appos":
            return index.at(t.head.i) or _entity_of_head(t.head, index)
        if t.dep_ in ("attr",):
            return _subject_entity(t.head, index)
        if t.dep_ in ("compound", "amod", "pobj", "prep") and t.head.i != t.i:
            t = t.head
            continue
        break
    return None


def _subject_entity(verb, index: EntityIndex) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return index.at(child.i) or _entity_of_head(child, index)
    return None


def _of_objects(noun, index: EntityIndex) -> list[str]:
    out = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for t in [pobj, *pobj.conjuncts, *[c for c in pobj.children if c.dep_ in ("amod", "compound")]]:
                    label = index.at(t.i)
                    if label and label not in out:
                        out.append(label)
                # "an alliance of Kurdish and Arab fighters": each conjunct names its own group
                for t in pobj.lefts:
                    for c in t.conjuncts:
                        label = index.at(c.i)
                        if label and label not in out:
                            out.append(label)
    return out


def _roles(doc, index: EntityIndex, lexicon: Lexicon, add) -> None:
    """Titles: 'Brett McGurk, the US special presidential envoy ...' and 'Prime Minister X'."""
    for label, spans in index.mention_spans.items():
        entity = index.get(label)
        if entity is None or entity.cls != "Person":
            continue
        for start, end in spans:
            last = doc[end - 1]
            # apposition after the name
            for child in last.children:
                if child.dep_ == "appos" and child.lemma_.lower() in ROLE_HEADS | {"envoy"}:
                    text = _role_text(doc, child)
                    if text:
                        add(label, "role", text, child, 0.8, literal=True)
            # title words before the name
            before = []
            i = start - 1
            while i >= 0 and (
                doc[i].text in lexicon.titles
                or (
                    doc[i].pos_ == "PROPN"
                    and doc[i].head.i in range(start, end)
                    and doc[i].dep_ == "compound"
                    and not index.at(doc[i].i)
                )
            ):
                before.insert(0, doc[i].text)
                i -= 1
            before = [w for w in before if w not in ("Mr.", "Mrs.", "Ms.", "Dr.", "Miss", "Mr", "Mrs", "Ms")]
            if before:
                # "Tunisian Prime Minister Habib Essid": take the adjective of nationality too
                if i >= 0 and doc[i].ent_type_ in ("NORP", "GPE") and doc[i].head.i in range(start, end):
                    before.insert(0, doc[i].text)
                add(label, "role", " ".join(before), doc[start], 0.7, literal=True)


def _role_text(doc, head) -> str:
    tokens = [t for t in head.subtree if not (t.dep_ == "det" and t.i == head.left_edge.i)]
    # A relative clause or a trailing comma ends the title.
    cut = []
    for t in tokens:
        if t.dep_ in ("relcl", "acl") or t.text in (",", ";", "—", "(") or (t.dep_ == "punct" and t.text != "-"):
            break
        cut.append(t)
    text = doc[cut[0].i : cut[-1].i + 1].text if cut else ""
    return text.strip()
