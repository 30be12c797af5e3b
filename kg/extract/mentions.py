"""Mentions: the spans of a document that name an actor or a place, before merging.

Three sources, resolved where they overlap (longest wins, then the lexicon):
- spaCy's named entities, typed with the ontology's classes by the lexicon's word lists;
- the lexicon's known actors and places, matched by name and alias;
- collective noun phrases ("Kurdish fighters", "foreign tourists", "IS militants") whose
  head noun the lexicon lists.
A name found once is then found wherever else it occurs ("IS overran Raqqa").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kg.extract.text import clean_surface
from kg.lexicon import KnownEntry, Lexicon

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# Words that count, grade or point at a collective rather than name it.
NOT_NAMING = frozenset(
    [
        "many",
        "several",
        "few",
        "other",
        "more",
        "most",
        "some",
        "numerous",
        "certain",
        "various",
        "additional",
        "rising",
        "growing",
        "increasing",
        "large",
        "small",
        "new",
        "such",
        "all",
        "both",
        "hundreds",
        "thousands",
        "dozens",
        "tens",
        "millions",
        "just",
        "only",
        "least",
        "own",
        "remaining",
        "same",
        "last",
        "first",
        "second",
        "third",
        "fellow",
        "possible",
        "suspected",
        "alleged",
        "about",
        "nearly",
        "almost",
        "over",
        "under",
        "up",
        "to",
        "estimated",
        "total",
        "further",
        "slain",
        "dead",
        "wounded",
        "injured",
        "killed",
        "heavily",
        "armed",
        "its",
        "their",
        "his",
        "her",
        "our",
        "these",
        "those",
        "this",
        "that",
        "what",
        "advancing",
        "fleeing",
        "retreating",
        "remaining",
        "trapped",
    ]
)
# Singular heads that can name a collective, given a modifier ("the Sudanese government").
SINGULAR_COLLECTIVES = frozenset(
    [
        "government",
        "administration",
        "authority",
        "ministry",
        "regime",
        "cabinet",
        "coalition",
        "militia",
        "army",
        "police",
        "force",
        "team",
    ]
)
# Heads naming a state's government: "Sudan's government", "Tunisian authorities" -> "Sudanese government".
GOVERNMENT_HEADS = frozenset(["government", "authority", "regime"])
NAMED_BODIES = frozenset(["coalition", "army", "police"])
STOP_DEPS = frozenset(["det", "predet", "nummod", "quantmod", "prep", "advmod", "neg", "relcl", "acl"])
STOP_TAGS = frozenset(["CD", "DT", "PRP$", "PDT", "PRP", "WP$", "WDT", "RB", "RBR", "RBS"])
# "the area of Raqqa" says nothing of what Raqqa is; "the city of Djerba" does.
PART_NOUNS = frozenset(
    [
        "area",
        "territory",
        "border",
        "coast",
        "part",
        "section",
        "portion",
        "capital",
        "outskirts",
        "edge",
        "centre",
        "center",
        "heart",
        "north",
        "south",
        "east",
        "west",
        "rest",
    ]
)
SPLIT_TOKENS = {"(", ")", "[", "]", "—", "–", ":", "|", "\u201c", "\u201d", '"'}
LOCATIVE_PREPS = frozenset(["in", "from", "of"])


@dataclass
class Candidate:
    start: int  # token indices, end exclusive
    end: int
    text: str
    cls: str
    kind: str  # "name" | "known" | "collective" | "people"
    known: KnownEntry | None = None
    link_to: int | None = None  # token index of the group a collective names ("IS militants")
    context_typed: bool = False
    weight: float = 1.0  # how much this mention's class counts when its entity's class is voted
    aliases: tuple[str, ...] = ()  # other ways the text wrote this mention ("President Obama")
    head: int = -1  # token index of the head noun, for collectives
    # Tokens that name this mention and no other, when spans overlap: "Arab" in "Kurdish and
    # Arab fighters" is the Arab fighters' own word, though the span starts at "Kurdish".
    own: tuple[int, ...] = ()

    @property
    def length(self) -> int:
        return self.end - self.start


def find_mentions(doc, lexicon: Lexicon) -> list[Candidate]:
    names = _split_of_names(doc, _name_candidates(doc, lexicon), lexicon)
    names += _known_candidates(doc, lexicon) + _facility_names(doc, lexicon)
    chosen = _resolve_overlaps(doc, lexicon, names)
    chosen = _drop_unconfirmed_headline_names(doc, chosen)
    chosen = _propagate(doc, chosen)
    chosen += _collective_candidates(doc, lexicon, chosen)
    chosen += _facility_phrases(doc, lexicon, chosen)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _name_candidates(doc, lexicon: Lexicon) -> list[Candidate]:
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
    if cls is None:
        cls = _label_class(span, label, lexicon)
    # An organisation whose name carries no telling word ("SDF") says little about its class.
    weight = 0.3 if label == "ORG" and cls == "Organization" else 1.0
    weight = 1.5 if located else weight
    return Candidate(start, end, text, cls, "name", context_typed=by_context, weight=weight, aliases=aliases)


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
    return "Facility"


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


def _known_candidates(doc, lexicon: Lexicon) -> list[Candidate]:
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


def _resolve_overlaps(doc, lexicon: Lexicon, cands: list[Candidate]) -> list[Candidate]:
    rank = {"known": 2, "name": 1, "people": 1}
    known = [c for c in cands if c.kind == "known"]

    def only_adds_adjectives(c: Candidate) -> bool:
        """'Islamist Muslim Brotherhood': spaCy took a describing word into a known name."""
        for k in known:
            if c.kind != "known" and c.start <= k.start and k.end <= c.end and c.length > k.length:
                extra = [t for t in doc[c.start : c.end] if not k.start <= t.i < k.end]
                if all(t.lower_ in lexicon.demonym_to_entry or t.is_lower or t.is_punct for t in extra):
                    return True
        return False

    cands = [c for c in cands if not only_adds_adjectives(c)]
    taken: set[int] = set()
    out = []
    for cand in sorted(cands, key=lambda c: (-c.length, -rank.get(c.kind, 0), c.start)):
        span = set(range(cand.start, cand.end))
        if span & taken:
            continue
        taken |= span
        out.append(cand)
    return sorted(out, key=lambda c: c.start)


def _split_of_names(doc, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
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


def _facility_names(doc, lexicon: Lexicon) -> list[Candidate]:
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


def _facility_phrases(doc, lexicon: Lexicon, chosen: list[Candidate]) -> list[Candidate]:
    """'a pharmaceutical factory in Khartoum', 'a synagogue in the city of Djerba': a building
    the text places somewhere named is a place of its own, though it has no name."""
    taken = {i for c in chosen for i in range(c.start, c.end)}
    name_at = {i: c for c in chosen for i in range(c.start, c.end)}
    out = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "NOUN" or tok.tag_ != "NN":
            continue
        if lexicon.place_nouns.get(tok.lemma_.lower()) != "Facility" or tok.lemma_.lower() in PART_NOUNS:
            continue
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        if not dets & {"a", "an", "the"}:
            continue  # headlines drop articles: "forces breach wall in Syria" names no building
        if "the" in dets and not any(c.dep_ == "amod" for c in tok.children):
            continue  # "the wall": a reference back, for coreference to resolve
        if not _placed(tok, name_at, lexicon):
            continue
        mods = [i for i in _naming_modifiers(doc, tok) if i not in taken]
        text = clean_surface(_join(doc, [*mods, tok.i]))
        out.append(Candidate(min(mods, default=tok.i), tok.i + 1, text, "Facility", "collective", head=tok.i))
    return out


def _placed(noun, name_at: dict, lexicon: Lexicon) -> bool:
    """Whether 'in X' follows the noun, X a named place (directly or as 'the city of X')."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "near", "outside"):
            for pobj in prep.children:
                named = [pobj] + [g for p in pobj.children if p.lower_ == "of" for g in p.children]
                if any(t.i in name_at and lexicon.is_a(name_at[t.i].cls, "Place") for t in named):
                    return True
    return False


def _drop_unconfirmed_headline_names(doc, chosen: list[Candidate]) -> list[Candidate]:
    """In a Title Case Headline every word looks like a name; keep those the body confirms."""
    first = next(iter(doc.sents), None)
    if first is None or "\n" not in (
        first[-1].whitespace_ + first[-1].text + doc.text[first.end_char : first.end_char + 1]
    ):
        return chosen
    words = [t for t in first if t.is_alpha and len(t) > 3]
    if len(words) < 3 or sum(t.text[:1].isupper() for t in words) < 0.7 * len(words):
        return chosen
    body = doc.text[first.end_char :]
    return [c for c in chosen if c.start >= first.end or c.kind != "name" or doc[c.start : c.end].text in body]


def _propagate(doc, chosen: list[Candidate]) -> list[Candidate]:
    """A name spaCy tagged once is the same name where it missed it ('IS overran Raqqa')."""
    taken = {i for c in chosen for i in range(c.start, c.end)}
    by_words: dict[tuple[str, ...], Candidate] = {}
    for c in chosen:
        words = tuple(t.text for t in doc[c.start : c.end])
        if c.kind in ("name", "known") and words[0][:1].isupper():
            by_words.setdefault(words, c)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(by_words, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    out = list(chosen)
    for tok in doc:
        if tok.i in taken or tok.text not in by_first:
            continue
        for words in by_first[tok.text]:
            end = tok.i + len(words)
            if (
                end <= len(doc)
                and tuple(t.text for t in doc[tok.i : end]) == words
                and not taken & set(range(tok.i, end))
            ):
                model = by_words[words]
                out.append(
                    Candidate(
                        tok.i,
                        end,
                        model.text,
                        model.cls,
                        model.kind,
                        known=model.known,
                        weight=0.0,
                        aliases=model.aliases,
                    )
                )
                taken |= set(range(tok.i, end))
                break
    return sorted(out, key=lambda c: c.start)


def _collective_candidates(doc, lexicon: Lexicon, names: list[Candidate]) -> list[Candidate]:
    name_at = {i: c for c in names for i in range(c.start, c.end)}
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PROPN" and lemma not in lexicon.collective_nouns and tok.lower_.endswith("s"):
            lemma = tok.lower_[:-1]  # "Fighters of the SDF" at a sentence's start: the tagger calls it a name
        cls = lexicon.collective_nouns.get(lemma)
        if cls is None or tok.pos_ not in ("NOUN", "PROPN") or tok.i in name_at:
            continue
        plural = tok.tag_ in ("NNS", "NNPS") or (tok.text.lower() != lemma and tok.text.lower().endswith("s"))
        mods = _naming_modifiers(doc, tok)
        if not plural and cls == "Group" and _someone(tok):
            # "a local museum worker was killed", "a monitor said": one unnamed person who acts
            out.append(
                Candidate(
                    min(mods, default=tok.i),
                    tok.i + 1,
                    "a " + clean_surface(_join(doc, [*mods, tok.i])),
                    "Person",
                    "collective",
                    head=tok.i,
                )
            )
            continue
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        # "the coalition", "the army": a singular collective the text treats as one known body
        if not plural and not (lemma in SINGULAR_COLLECTIVES and (mods or (definite and lemma in NAMED_BODIES))):
            continue
        group = next((name_at[i] for i in mods if i in name_at and lexicon.is_a(name_at[i].cls, "Organization")), None)
        country = _country_modifier(doc, mods, name_at, lexicon)
        for phrase, own in _conjunct_phrases(doc, tok, mods):
            text = clean_surface(phrase)
            aliases = tuple(a for a in (_counted(doc, tok, text),) if a)
            end = tok.i + 1
            kind = "collective"
            if lemma in GOVERNMENT_HEADS and country is not None:
                # one name for a state's government however the text puts it
                aliases += (text,)
                text = f"{country.demonyms[0]} government"
                cls, kind = "Government", "government"
            elif not mods and group is None:
                group = _member_of_named_group(doc, tok, name_at, lexicon) if cls == "ArmedGroup" else None
                located = None if group or cls != "ArmedGroup" else _located(doc, tok, name_at, lexicon)
                if located:
                    text = clean_surface(doc[tok.i : located].text)
            aliases += tuple(a for a in (_possessor_short_form(doc, mods, tok),) if a and a != text)
            cand = Candidate(min(mods, default=tok.i), end, text, cls, kind, aliases=aliases, head=tok.i, own=own)
            if group is not None:
                cand.link_to = group.start
            out.append(cand)
    return out


def _someone(tok) -> bool:
    """An indefinite singular person who does or undergoes something: 'a monitor said'."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return False
    role = tok.dep_ if tok.dep_ != "conj" else tok.head.dep_
    return role in ("nsubj", "nsubjpass")


def _possessor_short_form(doc, mods: list[int], head) -> str | None:
    """ "Trump's transition team" for "President-elect Donald J. Trump's transition team"."""
    for n, i in enumerate(mods):
        if doc[i].tag_ == "POS" and n >= 2:
            return doc[i - 1].text + doc[i].text + " " + _join(doc, [*mods[n + 1 :], head.i])
    return None


def _country_modifier(doc, mods: list[int], name_at: dict, lexicon: Lexicon):
    """The country a modifier names: 'Sudan's', 'Sudanese', 'U.S.'; None when there is none."""
    for i in mods:
        entry = name_at[i].known if i in name_at else lexicon.demonym_to_entry.get(doc[i].lower_)
        if entry is not None and entry.cls == "Country" and entry.demonyms:
            return entry
    return None


def _counted(doc, head, text: str) -> str | None:
    """'two leftist politicians', '21 Christians': the number as part of how the text names them."""
    for child in head.children:
        if child.dep_ == "nummod" and child.i < head.i and child.i == head.left_edge.i:
            return f"{child.text} {text}"
    return None


def _located(doc, head, name_at: dict, lexicon: Lexicon) -> int | None:
    """'rebels in Darfur': a bare collective is known by where it is; returns where its words end.
    The place keeps its own mention, so the phrase's span stops at the collective's noun."""
    preps = [p for p in head.rights if p.dep_ == "prep" and p.lower_ == "in"]
    if head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "in":
        preps.append(doc[head.i + 1])  # the parser often hangs "in X" on the verb instead
    for prep in preps:
        for pobj in prep.children:
            cand = name_at.get(pobj.i)
            if pobj.dep_ == "pobj" and cand is not None and lexicon.is_a(cand.cls, "Place"):
                return cand.end
    return None


def _member_of_named_group(doc, head, name_at: dict, lexicon: Lexicon) -> Candidate | None:
    """'Fighters of the Syrian Democratic Forces' are that group, for the graph's purposes."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                cand = name_at.get(pobj.i)
                if cand is not None and lexicon.is_a(cand.cls, "Organization"):
                    return cand
    return None


def _naming_modifiers(doc, head) -> list[int]:
    """Token indices of the words before `head` that belong to its name ('Tunisian security')."""
    mods: list[int] = []
    i = head.i - 1
    while i >= 0:
        tok = doc[i]
        # "US-led coalition air strikes": the parser may hang "US-led" on "strikes"; in a chain of
        # nouns, what stands right before the first one still names it
        governed = head.is_ancestor(tok) or (head.dep_ == "compound" and head.head.is_ancestor(tok))
        if not governed or tok.is_space or "\n" in tok.whitespace_:
            break
        if tok.text == ")" and i >= 2 and doc[i - 2].text == "(" and doc[i - 1].text.isupper():
            mods[:0] = [i - 2, i - 1, i]  # "Syrian Democratic Forces (SDF) fighters"
            i -= 3
            continue
        if tok.dep_ in ("cc", "conj"):
            i -= 1
            continue  # "Kurdish and Arab fighters": _conjunct_phrases keeps the conjunct
        if (
            tok.dep_ in STOP_DEPS
            or tok.like_num
            or tok.lower_ in NOT_NAMING
            or tok.tag_ in STOP_TAGS
            or (tok.is_punct and tok.text != "-")
        ):
            break
        mods.insert(0, i)
        i -= 1
    while mods and (doc[mods[0]].is_punct or doc[mods[0]].tag_ == "POS"):
        mods.pop(0)
    return mods


def _conjunct_phrases(doc, head, mods: list[int]) -> list[tuple[str, tuple[int, ...]]]:
    """'Kurdish and Arab fighters' -> [('Kurdish fighters', ()), ('Arab fighters', (Arab,))]."""
    phrases = [(_join(doc, [*mods, head.i]), ())]
    if mods:
        for conj in doc[mods[0]].conjuncts:
            if conj.dep_ == "conj" and conj.i < head.i and conj.i not in mods:
                phrases.append((_join(doc, [conj.i, *mods[1:], head.i]), (conj.i,)))
    return phrases


def _join(doc, indices: list[int]) -> str:
    """Tokens as written: their own spacing where adjacent, one space across a gap."""
    out = []
    for n, i in enumerate(indices):
        out.append(doc[i].text)
        if n + 1 < len(indices):
            out.append(doc[i].whitespace_ if indices[n + 1] == i + 1 else " ")
    return "".join(out)
