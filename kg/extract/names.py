"""Names: spaCy's named entities typed with the ontology's classes, and the lexicon's known
actors and places matched by name and alias."""

from __future__ import annotations

import functools

from kg.extract.candidate import Candidate
from kg.extract.text import clean_surface, has_corporate_suffix
from kg.lexicon import Lexicon

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# "the area of Raqqa" says nothing of what Raqqa is; "the city of Djerba" does.
PART_NOUNS = frozenset(
    """area territory border coast part section portion capital outskirts edge centre center heart
    north south east west rest""".split()
)
SPLIT_TOKENS = {"(", ")", "[", "]", "—", "–", ":", "|", "\u201c", "\u201d", '"'}


def name_candidates(doc, lexicon: Lexicon) -> list[Candidate]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        pieces = list(_pieces(doc, ent.start, ent.end))
        for start, end in pieces:
            cand = _name_candidate(doc, start, end, ent.label_, lexicon)
            if cand is not None:
                # spaCy's label was for the whole broken span: trust it less for a piece
                cand.weight *= (1.0 + 0.5 * (cand.length - 1)) * (0.25 if len(pieces) > 1 else 1.0)
                out.append(cand)
    return out


def _pieces(doc, start: int, end: int):
    """Split a span at line breaks and brackets: spaCy sometimes runs a name into the next."""
    piece_start = start
    for i in range(start, end):
        tok = doc[i]
        if tok.text in SPLIT_TOKENS or "\n" in tok.text:
            if i > piece_start:
                yield piece_start, i
            piece_start = i + 1
        elif "\n" in tok.whitespace_:
            yield piece_start, i + 1
            piece_start = i + 1
    if end > piece_start:
        yield piece_start, end


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].text == "#"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return start, end


def _name_candidate(doc, start: int, end: int, label: str, lexicon: Lexicon) -> Candidate | None:
    start, end = _trim(doc, start, end)
    if start >= end:
        return None
    span = doc[start:end]
    text = clean_surface(span.text)
    if not text or not any(ch.isalpha() for ch in text):
        return None
    entry = lexicon.name_to_entry.get(text.casefold())
    if entry is None and end - start == 1 and span[0].tag_ in ("JJ", "JJR", "JJS", "RB", "VB", "VBD", "VBG", "VBZ"):
        return None  # "Fierce clashes ...": a capitalised ordinary word at a sentence's start
    if entry is None and end - start == 1 and _plural_collective(span[0], lexicon):
        return None  # "CAIRO — Gunmen opened fire": a group of people, which collectives.py reads
    if label != "NORP" and text.lower() in lexicon.demonym_to_entry and text.endswith("s"):
        label = "NORP"  # "many Africans": a people, whatever label spaCy gave it
    aliases: tuple[str, ...] = ()
    if label == "PERSON":
        titled = _title_start(doc, start, lexicon)
        start = _skip_titles(doc, start, end, lexicon)
        if start >= end:
            return None
        text = clean_surface(doc[start:end].text)
        if titled < start:
            aliases = (clean_surface(doc[titled:end].text),)
    if label == "NORP":
        last = doc[end - 1]
        if last.tag_ not in ("NNPS", "NNS") and not (
            last.lower_.endswith("s") and last.lower_ in lexicon.demonym_to_entry
        ):
            return None  # an adjective ("Iraqi forces"): the collective phrase carries it
        # "Egyptian Copts": a nationality before a people is part of its name
        if start > 0 and doc[start - 1].lower_ in lexicon.demonym_to_entry and doc[start - 1].head.i == end - 1:
            start -= 1
            text = clean_surface(doc[start:end].text)
        return Candidate(start, end, text, "Group", "people", head=end - 1)
    if entry is not None:
        return Candidate(start, end, text, entry.cls, "known", known=entry)
    cls, by_context = _context_class(doc, start, end, lexicon)
    located = cls is None and label in ("PERSON", "ORG") and end - start == 1 and _located_in(span)
    if located:
        cls = "City"  # "fighting in Aleppo": a one-word name after "in" is more likely a town than a person
    elif cls is None and label in ("PERSON", "ORG") and _big_city(doc, start, end):
        cls = "City"  # "Aleppo", "Mosul": spaCy's small model often takes a city it never saw for a person
    if cls is None:
        cls = _label_class(span, label, lexicon)
    if has_corporate_suffix(text) and label in ("ORG", "PERSON", "GPE", "FAC"):
        cls, by_context = "Organization", True  # "E.ON AG": a legal form says company, whatever spaCy's label
    # An organisation whose name carries no telling word ("SDF") says little about its class.
    weight = 0.3 if label == "ORG" and cls == "Organization" and not by_context else 1.0
    weight = 1.5 if located else weight
    return Candidate(start, end, text, cls, "name", context_typed=by_context, weight=weight, aliases=aliases)


BIG_CITY = 100_000  # people: GeoNames' cities this large are the ones news names


def _big_city(doc, start: int, end: int) -> bool:
    """A one-word name that GeoNames knows as a large city and that the document itself puts
    somewhere as a place ('in Aleppo', 'near Aleppo'), in this mention or another: the name
    alone is no proof ('Kennedy' is a district of Bogota, 'Lincoln' a city in Nebraska)."""
    from kg.lexicon.gazetteer import gazetteer

    word = doc[start].text
    if end - start != 1 or len(word) < 4 or not word[:1].isupper():
        return False
    if start > 0 and doc[start - 1].pos_ == "PROPN":
        return False
    if word not in _locative_words(doc):
        return False
    return gazetteer(BIG_CITY).largest_city(word) is not None


def _locative_words(doc) -> frozenset[str]:
    """Capitalised words the document uses as places: after a locative preposition, or before
    a comma and the larger place they lie in."""
    cached = doc.user_data.get("kg_locative_words")
    if cached is None:
        cached = frozenset(
            t.text
            for t in doc
            if t.text[:1].isupper()
            and (
                (t.dep_ == "pobj" and t.head.lower_ in LOCATIVE and t.i == t.head.i + 1)
                # "Lincoln, Neb.", "Homs, Syria": a town before the larger place it is in
                or (t.i + 2 < len(doc) and doc[t.i + 1].text == "," and doc[t.i + 2].ent_type_ in ("GPE", "LOC"))
            )
        )
        doc.user_data["kg_locative_words"] = cached
    return cached


LOCATIVE = frozenset("in near outside from into across around inside".split())


def _plural_collective(tok, lexicon: Lexicon) -> bool:
    lower = tok.lower_
    return lower.endswith(("s", "men")) and (
        tok.lemma_.lower() in lexicon.collective_nouns
        or lower[:-1] in lexicon.collective_nouns
        or lower[:-3] + "man" in lexicon.collective_nouns
    )


def _title_start(doc, start: int, lexicon: Lexicon) -> int:
    """Where the titles before a name begin: 'President Obama', 'Mr. Reeves'."""
    while start > 0 and _is_title(doc[start - 1], lexicon):
        start -= 1
    return start


def _is_title(tok, lexicon: Lexicon) -> bool:
    return tok.text in lexicon.titles or tok.text.rstrip(".") + "." in lexicon.titles


def _located_in(span) -> bool:
    """A name that is the object of a locative 'in' and owns nothing: 'clashes in Aleppo'."""
    root = span.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in ("in", "near", "outside")
        and root.i == span.end - 1
        and not any(c.dep_ == "case" for c in root.children)
        and not any(t.text[:1].islower() for t in span)
    )


def _skip_titles(doc, start: int, end: int, lexicon: Lexicon) -> int:
    while start < end - 1 and (
        doc[start].text in lexicon.titles or doc[start].text.rstrip(".") + "." in lexicon.titles
    ):
        start += 1
    return start


def _label_class(span, label: str, lexicon: Lexicon) -> str:
    if label == "PERSON":
        return "Person"
    if label == "ORG":
        return _org_class(span, lexicon)
    if label == "GPE":
        return "City"
    if label == "LOC":
        head = span.root.lemma_.lower()
        return "Facility" if lexicon.place_nouns.get(head) == "Facility" else "Region"
    # spaCy's FAC and the rest: a building, unless a word of the name says it is a body
    # ("the François-Xavier Bagnoud Center for Health and Human Rights")
    return next((lexicon.org_words[t.text] for t in reversed(span) if t.text in lexicon.org_words), "Facility")


def _org_class(span, lexicon: Lexicon) -> str:
    if lexicon.place_nouns.get(span[-1].lemma_.lower()) == "Facility":
        return "Facility"  # "Bardo National Museum", "U.S. Embassy"
    for tok in reversed(span):
        cls = lexicon.org_words.get(tok.text)
        if cls:
            return cls
    return "Organization"


def _context_class(doc, start: int, end: int, lexicon: Lexicon) -> tuple[str | None, bool]:
    """A class the words around a name give it: 'the suburb of Dariya', 'Idlib province'."""
    root = doc[start:end].root
    # "the city of X": X is the object of "of", which hangs on a place noun.
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
        cls = lexicon.place_nouns.get(noun.lemma_.lower()) if noun.lemma_.lower() not in PART_NOUNS else None
        if cls and noun.i < start and noun.tag_ == "NN":
            return cls, True
    # "X province", "X camp": a place noun right after the name, which the name modifies.
    if end < len(doc) and root.dep_ == "compound" and root.head.i == end:
        cls = lexicon.place_nouns.get(doc[end].lemma_.lower())
        if cls:
            return cls, True
    return None, False


@functools.lru_cache(maxsize=8)
def _known_matcher(vocab, lexicon: Lexicon):
    """Two phrase matchers over the lexicon's names: one-word names as written or in capitals
    (so "IS" never matches "is"), longer names regardless of case."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    exact, folded = PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER")
    for number, entry in enumerate(lexicon.entries):
        one_word, longer = [], []
        for name in sorted({entry.label, *entry.aliases}):
            # split as spaCy's tokenizer does around hyphens and apostrophes: "al - Qaeda", "People 's"
            words = name.replace("-", " - ").replace("'s", " 's").replace("s'", "s '").split()
            if len(words) == 1:
                one_word += [Doc(vocab, words=[w]) for w in dict.fromkeys((words[0], words[0].upper()))]
            else:
                longer.append(Doc(vocab, words=[w.lower() for w in words]))
        if one_word:
            exact.add(str(number), one_word)
        if longer:
            folded.add(str(number), longer)
    return exact, folded


def known_candidates(doc, lexicon: Lexicon) -> list[Candidate]:
    out = []
    exact, folded = _known_matcher(doc.vocab, lexicon)
    for match_id, start, end in sorted(exact(doc) + folded(doc), key=lambda m: (m[1], m[2])):
        entry = lexicon.entries[int(doc.vocab.strings[match_id])]
        if entry.cls == "Group" and start > 0 and doc[start - 1].lower_ in lexicon.demonym_to_entry:
            # "Egyptian Copts" is a people of its own, not all Copts
            start -= 1
            out.append(Candidate(start, end, clean_surface(doc[start:end].text), "Group", "people", head=end - 1))
            continue
        out.append(Candidate(start, end, clean_surface(doc[start:end].text), entry.cls, "known", known=entry))
    return out


def split_of_names(doc, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """'the Old City of Raqqa' is two places when the text names Raqqa on its own elsewhere."""
    standalone = {c.text for c in cands if " of " not in c.text} | set(lexicon.name_to_entry)
    out = []
    for c in cands:
        of = next((t.i for t in doc[c.start : c.end] if t.lower_ == "of"), None)
        if of is None or c.kind != "name" or not lexicon.is_a(c.cls, "Place") or of in (c.start, c.end - 1):
            out.append(c)
            continue
        tail = clean_surface(doc[of + 1 : c.end].text)
        if tail not in standalone and tail.casefold() not in standalone:
            out.append(c)
            continue
        head_text = clean_surface(doc[c.start : of].text)
        head_cls = lexicon.place_nouns.get(head_text.lower()) or lexicon.place_nouns.get(doc[of - 1].lemma_.lower())
        out.append(Candidate(c.start, of, head_text, head_cls or "Facility", "name", weight=c.weight))
        known = lexicon.name_to_entry.get(tail.casefold())
        out.append(
            Candidate(
                of + 1,
                c.end,
                tail,
                known.cls if known else c.cls,
                "known" if known else "name",
                known=known,
                weight=c.weight,
            )
        )
    return out


def facility_names(doc, lexicon: Lexicon) -> list[Candidate]:
    """Capitalised names ending in a place noun that spaCy missed: 'the Rafiqah Wall'."""
    out = []
    for tok in doc:
        cls = lexicon.place_nouns.get(tok.lemma_.lower())
        if cls is None or not tok.text[:1].isupper() or tok.ent_type_ or tok.i == tok.sent.start:
            continue
        start = tok.i
        while start > tok.sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        if start < tok.i:
            out.append(Candidate(start, tok.i + 1, clean_surface(doc[start : tok.i + 1].text), cls, "name"))
    return out
