"""Question headers, parameter types, and binding values as terms, never as text."""

import re

import pytest

from kg.errors import UsageError
from kg.query import list_queries, load_query
from kg.query.spec import parse

HEADED = """# title: Events in a place
# description: What happened there,
#   in time order.
# param place (string, required): the place's name,
#   in any case
# param from (date, optional): events on or after this date
# param min (integer, default 2): at least this many
# param who (string, default "Islamic State"): an actor
# A note that is not part of the header.
SELECT ?e WHERE {
  ?e ?p ?place ; ?q ?from ; ?r ?who .
  FILTER(?e > ?min)
}
"""


def test_the_header_is_read():
    q = parse(HEADED, "events", "events.rq", strict=True)
    assert q.title == "Events in a place"
    assert q.description == "What happened there, in time order."
    assert [(p.name, p.type, p.required, p.default) for p in q.params] == [
        ("place", "string", True, None),
        ("from", "date", False, None),
        ("min", "integer", False, "2"),
        ("who", "string", False, "Islamic State"),
    ]
    assert q.params[0].about == "the place's name, in any case"


def test_values_are_bound_as_terms_in_a_values_block_at_the_top_of_where():
    q = parse(HEADED, "events", "events.rq")
    bound = q.bind({"place": 'x" } UNION { ?s ?p ?o } #', "from": "2014-06"})
    _, rest = bound.split("WHERE {", 1)
    assert rest.startswith(
        ' VALUES (?place ?from ?min ?who) { ("x\\" } UNION { ?s ?p ?o } #" '
        '"2014-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> '
        '"2"^^<http://www.w3.org/2001/XMLSchema#integer> "Islamic State") } '
    )
    # everything after the binding is the file's text, on the same lines
    assert bound.count("\n") == HEADED.count("\n")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"place": "x", "plcae": "y"}, "no parameter called 'plcae'; its parameters: place, from, min, who"),
        ({}, "needs --param place=... (the place's name, in any case)"),
        ({"place": "x", "min": "two"}, "--param min=two: min takes a whole number"),
        ({"place": "x", "from": "2014-13"}, "--param from=2014-13: from takes a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"place": "x", "from": "yesterday"}, "from takes a date"),
    ],
)
def test_unknown_missing_and_mistyped_parameters_are_usage_errors(values, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        parse(HEADED, "events", "events.rq").bind(values)


def test_every_type_turns_text_into_its_term():
    text = "# param a (integer, optional): x\n# param b (decimal, optional): x\n# param c (boolean, optional): x\n"
    text += "# param d (date, optional): x\n# param e (iri, optional): x\nSELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    q = parse(text, "t", "t.rq")
    terms = {
        p.name: str(p.term(v))
        for p, v in zip(q.params, ["+7", "0.50", "yes", "2017-07-04", "https://e.org/x"], strict=True)
    }
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert terms == {
        "a": f'"7"^^<{xsd}integer>',
        "b": f'"0.50"^^<{xsd}decimal>',
        "c": f'"true"^^<{xsd}boolean>',
        "d": f'"2017-07-04"^^<{xsd}date>',
        "e": "<https://e.org/x>",
    }
    for param, bad in zip(q.params, ["1.5", "NaN", "maybe", "2017-02-30", "not an iri"], strict=True):
        with pytest.raises(UsageError, match=f"--param {param.name}="):
            param.term(bad)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# param x string: no parentheses\nSELECT ?x WHERE { ?x ?p ?o }", "q.rq:1: cannot read this parameter"),
        ("# param x (colour, optional): x\nSELECT ?x WHERE { ?x ?p ?o }", "q.rq:1: unknown parameter type 'colour'"),
        (
            "# param y (string, optional): x\nSELECT ?x WHERE { ?x ?p ?o }",
            "parameter 'y' is declared but ?y is not in the query",
        ),
        ("# param n (integer, default x): x\nSELECT ?n WHERE { ?n ?p ?o }", "q.rq:1: the default does not fit"),
        ("# param x (string, optional): a\n# param x (string, optional): b\nSELECT ?x { ?x ?p ?o }", "declared twice"),
    ],
)
def test_a_header_that_cannot_be_read_says_where(text, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        parse(text, "q", "q.rq")


def test_the_library_needs_titles_and_descriptions_and_has_them():
    with pytest.raises(UsageError, match="needs `# title:` and `# description:`"):
        parse("SELECT * WHERE { ?s ?p ?o }", "x", "x.rq", strict=True)
    queries = list_queries()
    assert all(q.title and q.description for q in queries)
    assert {q.name for q in queries} >= {
        "actor-events",
        "place-timeline",
        "place-control",
        "group-composition",
        "backers",
        "capitals-and-locations",
        "people-roles",
        "fact-sources",
        "alias-lookup",
        "co-occurrence",
        "class-counts",
    }


def test_questions_are_found_by_name_or_path(tmp_path):
    assert load_query("backers").name == "backers"
    own = tmp_path / "mine.rq"
    own.write_text("SELECT * WHERE { ?s ?p ?o }")
    assert load_query(str(own)).params == ()
    with pytest.raises(UsageError, match="no question called 'nope'; `kg query --list` shows them"):
        load_query("nope")
    with pytest.raises(UsageError, match=r"missing\.rq: no such query file"):
        load_query(str(tmp_path / "missing.rq"))
    (tmp_path / "latin.rq").write_bytes("# title: caf\xe9\nSELECT * {}".encode("latin-1"))
    with pytest.raises(UsageError, match=r"latin\.rq: not UTF-8"):
        load_query(str(tmp_path / "latin.rq"))


def test_a_sub_select_gets_the_values_it_uses_and_the_answer_is_the_same():
    from kg.query import from_text

    text = (
        "# param place (string, required): x\n"
        "SELECT ?here WHERE {\n"
        "  { SELECT DISTINCT ?here WHERE { ?here <http://e/label> ?n FILTER(LCASE(?n) = LCASE(?place)) } }\n"
        "}\n"
    )
    bound = from_text(text).bind({"place": "Raqqa"})
    assert bound.count('VALUES (?place) { ("Raqqa") }') == 1
    assert bound.index("VALUES") > bound.index("SELECT DISTINCT")
