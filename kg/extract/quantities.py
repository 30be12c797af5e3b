"""Numbers of people that news reports: 'some 2,500 IS militants', 'up to 100,000 civilians',
'killing at least 19 people', 'tens of thousands of civilians'.

Each becomes a Quantity with the number, how it is qualified (about, atLeast, atMost,
moreThan, lessThan, exact), what it counts as written, the entity counted when the text
names one, and the event it belongs to when it is the object of one ("killing at least 19").
"""

from __future__ import annotations

import re

from kg.extract.entities import EntityIndex
from kg.extract.text import NUMBER_WORDS
from kg.facts import Event, Quantity
from kg.lexicon import Lexicon

WORDS = NUMBER_WORDS
# Plural number words: "hundreds of", "tens of thousands of" give a lower bound.
PLURALS = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000, "tens": 10}
BOUNDS = {
    "about": "about",
    "around": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "nearly": "about",
    "almost": "about",
    "estimated": "about",
    "few": "about",
    "least": "atLeast",
    "up": "atMost",
    "many": "atMost",
    "more": "moreThan",
    "over": "moreThan",
    "than": None,
    "less": "lessThan",
    "fewer": "lessThan",
    "under": "lessThan",
}
PEOPLE = {"people", "person", "persons"}


def find_quantities(doc, index: EntityIndex, lexicon: Lexicon, sentence_of, events: list[Event]) -> list[Quantity]:
    event_at = {int(e.key.split(":")[1]): e for e in events}
    out: list[Quantity] = []
    seen: set[int] = set()
    for tok in doc:
        counted = _counted_noun(tok, lexicon)
        if counted is None or counted.i in seen:
            continue
        number = _number(tok)
        if number is None:
            continue
        seen.add(counted.i)
        amount, bound = number
        # "people" counts someone the text does not name; the entity would say nothing
        subject = None if counted.lemma_.lower() in PEOPLE else index.at(counted.i)
        event = None
        if counted.dep_ in ("dobj", "nsubjpass", "pobj") and counted.head.i in event_at:
            event = event_at[counted.head.i].key
        elif counted.dep_ == "pobj" and counted.head.head.i in event_at:
            event = event_at[counted.head.head.i].key
        counts = _counts_text(doc, counted)
        out.append(Quantity(amount, bound, counts, sentence_of(counted.i), subject, event))
    return out


def _counted_noun(tok, lexicon: Lexicon):
    """The plural noun of people a number token counts, if `tok` is such a number."""
    if tok.dep_ in ("nummod", "compound", "amod") and (tok.like_num or tok.lower_ in WORDS):
        noun = tok.head
    elif tok.lower_ in PLURALS or (tok.like_num and tok.pos_ == "NUM"):
        noun = _of_object(tok)  # "thousands of Tunisians", "tens of thousands of civilians"
        while noun is not None and noun.lower_ in PLURALS:
            noun = _of_object(noun)
    else:
        return None
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.i == tok.i:
        return None
    lemma = noun.lemma_.lower()
    if lemma in PEOPLE or lemma in lexicon.collective_nouns or noun.lower_ in lexicon.demonym_to_entry:
        return noun
    known = lexicon.name_to_entry.get(noun.lower_)
    return noun if known is not None and known.cls == "Group" else None


def _of_object(tok):
    for prep in tok.children:
        if prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _number(tok) -> tuple[int, str] | None:
    """The amount a number phrase gives, and its bound: 'at least 19' -> (19, atLeast)."""
    amount = _amount(tok)
    if amount is None:
        return None
    before = tok.doc[max(tok.sent.start, tok.i - 3) : tok.i].text.lower()
    text = " ".join([before] + [c.lower_ for c in tok.children if c.dep_ in ("quantmod", "advmod", "amod")])
    bound = "atLeast" if tok.lower_ in PLURALS else "exact"
    for word in re.findall(r"[a-z]+", text):
        if BOUNDS.get(word):
            bound = BOUNDS[word]
    if "up to" in text or "as many as" in text:
        bound = "atMost"
    if "at least" in text:
        bound = "atLeast"
    return amount, bound


def _amount(tok) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    if text in WORDS:
        value = WORDS[text]
        # "a few hundred", "two thousand": a number word multiplied by the one after it
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in ("hundred", "thousand", "million") and nxt.i != tok.i:
            value *= WORDS[nxt.lower_]
        return value
    if text in PLURALS:
        value = PLURALS[text]
        for child in tok.children:  # "tens of thousands"
            if child.lower_ == "of":
                for pobj in child.children:
                    if pobj.lower_ in PLURALS:
                        value *= PLURALS[pobj.lower_]
        return value
    return None


def _counts_text(doc, noun) -> str:
    """What is counted, as written, without the number: 'IS militants', 'civilians'."""
    words = [
        t
        for t in noun.lefts
        if t.dep_ in ("compound", "amod", "nmod")
        and not t.like_num
        and t.lower_ not in BOUNDS
        and t.lower_ not in PLURALS
    ] + [noun]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
