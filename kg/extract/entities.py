"""Find the actors and places a document names, and merge their mentions into entities.

Three sources of mentions, resolved where they overlap (longest wins, then the lexicon):
- spaCy's named entities, typed with the ontology's classes by the lexicon's word lists;
- the lexicon's known actors and places, matched by name and alias;
- collective noun phrases ("Kurdish fighters", "foreign tourists", "IS militants") whose
  head noun the lexicon lists.
Mentions then merge into entities by shared name, known alias, an acronym defined in the
text ("Syrian Democratic Forces (SDF)") or matching initials, a surname alone, and a
collective that names its group ("IS militants" is Islamic State).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

from kg.extract.text import abbreviates, clean_surface, initials, is_acronym, name_key
from kg.facts import Entity, Mention
from kg.lexicon import KnownEntry, Lexicon

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# Adjectives that count or grade a collective rather than name it.
NOT_NAMING = {
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
}
# Singular heads that can name a collective on their own ("the Sudanese government").
SINGULAR_COLLECTIVES = {
    "government",
    "administration",
    "authority",
    "ministry",
    "regime",
    "cabinet",
    "parliament",
    "coalition",
    "militia",
    "army",
    "police",
    "force",
}
STOP_DEPS = {"det", "predet", "nummod", "quantmod", "prep", "advmod", "neg", "relcl", "acl"}
STOP_TAGS = {"CD", "DT", "PRP$", "PDT", "PRP", "WP$", "WDT", "RB", "RBR", "RBS"}
# "the area of Raqqa" says nothing of what Raqqa is; "the city of Djerba" does.
PART_NOUNS = {
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
}
SPLIT_TOKENS = {"(", ")", "[", "]", "—", "–", ":", "|", "\u201c", "\u201d", '"'}


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

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class EntityIndex:
    """Entities of one document and the token positions that mention them."""

    entities: list[Entity] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)  # token index -> entity label
    mention_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def at(self, token_index: int) -> str | None:
        return self.by_token.get(token_index)

    def get(self, label: str) -> Entity | None:
        return self._by_label.get(label)

    @functools.cached_property
    def _by_label(self) -> dict[str, Entity]:
        return {e.label: e for e in self.entities}


def find_entities(doc, lexicon: Lexicon, sentence_of) -> EntityIndex:
    """All entities of a spaCy Doc; `sentence_of(token_index)` gives a token's sentence index."""
    names = _name_candidates(doc, lexicon) + _known_candidates(doc, lexicon)
    chosen = _resolve_overlaps(names)
    chosen = _propagate(doc, chosen)
    chosen += _collective_candidates(doc, lexicon, chosen)
    return _merge(doc, chosen, lexicon, sentence_of)


# ---------------------------------------------------------------- candidates


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
    if label == "PERSON":
        start = _skip_titles(doc, start, end, lexicon)
        if start >= end:
            return None
        text = clean_surface(doc[start:end].text)
    if label == "NORP":
        last = doc[end - 1]
        if last.tag_ not in ("NNPS", "NNS") and not (last.text.endswith("s") and last.pos_ in ("PROPN", "NOUN")):
            return None  # an adjective ("Iraqi forces"): the collective phrase carries it
        return Candidate(start, end, text, "Group", "people")
    if entry is not None:
        return Candidate(start, end, text, entry.cls, "known", known=entry)
    cls, by_context = _context_class(doc, start, end, lexicon)
    if cls is None:
        cls = _label_class(span, label, lexicon)
    # An organisation whose name carries no telling word ("SDF") says little about its class.
    weight = 0.3 if label == "ORG" and cls == "Organization" else 1.0
    return Candidate(start, end, text, cls, "name", context_typed=by_context, weight=weight)


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
    from spacy.matcher import Matcher
    from spacy.tokenizer import Tokenizer

    tokenizer = Tokenizer(vocab)  # whitespace split, then refined below
    matcher = Matcher(vocab)
    for number, entry in enumerate(lexicon.entries):
        patterns = []
        for name in {entry.label, *entry.aliases}:
            words = [t.text for t in tokenizer(name.replace("-", " - ").replace("'", " '"))]
            words = [w for w in words if w]
            if len(words) == 1:
                word = words[0]
                patterns.append([{"ORTH": word}])
                if word.upper() != word:
                    patterns.append([{"ORTH": word.upper()}])
            else:
                patterns.append([{"LOWER": w.lower()} for w in words])
        matcher.add(str(number), patterns)
    return matcher


def _known_candidates(doc, lexicon: Lexicon) -> list[Candidate]:
    out = []
    matcher = _known_matcher(doc.vocab, lexicon)
    for match_id, start, end in matcher(doc):
        entry = lexicon.entries[int(doc.vocab.strings[match_id])]
        out.append(Candidate(start, end, clean_surface(doc[start:end].text), entry.cls, "known", known=entry))
    return out


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    rank = {"known": 2, "name": 1, "people": 1}
    taken: set[int] = set()
    out = []
    for cand in sorted(cands, key=lambda c: (-c.length, -rank.get(c.kind, 0), c.start)):
        span = set(range(cand.start, cand.end))
        if span & taken:
            continue
        taken |= span
        out.append(cand)
    return sorted(out, key=lambda c: c.start)


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
                out.append(Candidate(tok.i, end, model.text, model.cls, model.kind, known=model.known, weight=0.0))
                taken |= set(range(tok.i, end))
                break
    return sorted(out, key=lambda c: c.start)


def _collective_candidates(doc, lexicon: Lexicon, names: list[Candidate]) -> list[Candidate]:
    name_at = {i: c for c in names for i in range(c.start, c.end)}
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        cls = lexicon.collective_nouns.get(lemma)
        if cls is None or tok.pos_ not in ("NOUN", "PROPN") or tok.i in name_at:
            continue
        plural = tok.tag_ in ("NNS", "NNPS") or (tok.text.lower() != lemma and tok.text.lower().endswith("s"))
        mods = _naming_modifiers(doc, tok)
        if not plural and not (lemma in SINGULAR_COLLECTIVES and mods):
            continue
        group = next((name_at[i] for i in mods if i in name_at and lexicon.is_a(name_at[i].cls, "Organization")), None)
        for phrase in _conjunct_phrases(doc, tok, mods):
            text = clean_surface(phrase)
            cand = Candidate(min(mods, default=tok.i), tok.i + 1, text, cls, "collective")
            if group is not None:
                cand.link_to = group.start
            out.append(cand)
    return out


def _naming_modifiers(doc, head) -> list[int]:
    """Token indices of the words before `head` that belong to its name ('Tunisian security')."""
    mods: list[int] = []
    for i in range(head.i - 1, -1, -1):
        tok = doc[i]
        if not head.is_ancestor(tok):
            break
        if tok.is_space or "\n" in tok.whitespace_:
            break
        if tok.dep_ in ("cc", "conj"):
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
    while mods and (doc[mods[0]].is_punct or doc[mods[0]].tag_ == "POS"):
        mods.pop(0)
    return mods


def _conjunct_phrases(doc, head, mods: list[int]) -> list[str]:
    """'Kurdish and Arab fighters' -> ['Kurdish fighters', 'Arab fighters']."""
    phrases = [_join(doc, [*mods, head.i])]
    if mods:
        for conj in doc[mods[0]].conjuncts:
            if conj.dep_ == "conj" and conj.i < head.i and conj.i not in mods:
                phrases.append(_join(doc, [conj.i, *mods[1:], head.i]))
    return phrases


def _join(doc, indices: list[int]) -> str:
    """Tokens as written: their own spacing where adjacent, one space across a gap."""
    out = []
    for n, i in enumerate(indices):
        out.append(doc[i].text)
        if n + 1 < len(indices):
            out.append(doc[i].whitespace_ if indices[n + 1] == i + 1 else " ")
    return "".join(out)


# ---------------------------------------------------------------- merging


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _merge(doc, cands: list[Candidate], lexicon: Lexicon, sentence_of) -> EntityIndex:
    cands = sorted(cands, key=lambda c: (c.start, c.end))
    uf = _UnionFind(len(cands))
    keys = [_key(c) for c in cands]
    first_with_key: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in first_with_key:
            uf.union(first_with_key[key], i)
        else:
            first_with_key[key] = i
    start_index = {c.start: i for i, c in enumerate(cands) if c.kind != "collective"}
    for i, c in enumerate(cands):
        if c.link_to is not None and c.link_to in start_index:
            uf.union(i, start_index[c.link_to])
    _merge_defined_acronyms(doc, cands, keys, first_with_key, uf)
    _merge_by_initials(cands, keys, first_with_key, uf)
    _merge_surnames(cands, keys, first_with_key, uf)
    _merge_collective_suffixes(cands, keys, first_with_key, uf)

    groups: dict[int, list[int]] = {}
    for i in range(len(cands)):
        groups.setdefault(uf.find(i), []).append(i)
    index = EntityIndex()
    used_labels: set[str] = set()
    for members in sorted(groups.values(), key=lambda m: m[0]):
        entity = _entity(doc, [cands[i] for i in members], sentence_of)
        if entity.label in used_labels:  # two clusters chose one label: keep them apart by merging
            entity = _fold_into(index, entity)
        else:
            index.entities.append(entity)
            used_labels.add(entity.label)
        for i in members:
            c = cands[i]
            for t in range(c.start, c.end):
                index.by_token.setdefault(t, entity.label)
            index.mention_spans.setdefault(entity.label, []).append((c.start, c.end))
    return index


def _fold_into(index: EntityIndex, entity: Entity) -> Entity:
    for n, existing in enumerate(index.entities):
        if existing.label == entity.label:
            merged = Entity(
                existing.label,
                existing.cls,
                tuple(sorted(set(existing.aliases) | set(entity.aliases))),
                existing.mentions + entity.mentions,
                existing.known or entity.known,
            )
            index.entities[n] = merged
            return merged
    raise AssertionError("label not found")


def _key(c: Candidate) -> str:
    if c.known is not None:
        return "known:" + c.known.label
    return name_key(c.text)


def _merge_defined_acronyms(doc, cands, keys, first_with_key, uf) -> None:
    """'Syrian Democratic Forces (SDF)': the bracketed capitals name what precedes them."""
    by_start = {c.start: i for i, c in enumerate(cands)}
    for i, c in enumerate(cands):
        j = c.end
        if j + 2 < len(doc) + 1 and j < len(doc) and doc[j].text == "(":
            inner = doc[j + 1] if j + 1 < len(doc) else None
            if (
                inner is not None
                and j + 2 < len(doc)
                and doc[j + 2].text == ")"
                and is_acronym(inner.text)
                and abbreviates(inner.text, c.text)
            ):
                target = first_with_key.get(name_key(inner.text))
                if target is None and inner.i in by_start:
                    target = by_start[inner.i]
                if target is not None:
                    uf.union(i, target)


def _merge_by_initials(cands, keys, first_with_key, uf) -> None:
    long_names: dict[str, set[str]] = {}
    for c, key in zip(cands, keys, strict=True):
        if c.kind in ("name", "known") and " " in c.text:
            long_names.setdefault(initials(c.text), set()).add(key)
    for i, c in enumerate(cands):
        if c.kind == "name" and is_acronym(c.text):
            matches = long_names.get(c.text.replace(".", ""), set())
            if len(matches) == 1:
                uf.union(i, first_with_key[next(iter(matches))])


def _merge_surnames(cands, keys, first_with_key, uf) -> None:
    full: dict[str, set[str]] = {}
    for c, key in zip(cands, keys, strict=True):
        if c.cls == "Person" and " " in c.text:
            full.setdefault(c.text.split()[-1].casefold(), set()).add(key)
    for i, c in enumerate(cands):
        # spaCy often takes a lone surname for an organisation: "McGurk earlier tweeted"
        if c.kind == "name" and " " not in c.text and not is_acronym(c.text):
            matches = full.get(c.text.casefold(), set())
            if len(matches) == 1:
                uf.union(i, first_with_key[next(iter(matches))])


def _merge_collective_suffixes(cands, keys, first_with_key, uf) -> None:
    """'security forces' after 'Tunisian security forces' is the same group, if no other fits."""
    coll = {k for c, k in zip(cands, keys, strict=True) if c.kind == "collective"}
    for i, (c, key) in enumerate(zip(cands, keys, strict=True)):
        if c.kind != "collective" or " " not in key:
            continue
        longer = {k for k in coll if k != key and k.endswith(" " + key)}
        if len(longer) == 1:
            uf.union(i, first_with_key[next(iter(longer))])


def _entity(doc, members: list[Candidate], sentence_of) -> Entity:
    known = next((c.known for c in members if c.known is not None), None)
    names = [c for c in members if c.kind in ("name", "known", "people")]
    if known is not None:
        label, cls = known.label, known.cls
    else:
        pool = names or members
        full = [c for c in pool if not is_acronym(c.text)] or pool
        label = max(full, key=lambda c: (len(c.text.split()), len(c.text), -c.start)).text
        cls = _vote_class(members)
    hashtags = {"#" + c.text for c in members if c.start > 0 and doc[c.start - 1].text == "#"}
    aliases = sorted(({c.text for c in members} | hashtags) - {label})
    mentions = tuple(
        Mention(
            doc[c.start : c.end].text,
            doc[c.start].idx,
            doc[c.end - 1].idx + len(doc[c.end - 1].text),
            sentence_of(c.start),
        )
        for c in members
    )
    return Entity(label=label, cls=cls, aliases=tuple(aliases), mentions=mentions, known=known is not None)


def _vote_class(members: list[Candidate]) -> str:
    votes: Counter[str] = Counter()
    for c in members:
        votes[c.cls] += 3.0 if c.context_typed else c.weight
    best = max(votes.values())
    return next(c.cls for c in members if votes[c.cls] == best)
