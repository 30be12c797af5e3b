"""kg.export: every format reads back as the same graph, and the same graph gives the same bytes."""

import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import UsageError
from kg.export import FORMATS, ExportFormat, export, register
from kg.rdf.mapping import document_iri, document_triples
from kg.rdf.namespace import DEFAULT_BASE
from kg.store.embedded import GraphStore

from ..conftest import load_seed_facts

GRAPH_FORMATS = {
    "ttl": ("turtle", ox.RdfFormat.TURTLE),
    "nt": ("nt", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
}
DATASET_FORMATS = {"trig": ("trig", ox.RdfFormat.TRIG), "nq": ("nquads", ox.RdfFormat.N_QUADS)}


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed_files):
    path = tmp_path_factory.mktemp("export-store") / "store"
    with GraphStore(path) as store:
        for facts in load_seed_facts():
            store.put(document_iri(DEFAULT_BASE, facts.document.id), document_triples(facts, DEFAULT_BASE))
        store.settle()
    return path


def oxigraph_quads(path, fmt):
    return {
        (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
        for q in ox.parse(path=str(path), format=fmt)
    }


@pytest.mark.parametrize("name", sorted(GRAPH_FORMATS))
def test_graph_formats_read_back_as_the_union(tmp_path, seed_files, name):
    rdflib_format, ox_format = GRAPH_FORMATS[name]
    out = export(tmp_path / f"g.{name}", graph=seed_files / "graph.trig")
    expected = Graph().parse(seed_files / "graph.ttl")
    assert isomorphic(Graph().parse(out, format=rdflib_format), expected)
    assert oxigraph_quads(out, ox_format) == oxigraph_quads(seed_files / "graph.ttl", ox.RdfFormat.TURTLE)


@pytest.mark.parametrize("name", sorted(DATASET_FORMATS))
def test_dataset_formats_keep_one_graph_per_document(tmp_path, seed_files, name):
    _, ox_format = DATASET_FORMATS[name]
    out = export(tmp_path / f"g.{name}", graph=seed_files / "graph.trig")
    quads = oxigraph_quads(out, ox_format)
    assert quads == oxigraph_quads(seed_files / "graph.trig", ox.RdfFormat.TRIG)
    assert {q[3] for q in quads} == {f"<{DEFAULT_BASE}doc-seed-raqqa-txt>", f"<{DEFAULT_BASE}doc-seed-mosul-txt>"}


def test_a_store_and_the_files_of_the_same_graph_export_the_same_bytes(tmp_path, seed_files, seed_store):
    for name in FORMATS:
        from_store = export(tmp_path / f"store.{name}", store=seed_store).read_bytes()
        from_trig = export(tmp_path / f"trig.{name}", graph=seed_files / "graph.trig").read_bytes()
        assert from_store == from_trig, name
    # and what kg build wrote is what export writes
    assert (tmp_path / "store.trig").read_bytes() == (seed_files / "graph.trig").read_bytes()
    assert (tmp_path / "store.ttl").read_bytes() == (seed_files / "graph.ttl").read_bytes()


def test_same_graph_same_bytes_under_any_hash_seed(tmp_path, seed_files):
    runs = []
    for seed in ("0", "777"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = tmp_path / seed
        out.mkdir()
        for name in FORMATS:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "kg",
                    "export",
                    "--graph",
                    str(seed_files / "graph.trig"),
                    "-o",
                    str(out / f"g.{name}"),
                ],
                check=True,
                env=env,
                capture_output=True,
            )
        runs.append({name: (out / f"g.{name}").read_bytes() for name in FORMATS})
    assert runs[0] == runs[1]


def test_jsonld_is_sorted_and_keeps_literal_types(tmp_path, seed_files):
    data = json.loads(export(tmp_path / "g.jsonld", graph=seed_files / "graph.ttl").read_text(encoding="utf-8"))
    ids = [node["@id"] for node in data["@graph"]]
    assert ids == sorted(ids)
    capture = next(n for n in data["@graph"] if "kg:Capture" in n.get("@type", []) and n["kg:trigger"] == ["overran"])
    assert {"@value": "2014", "@type": "xsd:gYear"} in capture["kg:time"]
    assert data["@context"]["kgr"] == DEFAULT_BASE


def test_a_turtle_file_exports_to_trig_as_an_unnamed_graph(tmp_path, seed_files):
    out = export(tmp_path / "g.trig", graph=seed_files / "graph.ttl")
    dataset = Dataset()
    dataset.parse(out, format="trig")
    assert isomorphic(dataset.default_graph, Graph().parse(seed_files / "graph.ttl"))


def test_the_format_comes_from_the_name_or_is_asked_for(tmp_path, seed_files):
    out = export(tmp_path / "graph.data", graph=seed_files / "graph.ttl", fmt="nt")
    assert out.read_text(encoding="utf-8").startswith("<")
    with pytest.raises(UsageError, match=r"graph\.data: cannot tell the format from the name; give --format"):
        export(tmp_path / "graph.data", graph=seed_files / "graph.ttl")
    with pytest.raises(UsageError, match="--format gif: unknown"):
        export(tmp_path / "g.gif", graph=seed_files / "graph.ttl", fmt="gif")
    with pytest.raises(UsageError, match="not both"):
        export(tmp_path / "g.nt", graph=seed_files / "graph.ttl", store=tmp_path)


def test_a_new_format_joins_through_one_register_call(tmp_path, seed_files):
    def count_lines(graph, base):
        return f"{len(graph)} triples under {base}\n".encode()

    register(ExportFormat("count", ".count", "how many triples", count_lines))
    try:
        out = export(tmp_path / "g.count", graph=seed_files / "graph.trig")
        assert out.read_text() == f"{len(Graph().parse(seed_files / 'graph.ttl'))} triples under {DEFAULT_BASE}\n"
    finally:
        del FORMATS["count"]
