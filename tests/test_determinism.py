"""Same input, same bytes: every file and report kg writes, on every run, under any PYTHONHASHSEED.

Python salts str hashes per process, so set and dict order can differ between runs; kg
must never let that order reach what it writes. Each run below is a set of fresh processes
with its own PYTHONHASHSEED doing everything kg can write, from the same inputs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .cli.test_build_cli import kg
from .conftest import DATA, EXAMPLE

pytestmark = pytest.mark.slow

# Several documents of every input kind, so that merging and ordering across them is exercised.
INPUTS = [EXAMPLE, DATA / "page.html", DATA / "articles.jsonl"]
EXPORTS = ("ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf")
LIBRARY_WRITERS = """
import sys
from pathlib import Path
from kg.store.graphio import load_graph
from kg.rdf import serialize
from kg.rdf.graph import KnowledgeGraph
from kg.viz.export import to_gexf, to_graphml
from rdflib import Dataset

out = Path(sys.argv[1])
graph = load_graph(out / "graph.ttl")
(out / "graph.graphml").write_bytes(to_graphml(graph))
(out / "graph.gexf").write_bytes(to_gexf(graph))
(out / "graph.nt").write_bytes(serialize.ntriples(graph))
dataset = Dataset()
dataset.parse(out / "graph.trig", format="trig")
(out / "graph.nq").write_bytes(serialize.nquads(dataset))
"""


def everything_kg_writes(out: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    build = kg("build", *INPUTS, "-o", out, "--published", "2017-07-06", env=env)
    assert build.returncode == 1, build.stderr  # articles.jsonl has one malformed line, reported
    graph = out / "graph.ttl"
    outputs = {"build stdout": build.stdout.split(" in ")[0].encode(), "build stderr": build.stderr.encode()}
    for name, args in {
        "viz": ["viz", "--graph", graph, "-o", out / "graph.html"],
        "viz static": ["viz", "--graph", graph, "-o", out / "static.html", "--layout", "static"],
        "stats": ["stats", "--graph", graph],
        "stats json": ["stats", "--graph", graph, "--format", "json"],
        "validate": ["validate", "--graph", graph],
        "validate json": ["validate", "--graph", out / "graph.trig", "--format", "json"],
        "docs": ["docs", "-o", out / "ontology.md"],
        **{f"export {fmt}": ["export", "--graph", out / "graph.trig", "-o", out / f"export.{fmt}"] for fmt in EXPORTS},
        **{
            f"query {fmt}": ["query", "actor-events", "-p", "actor=IS", "--graph", graph, "--format", fmt]
            for fmt in ("table", "csv", "tsv", "json", "md")
        },
        "store": ["build", *INPUTS, "--store", out / "store", "--published", "2017-07-06"],
        "store export": ["export", "--store", out / "store", "-o", out / "from-store.trig"],
    }.items():
        result = kg(*args, env=env)
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, (name, result.stderr)
        outputs[name] = result.stdout.split(" in ")[0].encode() if name == "store" else result.stdout.encode()
    subprocess.run([sys.executable, "-c", LIBRARY_WRITERS, str(out)], env=env, check=True, timeout=300)
    for file in sorted(out.iterdir()):
        if file.is_file():  # the store folder is Oxigraph's own database; its export is compared
            outputs[file.name] = file.read_bytes()
    return outputs


def test_every_output_is_the_same_bytes_under_any_hash_seed(tmp_path):
    out = tmp_path / "out"  # the same folder each time: reports name the files they wrote
    first = everything_kg_writes(out, "0")
    shutil.rmtree(out)
    second = everything_kg_writes(out, "4242")
    assert {"graph.ttl", "graph.trig", "graph.html", "static.html", "ontology.md", "graph.graphml"} <= set(first)
    assert {"graph.gexf", "graph.nt", "graph.nq", "stats json", "validate json"} <= set(first)
    assert {f"export.{fmt}" for fmt in EXPORTS} | {"query json", "from-store.trig"} <= set(first)
    assert first.keys() == second.keys()
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"different bytes under another PYTHONHASHSEED: {differ}"
    assert all(first[name] for name in first if name != "build stderr" and not name.startswith("validate")), [
        name for name in first if not first[name]
    ]
