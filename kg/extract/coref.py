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
    "it": ("Organization", "Country"),
    "its": ("Organization", "Country", "City"),
    "he": ("Person",),
    "him": ("Person",),
    "his": ("Person",),
    "she": ("Person",),
    "her": ("Person",),
}
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
    for child in tok.children:
        if child.dep_ in ("appos", "compound", "nmod") and index.at(child.i):
            # "the group behind the attack — Ansar al-Sharia", "the Islamic State group": named here
            return None, ()
    current = index.at(tok.i)
    if current is not None and current not in index.optional:
        return None, ()  # already a name of something
    classes = DESCRIPTIONS.get(lower) or DESCRIPTIONS.get(tok.lemma_.lower())
    if classes is None and lexicon.place_nouns.get(tok.lemma_.lower()) == "Facility":
        classes = ("Facility",)
    return ("description", classes) if classes else (None, ())


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
