"""Mentions: the spans of a document that name an actor or a place, before merging.

Three sources, resolved where they overlap (longest wins, then the lexicon): spaCy's named
entities and the lexicon's known names (`names.py`), and collective noun phrases
(`collectives.py`). A name found once is then found wherever else it occurs ("IS overran
Raqqa"), and a Title Case headline's names must be confirmed by the body.
"""

from __future__ import annotations

from kg.extract.candidate import Candidate
from kg.extract.collectives import collective_candidates, facility_phrases, speaker_candidates
from kg.extract.names import facility_names, known_candidates, name_candidates, split_of_names
from kg.lexicon import Lexicon

__all__ = ["Candidate", "find_mentions"]


def find_mentions(doc, lexicon: Lexicon) -> list[Candidate]:
    names = split_of_names(doc, name_candidates(doc, lexicon), lexicon)
    names += known_candidates(doc, lexicon) + facility_names(doc, lexicon)
    chosen = _resolve_overlaps(doc, lexicon, names)
    chosen = _drop_unconfirmed_headline_names(doc, chosen)
    chosen = _propagate(doc, chosen)
    chosen += collective_candidates(doc, lexicon, chosen)
    chosen += speaker_candidates(doc, lexicon, chosen)
    chosen += facility_phrases(doc, lexicon, chosen)
    return sorted(chosen, key=lambda c: (c.start, c.end))


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
