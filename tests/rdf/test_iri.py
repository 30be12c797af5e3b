import unicodedata

import pyoxigraph
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import UsageError
from kg.rdf.iri import check_base, mint, slug

BASE = "https://w3id.org/newskg/id/"


@given(st.text(max_size=300))
def test_any_name_gives_a_valid_absolute_iri(name):
    iri = mint(BASE, "entity", name)
    pyoxigraph.NamedNode(str(iri))  # raises on an invalid IRI
    assert str(iri).startswith(BASE) and len(str(iri)) < len(BASE) + 100


@given(st.text(min_size=1, max_size=60))
def test_canonically_equal_names_share_an_iri(name):
    assert mint(BASE, "entity", unicodedata.normalize("NFD", name)) == mint(
        BASE, "entity", unicodedata.normalize("NFC", name)
    )


@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_distinct_names_get_distinct_iris(a, b):
    def canon(s):
        return unicodedata.normalize("NFC", s).casefold()

    if canon(a) != canon(b):
        assert slug(a) != slug(b) or _same_but_for_light_punctuation(canon(a), canon(b))


def _same_but_for_light_punctuation(a, b):
    import re

    strip = re.compile(r"[\s\-_.,'’‘`\"“”()]+")
    return strip.sub("", a) == strip.sub("", b)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Islamic State", "islamic-state"),
        ("Syrian Democratic Forces", "syrian-democratic-forces"),
        ("U.S.", "u-s"),
        ("Brett McGurk", "brett-mcgurk"),
    ],
)
def test_readable_slugs(name, expected):
    assert slug(name) == expected


def test_hostile_names():
    cyrillic = "R\u0430qqa"  # Cyrillic a
    assert mint(BASE, "entity", cyrillic) != mint(BASE, "entity", "Raqqa")
    for name in [
        'say "hi"',
        "<script>",
        "a{b}|c^d`e",
        "tab\tnew\nline",
        "nul\x00x",
        "lone \ud800 surrogate",
        "x" * 10_000,
        "",
        "!!!",
        "الرقة",
    ]:
        pyoxigraph.NamedNode(str(mint(BASE, "entity", name)))
    assert slug("الرقة") == "الرقة"


def test_events_and_assertions_are_hashed_and_stable():
    assert mint(BASE, "event", "doc", "3:14") == mint(BASE, "event", "doc", "3:14")
    assert mint(BASE, "event", "doc", "3:14") != mint(BASE, "event", "doc", "3:15")


def test_bad_base_is_a_usage_error():
    for bad in ("not an iri", "https://example.org/id", "", "http://x/ y/"):
        with pytest.raises(UsageError):
            check_base(bad)
    assert check_base("https://example.org/id#") == "https://example.org/id#"
