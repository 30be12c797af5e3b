"""Every file kg writes parses with a parser that is not the one kg wrote it with, and says the
same graph: kg build's graph.ttl and graph.trig and every format of kg export, from articles
whose text holds quotes, markup, backslashes and line separators, read by pyoxigraph, and by
Debian's serdi and rapper where installed (.ci/run installs them; skipped, saying so, without)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from rdflib.compare import isomorphic

from .cli.test_build_cli import kg
from .conftest import DATA, EXAMPLE
from .rdf.independent import debian_tool_graph, oxigraph_dataset, oxigraph_graph

SYNTAX = {"ttl": "turtle", "trig": "trig", "nt": "ntriples", "nq": "nquads", "jsonld": "jsonld"}
AWKWARD = {
    "id": "awkward-1",
    "url": "https://news.example.org/a?b=1&c=<2>",
    "date": "2017-07-06",
    "title": 'The "Front" \\ <b>backslash</b>\u2028 title',
    "text": (
        'Fighters of the "Free Kilmora" Brigade seized the town of Kilmora on Monday, officials said.\n\n'
        "The Syrian Democratic Forces attacked the <img src=x> Front in Raqqa on Tuesday \\o/ \u2029 a spokesman said."
    ),
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outputs")
    articles = folder / "awkward.jsonl"
    articles.write_text(json.dumps(AWKWARD) + "\n", encoding="utf-8")
    result = kg("build", EXAMPLE, DATA / "page.html", articles, "-o", folder, "--published", "2017-07-06")
    assert result.returncode == 0, result.stderr
    files = {"ttl": folder / "graph.ttl", "trig": folder / "graph.trig"}
    for fmt in ("ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf"):
        out = folder / f"export.{fmt}"
        exported = kg("export", "--graph", folder / "graph.trig", "-o", out)
        assert exported.returncode == 0, exported.stderr
        files[f"export {fmt}"] = out
    return files


def meant(written):
    """The graph kg built, as pyoxigraph reads its TriG: every document's triples together."""
    return oxigraph_graph(written["trig"], "trig")


@pytest.mark.parametrize("parser", ["pyoxigraph", "serdi", "rapper"])
def test_every_rdf_file_kg_writes_reads_back_as_the_graph_it_built(written, parser):
    graph = meant(written)
    assert len(graph) > 300 and any('"Front" \\ <b>' in str(o) for o in graph.objects())
    for name, path in written.items():
        syntax = SYNTAX.get(path.suffix.lstrip("."))
        if syntax is None or (syntax == "jsonld" and parser != "pyoxigraph"):
            continue  # GraphML and GEXF below; serdi and rapper do not read JSON-LD
        read = oxigraph_graph(path, syntax) if parser == "pyoxigraph" else debian_tool_graph(parser, path, syntax)
        assert isomorphic(read, graph), f"{name} ({parser}) reads as another graph"


def test_trig_and_nquads_keep_one_named_graph_per_document(written):
    for name in ("trig", "export trig", "export nq"):
        syntax = "trig" if name.endswith("trig") else "nquads"
        graphs = {str(g.identifier) for g in oxigraph_dataset(written[name], syntax).graphs() if len(g)}
        assert {g.rsplit("/", 1)[1] for g in graphs} == {"doc-raqqa-wall-txt", "doc-page-html", "doc-awkward-1"}, name


def test_graphml_and_gexf_are_well_formed_xml_that_graph_tools_read(written):
    for name in ("export graphml", "export gexf"):
        ET.parse(written[name])  # the standard library's own XML parser
    drawn = nx.read_graphml(written["export graphml"])
    assert drawn.number_of_nodes() > 20
    labels = {data.get("label") for _, data in drawn.nodes(data=True)}
    assert "Syrian Democratic Forces" in labels
    gexf = nx.read_gexf(written["export gexf"])
    assert gexf.number_of_nodes() == drawn.number_of_nodes()
