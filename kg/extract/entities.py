"""Entities: mentions merged into one resource per real-world thing.

Mentions merge by shared name, known alias, an acronym defined in the text ("Syrian
Democratic Forces (SDF)") or matching initials, a surname alone, and a collective that
names its group ("IS militants" is Islamic State).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

from kg.extract.mentions import Candidate, find_mentions
from kg.extract.text import abbreviates, base_name, initials, is_acronym, name_key
from kg.facts import Entity, Mention
from kg.lexicon import Lexicon

# "thousands of Tunisians", "some of the militants": the people counted are the entity.
QUANTITY_HEADS = frozenset(
    "thousands hundreds dozens millions tens scores many some most all both several few number group members".split()
)
# "the city of Sirte", "the town of X": the noun only names the kind of what follows "of".
NAMING_NOUNS = frozenset("city town village suburb province region district state island port capital".split())
# "a section of the wall was targeted": what happens to a part happens to the whole.
PART_OF = frozenset("section part portion stretch piece side".split())


@dataclass
class EntityIndex:
    """Entities of one document and the token positions that mention them."""

    entities: list[Entity] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)  # token index -> entity label
    # Entities kept only if an event or relation needs them: those named only as modifiers of
    # other mentions ("U.S." in "the U.S. government") and those named only by a common noun
    # phrase ("tourists", "authoritarian regimes"), which a text uses in passing.
    optional: set[str] = field(default_factory=set)
    # Entities named only by plural common nouns ("Syrian fighters"): "they", never "it".
    plural: set[str] = field(default_factory=set)
    mention_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def at(self, token_index: int) -> str | None:
        return self.by_token.get(token_index)

    def denoted(self, tok) -> list[str]:
        """The entities a noun phrase headed by `tok` stands for, its conjuncts included:
        its own mention; through a quantity ('thousands of Tunisians'); through a naming
        'of' ('the Libyan city of Sirte'); else a name modifying an event noun ('coalition
        air strikes')."""
        out: list[str] = []
        for t in (tok, *tok.conjuncts):
            label = self.at(t.i)
            if label is None or label in self.optional:
                # "a senior defense official, Amos Gilad, told": the name said of a description wins
                label = self._through_apposition(t) or label
            label = label or self._through_of(t) or self._through_modifier(t)
            if label and label not in out:
                out.append(label)
        return out

    def _through_apposition(self, tok) -> str | None:
        """'the leader of Ennahda, Rachid Ghannouchi, condemned': the name said of a title."""
        if tok.pos_ != "NOUN":
            return None
        holders = [tok] + [p for prep in tok.children if prep.lower_ == "of" for p in prep.children]
        for holder in holders:
            for child in holder.children:
                label = self.at(child.i) if child.dep_ == "appos" else None
                entity = self.get(label) if label else None
                if entity is not None and entity.cls == "Person":
                    return label
        return None

    def _through_of(self, tok) -> str | None:
        lemma = tok.lemma_.lower()
        if tok.lower_ not in QUANTITY_HEADS and not tok.like_num and lemma not in NAMING_NOUNS | PART_OF:
            return None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    label = self.at(pobj.i) if pobj.dep_ == "pobj" else None
                    entity = self.get(label) if label else None
                    if lemma == "capital" and (entity is None or entity.cls != "City"):
                        continue  # "the capital of IS" is not IS; "the commercial capital of Aleppo" is Aleppo
                    if label:
                        return label
        return None

    def _through_modifier(self, tok) -> str | None:
        if tok.pos_ != "NOUN":
            return None
        for child in tok.children:
            if child.dep_ in ("compound", "nmod") and self.at(child.i):
                return self.at(child.i)
        return None

    def get(self, label: str) -> Entity | None:
        return self._by_label.get(label)

    @functools.cached_property
    def _by_label(self) -> dict[str, Entity]:
        return {e.label: e for e in self.entities}


def find_entities(doc, lexicon: Lexicon, sentence_of) -> EntityIndex:
    """All entities of a spaCy Doc; `sentence_of(token_index)` gives a token's sentence index."""
    return _merge(doc, find_mentions(doc, lexicon), lexicon, sentence_of)


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
    _merge_name_parts(cands, keys, first_with_key, uf, lexicon)
    _merge_base_names(cands, uf)
    _merge_named_descriptions(doc, cands, uf)
    _merge_collective_suffixes(cands, keys, first_with_key, uf)
    _merge_bare_collectives(doc, cands, uf, sentence_of)

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
            for t in c.own:
                index.by_token[t] = entity.label
            for t in range(c.start, c.end):
                index.by_token.setdefault(t, entity.label)
            index.mention_spans.setdefault(entity.label, []).append((c.start, c.end))
        if all(_is_modifier(doc, cands[i], cands) or cands[i].kind == "collective" for i in members):
            index.optional.add(entity.label)
        if all(
            cands[i].kind in ("collective", "people") and doc[cands[i].end - 1].tag_ in ("NNS", "NNPS") for i in members
        ):
            index.plural.add(entity.label)
    return index


def _is_modifier(doc, c: Candidate, cands: list[Candidate]) -> bool:
    """'U.S.' in 'the U.S. government': a name used only to describe another mention."""
    root = doc[c.start : c.end].root
    if root.dep_ not in ("compound", "amod", "nmod", "npadvmod"):
        return False
    return any(o is not c and o.start <= root.head.i < o.end for o in cands)


def _fold_into(index: EntityIndex, entity: Entity) -> Entity:
    for n, existing in enumerate(index.entities):
        if existing.label == entity.label:
            merged = existing.merged_with(entity)
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


# Words that introduce the name of what was just described: "Muslims known as Salafists".
NAMING_WORDS = (("known", "as"), ("called",), ("dubbed",), ("named",), ("calling", "itself"), ("calling", "themselves"))
NAMING_ADVERBS = frozenset("locally widely popularly officially collectively also".split())


def _merge_named_descriptions(doc, cands, uf) -> None:
    """'hard-line Muslims known as Salafists', 'a group calling itself the Islamic Front': a
    description followed by the name it goes by is that name's entity."""
    by_start = {c.start: i for i, c in enumerate(cands) if c.kind in ("name", "known")}
    for i, c in enumerate(cands):
        if c.kind not in ("collective", "people"):
            continue
        j = c.end + (c.end < len(doc) and doc[c.end].text == ",")
        for words in NAMING_WORDS:
            k = j
            if k < len(doc) and doc[k].lower_ == words[0] and len(words) == 2 and words[1] == "as":
                k += 1
                while k < len(doc) and doc[k].lower_ in NAMING_ADVERBS:
                    k += 1
                if k < len(doc) and doc[k].lower_ == "as":
                    k += 1
                else:
                    continue
            elif all(k + n < len(doc) and doc[k + n].lower_ == w for n, w in enumerate(words)):
                k += len(words)
            else:
                continue
            k += k < len(doc) and doc[k].lower_ == "the"
            if k in by_start:
                uf.union(i, by_start[k])
            break


def _merge_base_names(cands, uf) -> None:
    """Names equal but for a legal form or diacritics are one: 'E.ON' and 'E.ON AG', 'RWE AG'
    and 'RWE', 'Electricité de France' and 'Electricite de France SA'."""
    first: dict[str, int] = {}
    for i, c in enumerate(cands):
        if c.kind not in ("name", "known"):
            continue
        key = base_name(c.text)
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i


def _merge_name_parts(cands, keys, first_with_key, uf, lexicon: Lexicon) -> None:
    """Part of a full name stands for it when only one full name fits: 'McGurk' and 'bin Laden'
    (a person's last words), 'Bardo' (the first word of a place or organisation's name)."""
    full = [(c, key) for c, key in zip(cands, keys, strict=True) if c.kind in ("name", "known") and " " in c.text]
    for i, c in enumerate(cands):
        if c.kind != "name" or is_acronym(c.text) or not c.text[:1].isupper():
            continue
        words = _name_words(c.text)
        targets = set()
        for other, key in full:
            theirs = _name_words(other.text)
            if key == keys[i] or len(theirs) <= len(words):
                continue
            if other.cls == "Person" and theirs[-len(words) :] == words:
                # spaCy often takes a lone surname for an organisation: "McGurk earlier tweeted"
                targets.add(key)
            elif (
                other.cls != "Person"
                and len(words) == 1
                and theirs[0] == words[0]
                and _same_kind(c.cls, other.cls, lexicon)
            ):
                targets.add(key)
        if len(targets) == 1:
            uf.union(i, first_with_key[next(iter(targets))])


def _name_words(text: str) -> list[str]:
    """Words of a name, case-folded, without Arabic article prefixes: 'al-Bashir' -> 'bashir'."""
    words = text.casefold().replace("\u2019", "'").split()
    return [w.split("-", 1)[1] if w.startswith(("al-", "el-", " al\u2011")) and len(w) > 3 else w for w in words]


def _same_kind(a: str, b: str, lexicon: Lexicon) -> bool:
    return any(lexicon.is_a(a, top) and lexicon.is_a(b, top) for top in ("Actor", "Place"))


def _merge_bare_collectives(doc, cands, uf, sentence_of) -> None:
    """'militants' after 'IS militants', 'Islamists' after 'political Islamists': a bare plural
    refers back to the last group the text named with the same noun, within a few sentences;
    failing that, to the first one named after it ('the coalition' ... 'the US-led coalition')."""
    for i, c in enumerate(cands):
        if c.kind not in ("collective", "people") or " " in c.text or c.head < 0:
            continue
        noun = doc[c.head].lower_

        def fits(other, noun=noun) -> bool:
            return (
                other.kind in ("collective", "people")
                and " " in other.text
                and other.head >= 0
                and doc[other.head].lower_ == noun
            )

        before = [j for j in range(i - 1, -1, -1) if sentence_of(c.start) - sentence_of(cands[j].start) <= 5]
        match = next((j for j in before if fits(cands[j])), None)
        definite = c.start > 0 and doc[c.start - 1].lower_ == "the"
        if match is None and definite:  # "the coalition" before "the US-led coalition" is named
            match = next((j for j in range(i + 1, len(cands)) if fits(cands[j])), None)
        if match is not None:
            uf.union(i, match)


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
    written = {a for c in members for a in c.aliases}
    # A known actor carries the lexicon's names too, so that asking for "Daesh" finds Islamic
    # State in a graph whose articles only ever said "IS".
    listed = set(known.aliases) if known is not None else set()
    aliases = sorted(({c.text for c in members} | hashtags | written | listed) - {label})
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
