"""Building again never doubles anything: the same document read twice, in one run or in
two, gives the graph it gives once, byte for byte."""

from __future__ import annotations

import json
import shutil

from ..cli.test_build_cli import kg
from ..conftest import EXAMPLE
from ..rdf.independent import oxigraph_dataset


def built(tmp_path, name, *inputs) -> dict[str, bytes]:
    out = tmp_path / name
    result = kg("build", *inputs, "-o", out, "--published", "2017-07-06")
    assert result.returncode == 0, result.stderr
    return {f: (out / f).read_bytes() for f in ("graph.ttl", "graph.trig")}


def test_a_second_build_into_the_same_folder_gives_the_same_bytes(tmp_path):
    first = built(tmp_path, "out", EXAMPLE)
    assert built(tmp_path, "out", EXAMPLE) == first


def test_a_document_named_twice_or_found_again_in_a_folder_is_built_once(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    once = built(tmp_path, "once", folder / EXAMPLE.name)
    assert built(tmp_path, "again", folder / EXAMPLE.name, folder / EXAMPLE.name, folder) == once


def test_a_jsonl_record_repeated_replaces_its_earlier_reading(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    first = {"id": "raqqa", "text": text.replace("Raqqa", "Tabqa"), "date": "2017-07-06"}
    second = {"id": "raqqa", "text": text, "date": "2017-07-06"}
    both = tmp_path / "both.jsonl"
    both.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    only = tmp_path / "only.jsonl"
    only.write_text("\n" + json.dumps(second) + "\n", encoding="utf-8")  # on line 2, as in both.jsonl
    repeated, single = built(tmp_path, "both", both), built(tmp_path, "only", only)
    graphs = {str(g.identifier) for g in oxigraph_dataset(tmp_path / "both" / "graph.trig", "trig").graphs()}
    assert graphs == {"https://w3id.org/newskg/id/doc-raqqa", "urn:x-rdflib:default"}
    assert b"Tabqa" not in repeated["graph.ttl"]
    assert repeated["graph.ttl"].replace(b"both.jsonl", b"only.jsonl") == single["graph.ttl"]


def test_a_run_that_reads_nothing_leaves_the_last_graph_alone(tmp_path):
    before = built(tmp_path, "out", EXAMPLE)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"%PDF-1.7 not an article")
    result = kg("build", broken, "-o", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "broken.txt: binary data" in result.stderr
    assert result.stdout.startswith("Read 0 documents") and "wrote nothing" in result.stdout
    assert {f: (tmp_path / "out" / f).read_bytes() for f in before} == before
