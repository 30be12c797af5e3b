"""Reading SPARQL without running it: the read-only guard and where parameters are bound."""

import pytest

from kg.errors import UsageError
from kg.query.sparql_text import binding_sites, check_read_only, variables, where_offset


@pytest.mark.parametrize(
    ("query", "word", "line", "col"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE", 1, 18),
        ("SELECT * WHERE {\n  SeRvIcE SILENT <http://x/> { ?s ?p ?o } }", "SERVICE", 2, 3),
        ("SELECT * WHERE { ?s ?p ?o }SERVICE<http://x/>{ }", "SERVICE", 1, 28),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT", 1, 1),
        ("PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }", "DELETE", 2, 1),
        ("LOAD <http://example.org/data.ttl>", "LOAD", 1, 1),
        ("CLEAR ALL", "CLEAR", 1, 1),
        ("DROP GRAPH <a:g>", "DROP", 1, 1),
        ("CREATE GRAPH <a:g>", "CREATE", 1, 1),
        ("WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH", 1, 1),
        ("SELECT * WHERE { ?s ?p ?o } ; copy <a:g> TO <a:h>", "COPY", 1, 31),
    ],
)
def test_update_and_service_are_refused_where_they_stand(query, word, line, col):
    with pytest.raises(UsageError) as caught:
        check_read_only(query, "q.rq")
    message = str(caught.value)
    assert message.startswith(f"q.rq:{line}:{col}: {word} is refused")
    assert ("network" in message) if word == "SERVICE" else ("read-only" in message)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> { INSERT }" }',
        "SELECT * WHERE { ?s ?p '''LOAD\nDROP''' }",
        "# SERVICE and DELETE in a comment\nSELECT * WHERE { ?s ?p ?o }",
        "PREFIX service: <http://e/>\nSELECT * WHERE { ?s service:load ?insert . ?delete a service:Drop }",
        "SELECT * WHERE { ?s <http://e/SERVICE#load> ?o }",
        'SELECT * WHERE { ?s ?p ?o FILTER(?o = "x"@service) }',
        "SELECT ?copy ?move WHERE { ?copy ?add ?move }",
    ],
)
def test_the_same_words_in_strings_names_and_comments_are_only_words(query):
    check_read_only(query, "q.rq")


def test_where_offset_is_the_brace_of_the_where_clause():
    cases = {
        "SELECT * WHERE { ?s ?p ?o }": "SELECT * WHERE {",
        "SELECT * { ?s ?p ?o }": "SELECT * {",
        "SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?s ?p ?o }": "SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE {",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }": "CONSTRUCT { ?s ?p ?o } WHERE {",
        "CONSTRUCT WHERE { ?s ?p ?o }": "CONSTRUCT WHERE {",
        "ASK { ?s ?p ?o }": "ASK {",
        "PREFIX x: <http://e/{}>\n# { not this\nSELECT * FROM <a:g> WHERE { ?s ?p ?o }": "WHERE {",
    }
    for query, head in cases.items():
        at = where_offset(query)
        assert at is not None and query[:at].endswith(head), query
    assert where_offset("DESCRIBE <http://e/x>") is None


def test_variables_are_found_with_either_sigil():
    assert variables("SELECT ?a $b WHERE { ?a <p> $b ; <q> ?c_1 . FILTER(?a != '?x') }") == {"a", "b", "c_1"}


def test_binding_sites_are_the_where_clauses_of_the_query_and_of_each_sub_select():
    query = """SELECT ?a (COUNT(?x) AS ?n) WHERE {
  { SELECT DISTINCT ?here WHERE { ?here ?p ?name FILTER(?name = ?place) } }
  ?a ?b ?here . FILTER(?n > ?min)
  OPTIONAL { SELECT ?a (COUNT(*) AS ?k) WHERE { ?a ?q ?r . { SELECT ?r WHERE { ?r ?z ?deep } } } GROUP BY ?a }
} GROUP BY ?a"""
    sites = {query[at - 10 : at]: names for at, names in binding_sites(query)}
    assert sites == {
        "n) WHERE {": {"a", "b", "here", "min", "n", "x"},
        "re WHERE {": {"here", "name", "p", "place"},
        "k) WHERE {": {"a", "k", "q", "r"},
        "?r WHERE {": {"deep", "r", "z"},
    }
