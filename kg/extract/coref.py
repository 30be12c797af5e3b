"""Coreference good enough for news, within one document.

Definite descriptions ("the city", "the group", "the wall", "the militants") and pronouns
("they", "its") point back to the most recent entity of a fitting class, preferring one
that was a subject. Their tokens then stand for that entity in events and relations; they
do not become names of it (no altLabel "city").
"""

from __future__ import annotations

from kg.extract.entities import EntityIndex
from kg.lexicon import Lexicon

# Head noun of a definite description -> the classes it can refer to (ancestors allowed).
DESCRIPTIONS = {
    "city": ("City",),
    "town": ("City",),
    "capital": ("City",),
    "village": ("City",),
    "stronghold": ("City",),
    "bastion": ("City",),
    "country": ("Country",),
    "nation": ("Country",),
    "state": ("Country",),
    "region": ("Region",),
    "province": ("Region",),
    "group": ("ArmedGroup", "Organization"),
    "organization": ("Organization",),
    "organisation": ("Organization",),
    "movement": ("Organization",),
    "faction": ("ArmedGroup",),
    "party": ("Organization",),
    "militia": ("ArmedGroup",),
    "force": ("ArmedGroup",),
    "forces": ("ArmedGroup",),
    "militants": ("ArmedGroup",),
    "fighters": ("ArmedGroup",),
    "insurgents": ("ArmedGroup",),
    "jihadists": ("ArmedGroup",),
    "rebels": ("ArmedGroup",),
    "attackers": ("ArmedGroup",),
    "gunmen": ("ArmedGroup",),
    "extremists": ("ArmedGroup",),
    "terrorists": ("ArmedGroup",),
    "government": ("Government",),
    "authorities": ("Government",),
    "administration": ("Government",),
    "regime": ("Government",),
}
PRONOUNS = {
    "they": ("ArmedGroup", "Group", "Organization"),
    "them": ("ArmedGroup", "Group", "Organization"),
    "their": ("ArmedGroup", "Group", "Organization"),
    "it": ("Organization", "Country", "City"),
    "its": ("Organization", "Country", "City"),
    "he": ("Person",),
    "him": ("Person",),
    "his": ("Person",),
    "she": ("Person",),
    "her": ("Person",),
}
# "X-backed forces": a participle that describes a group by its relation to another.
DESCRIBING = {"backed", "led", "supported", "allied", "aligned", "funded", "armed", "sponsored"}
FIGHTERS = {"forces", "fighters", "troops", "militias", "rebels", "militants", "groups", "units", "soldiers"}
WINDOW = {"pronoun": 2, "description": 6}  # sentences to look back


def resolve_references(doc, index: EntityIndex, lexicon: Lexicon, sentence_of) -> None:
    """Point the tokens of descriptions and pronouns at their antecedents, in `index.by_token`."""
    mentions = sorted((start, end, label) for label, spans in index.mention_spans.items() for start, end in spans)
    for tok in doc:
        kind, classes = _reference(tok, index, lexicon)
        if kind is None:
            continue
        antecedent = _antecedent(doc, tok, mentions, index, lexicon, classes, kind, sentence_of)
        if antecedent is not None:
            index.by_token[tok.i] = antecedent


def _reference(tok, index: EntityIndex, lexicon: Lexicon):
    lower = tok.lower_
    if tok.pos_ == "PRON" and lower in PRONOUNS:
        return "pronoun", PRONOUNS[lower]
    if tok.pos_ != "NOUN":
        return None, ()
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children):
        return None, ()
    # "the city of Djerba" names its city; it is not a reference back.
    if any(
        c.dep_ in ("appos", "prep") and c.lower_ == "of" and any(g.ent_type_ for g in c.subtree) for c in tok.children
    ):
        return None, ()
    classes = DESCRIPTIONS.get(lower) or DESCRIPTIONS.get(tok.lemma_.lower())
    for child in tok.children:
        named = index.at(child.i) if child.dep_ in ("appos", "compound", "nmod") else None
        holder = (
            named and classes and lexicon.is_a(_class(index, named), "Actor") and not lexicon.is_a(classes[0], "Actor")
        )
        if named and not holder:
            # "the group behind the attack — Ansar al-Sharia", "the Islamic State group": named here
            # (but "the IS bastion" names who holds it, not which place it is)
            return None, ()
    current = index.at(tok.i)
    if current is not None and current not in index.optional:
        return None, ()  # already a name of something
    if classes is None and lexicon.place_nouns.get(tok.lemma_.lower()) == "Facility":
        classes = ("Facility",)
    return ("description", classes) if classes else (None, ())


def _class(index: EntityIndex, label: str) -> str:
    entity = index.get(label)
    return entity.cls if entity else ""


def resolve_descriptive_groups(doc, index: EntityIndex, lexicon: Lexicon, sentence_of) -> None:
    """'US-backed forces', 'the Saudi-led fighters': a group described by who backs or leads it
    is the named armed group nearest in the text, other than any named in the same sentence."""
    named = sorted(
        (start, label)
        for label, spans in index.mention_spans.items()
        if label not in index.optional and _class(index, label) == "ArmedGroup"
        for start, _ in spans
    )
    for label in list(index.optional):
        if _class(index, label) != "ArmedGroup" or not _descriptive(label):
            continue
        for start, end in index.mention_spans.get(label, []):
            here = sentence_of(start)
            beside = {other for s, other in named if sentence_of(s) == here}
            options = {other for s, other in named if other not in beside and abs(sentence_of(s) - here) <= 2}
            if len(options) == 1:  # only when the nearby text names one group it can be
                target = options.pop()
                for t in range(start, end):
                    if index.by_token.get(t) == label:
                        index.by_token[t] = target


def _descriptive(label: str) -> bool:
    """'US-backed forces' describes fighters by their backer; 'US-led coalition' names a body."""
    words = label.split()
    return (
        len(words) == 2
        and "-" in words[0]
        and words[0].rsplit("-", 1)[1] in DESCRIBING
        and words[1].lower() in FIGHTERS
    )


def _antecedent(doc, tok, mentions, index: EntityIndex, lexicon: Lexicon, classes, kind: str, sentence_of):
    """The fitting entity mentioned last before `tok`; for pronouns, a subject first."""
    here = sentence_of(tok.i)
    scored = []
    actors = any(lexicon.is_a(c, "Actor") for c in classes)
    for start, end, label in mentions:
        if end > tok.i:
            break
        entity = index.get(label)
        if here - sentence_of(start) > WINDOW[kind] or entity is None:
            continue
        if not any(lexicon.is_a(entity.cls, c) for c in classes):
            continue
        if tok.lower_ in ("it", "its") and label in index.plural:
            continue  # "it" is never "the Syrian fighters"
        if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass") and entity.cls == "City":
            continue  # a city is taken, it does not act
        root = doc[start:end].root
        subject = root.dep_ in ("nsubj", "nsubjpass")
        if label in index.optional and not subject:
            continue  # a group named in passing is no antecedent; one that acts is
        rank = 0
        if classes == ("Facility",) and tok.lemma_.lower() in entity.label.lower():
            rank = 3  # "the wall" after "the Rafiqah Wall"
        elif (kind == "pronoun" or actors) and subject:
            # who acted last is who "they" and "the attackers" most likely are; the main
            # clause's subject most of all
            rank = 2 if root.head.dep_ == "ROOT" else 1
        scored.append((rank, start, label))
    return max(scored)[2] if scored else None
