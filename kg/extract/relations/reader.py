"""The relation reader's state and the small readings every construction shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.entities import EntityIndex
from kg.facts import Relation
from kg.lexicon import Lexicon

PLACE_RANK = {"Facility": 1, "City": 2, "Region": 3, "Country": 4}


@dataclass
class Reader:
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


def described(r: Reader, noun) -> str | None:
    """The entity a descriptive noun is said of: 'Raqqa, the capital', 'the leader of X, NAME'."""
    if noun.dep_ == "appos":
        # the parser often hangs an apposition on the wrong word: trust the name before the comma
        return name_before_comma(r, noun.left_edge.i) or r.ent(noun.head)
    for child in noun.children:
        if child.dep_ == "appos" and r.ent(child):
            return r.ent(child)
    for obj in objects_of(noun, "of"):
        for child in obj.children:  # "The leader of Ennahda, Rachid Ghannouchi": the name hangs on Ennahda
            if child.dep_ == "appos" and r.cls(r.ent(child)) == "Person":
                return r.ent(child)
    if noun.dep_ == "attr":
        return subject_of(r, noun.head)
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(r, noun.head.head)  # "Raqqa has served as the de facto capital of IS"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        return described(r, noun.head.head)  # "Sudan is one of the poorest countries in Africa"
    if noun.dep_ == "compound" and r.ent(noun.head):
        return r.ent(noun.head)  # "IS stronghold Raqqa"
    return None


def name_before_comma(r: Reader, start: int) -> str | None:
    i = start - 1
    if i < 1 or r.doc[i].text != ",":
        return None
    i -= 1
    if r.doc[i].text == ")" and i >= 2 and r.doc[i - 2].text == "(":
        i -= 3  # "the Syrian Democratic Forces (SDF), a coalition of ..."
    return r.ent(r.doc[i]) if i >= 0 else None


def subject_of(r: Reader, verb) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and r.ents(child):
            return r.ents(child)[0]
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return subject_of(r, verb.head)
    return None


def objects_of(tok, *words) -> list:
    """The objects of the prepositions `words` hanging on `tok`, conjuncts included."""
    out = []
    for prep in tok.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in words:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    out.extend([pobj, *pobj.conjuncts])
    return out


def owners_of(r: Reader, noun) -> list[str]:
    """Who a noun belongs to: 'of X', "X's", or an X named inside what 'of' governs."""
    out = []
    for obj in objects_of(noun, "of"):
        label = r.ent(obj) or next(
            (r.ent(c) for c in obj.children if c.dep_ in ("poss", "compound", "nmod") and r.ent(c)), None
        )
        if label:
            out.append(label)
    out += [r.ent(c) for c in noun.children if c.dep_ == "poss" and r.ent(c)]
    return list(dict.fromkeys(out))


def hyphen_modifier(tok) -> list:
    """'US' in 'US-backed': the word fused to a participle by a hyphen, read off the words
    (the parser may hang 'US' on the noun instead)."""
    fused = [c for c in tok.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and c.i < tok.i]
    if (
        tok.i >= 2
        and tok.nbor(-1).text == "-"
        and not tok.nbor(-1).whitespace_
        and tok.nbor(-2).i not in {c.i for c in fused}
    ):
        fused.append(tok.nbor(-2))
    return fused


def contain(r: Reader, inner: str | None, outer: str | None, token) -> None:
    """inner is in outer: a region of a country is part of it, anything smaller is located in it."""
    if not inner or not outer or not r.is_a(outer, "Place"):
        return
    if r.is_a(inner, "Place") and place_rank(r, inner) >= place_rank(r, outer):
        return
    predicate = "partOf" if r.cls(inner) == "Region" and r.cls(outer) == "Country" else "locatedIn"
    r.add(inner, predicate, outer, token)


def place_rank(r: Reader, label: str) -> int:
    """How large a place is: a facility, a city, a region, a country, then a region that
    countries lie in ("Africa", "the Sahel": the lexicon marks these)."""
    entry = r.lexicon.name_to_entry.get(label.casefold())
    if entry is not None and entry.spans_countries:
        return PLACE_RANK["Country"] + 1
    return PLACE_RANK.get(r.cls(label), 0)


def demonym_place(r: Reader, tok) -> str | None:
    """The entity of the country an adjective names ('Libyan'), when the document names it."""
    entry = r.lexicon.demonym_to_entry.get(tok.lower_)
    return r.by_label(entry.label) if entry is not None else None
