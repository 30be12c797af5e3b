"""Small text helpers shared by the extraction modules."""

from __future__ import annotations

import re
import unicodedata

# Number words news writes out, shared by dates ("four years ago") and counts ("two gunmen").
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "dozen": 12,
}
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
POSSESSIVE = re.compile(r"\s*['\u2019]s?$")


def name_key(text: str) -> str:
    """The form two names must share to be the same name: case, articles, '#', "'s" ignored."""
    text = unicodedata.normalize("NFC", text).translate(QUOTES).casefold()
    text = text.replace("#", " ")
    text = re.sub(r"\s+", " ", text).strip(" .,;:-\"'()[]")
    text = LEADING_ARTICLE.sub("", text)
    text = POSSESSIVE.sub("", text)
    return text.strip()


def clean_surface(text: str) -> str:
    """A mention as it should read in a label: no leading article or '#', no trailing "'s"."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:-\"'()[]\u201c\u201d\u2018\u2019")
    text = LEADING_ARTICLE.sub("", text) if text[:4].lower() == "the " else text
    text = text.lstrip("#")
    text = POSSESSIVE.sub("", text)
    return text.strip()


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


def initials(text: str) -> str:
    """Initials of the capitalised words of a name: 'Syrian Democratic Forces' -> 'SDF'."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w'-]*", text) if w[0].isupper())


def abbreviates(acronym: str, name: str) -> bool:
    """Whether `acronym` can stand for `name`: its letters start words of the name, in order,
    beginning with the first ('SDF' for 'Syrian Democratic Forces', 'IS' for 'Islamic State')."""
    letters = acronym.replace(".", "").upper()
    firsts = [w[0].upper() for w in re.findall(r"[^\W\d_][\w'-]*", name)]
    if len(firsts) < 2 or not letters or firsts[0] != letters[0]:
        return False
    pos = 0
    for letter in letters:
        while pos < len(firsts) and firsts[pos] != letter:
            pos += 1
        if pos == len(firsts):
            return False
        pos += 1
    return True


# Legal forms that end a company's name: "E.ON AG" and "E.ON" are one company.
CORPORATE_SUFFIXES = frozenset(
    """ag sa s.a. inc inc. ltd ltd. corp corp. co co. plc llc l.l.c. gmbh nv n.v. bv b.v. spa s.p.a. se
    kgaa oyj ab asa lp llp""".split()
)


def without_diacritics(text: str) -> str:
    """'Électricité' -> 'Electricite': names are written both ways."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def base_name(text: str) -> str:
    """A name's key without its legal form or diacritics: 'Electricité de France SA' and
    'Electricite de France' share one."""
    words = without_diacritics(name_key(text)).split()
    while len(words) > 1 and words[-1].strip(",") in CORPORATE_SUFFIXES:
        words.pop()
    return " ".join(w.strip(",") for w in words)


def has_corporate_suffix(text: str) -> bool:
    words = name_key(text).split()
    return len(words) > 1 and words[-1] in CORPORATE_SUFFIXES
