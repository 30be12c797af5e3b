"""The one place IRIs are made. Same name, same IRI; different names, different IRIs.

Names are compared after NFC normalisation and case folding, so "Islamic State",
"islamic state" and an NFD-encoded "Islamic State" share an IRI, while a Cyrillic
look-alike does not. The readable part keeps letters and digits of any script; when that
part loses anything but spacing and common punctuation, or is cut for length, a short hash
of the whole name keeps distinct names apart. The result is always a valid absolute IRI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pyoxigraph
from rdflib import URIRef

from kg.errors import UsageError

MAX_SLUG = 80
# What may be dropped from a name without telling names apart: spacing and light punctuation.
_HARMLESS = re.compile(r"[\s\-_.,'’‘`\"“”()]+")
_KINDS = {"entity": "", "document": "doc-", "event": "event-", "assertion": "assertion-", "quantity": "quantity-"}


def check_base(base: str) -> str:
    """`base` if it can prefix minted IRIs (absolute, ending in / or #), else a usage error."""
    problem = UsageError(f"--base {base!r} is not an absolute IRI ending in '/' or '#'; e.g. https://example.org/id/")
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#]$", base or ""):
        raise problem
    try:
        pyoxigraph.NamedNode(base + "x")  # RFC 3987 in full: the host, ports, escapes
    except ValueError:
        raise problem from None
    return base


def mint(base: str, kind: str, *parts: str) -> URIRef:
    """The IRI of a thing of `kind` (entity, document, event, assertion, quantity) named by `parts`.

    Entities and documents get a readable slug of their name; events, assertions and
    quantities, which have no name, get a hash of what identifies them.
    """
    prefix = _KINDS[kind]
    if kind in ("entity", "document"):
        return URIRef(base + prefix + slug(parts[0]))
    return URIRef(base + prefix + digest("\x1f".join(parts), 16))


def slug(name: str) -> str:
    canonical = unicodedata.normalize("NFC", name).casefold()
    kept = []
    for ch in canonical:
        if _iri_letter(ch):
            kept.append(ch)
        else:
            kept.append("-")
    readable = re.sub(r"-{2,}", "-", "".join(kept)).strip("-")
    lossy = _HARMLESS.sub("", canonical) != readable.replace("-", "")
    if len(readable) > MAX_SLUG:
        readable, lossy = readable[:MAX_SLUG].rstrip("-"), True
    if not readable:
        return "x-" + digest(canonical, 12)
    return f"{readable}-{digest(canonical, 8)}" if lossy else readable


def digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def _iri_letter(ch: str) -> bool:
    """A letter, digit or combining mark that RFC 3987 allows unescaped in an IRI path."""
    if ch.isascii():
        return ch.isalnum()
    cat = unicodedata.category(ch)
    if cat[0] not in "LN" and cat not in ("Mn", "Mc"):
        return False
    cp = ord(ch)
    # ucschar excludes the non-characters at the end of each plane, the specials block and
    # U+E0000-E0FFF (tags and variation selectors, which are marks and so got this far).
    return not (
        0xFDD0 <= cp <= 0xFDEF
        or (cp & 0xFFFF) >= 0xFFF0
        or 0xD800 <= cp <= 0xDFFF
        or 0xE000 <= cp <= 0xF8FF
        or 0xE0000 <= cp <= 0xE0FFF
    )
