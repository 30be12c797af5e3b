"""How long `kg validate` takes, against references measured in the same run.

    .venv/bin/python bench/validate.py [--copies 1,4,16] [--repeat 3]

The graph is every article of ../shared/corpus built together (the example article when
the corpus is absent), copied N times under distinct IRIs to see how time grows. For each
size it prints, best of --repeat runs:

- parse:    reading graph.ttl with kg.store.graphio.load_graph (the floor: any check reads the file);
- kg:       kg.check.validate.validate (no inference; kg.ttl's subclass triples mixed into a copy);
- rdfs:     pySHACL with inference="rdfs" over the whole ontology, the other way to get subclass
            closure; it also infers types from rdfs:range, which hides an agent that is a place
            (the "found" column shows how many violations each way reports);

and the ratios kg/parse and kg/rdfs. Nothing here asserts a time; it reports.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.check.validate import default_shapes, load_shapes, validate  # noqa: E402
from kg.paths import data_dir  # noqa: E402
from kg.rdf.namespace import DEFAULT_BASE  # noqa: E402
from kg.store.graphio import load_graph  # noqa: E402


def corpus_graph(out: Path) -> Graph:
    corpus = ROOT.parent / "shared" / "corpus"
    paths = sorted(corpus.glob("*.txt")) + sorted(corpus.glob("html/*.html")) if corpus.is_dir() else []
    build([str(p) for p in paths] or [str(ROOT / "examples" / "raqqa_wall.txt")], out_dir=out)
    return load_graph(out / "graph.ttl")


def copies(graph: Graph, n: int) -> Graph:
    """`n` disjoint copies of the graph: copy i's minted IRIs live under DEFAULT_BASE + 'c<i>/'."""
    out = Graph()

    def move(node, i):
        if isinstance(node, URIRef) and str(node).startswith(DEFAULT_BASE):
            return URIRef(f"{DEFAULT_BASE}c{i}/{str(node)[len(DEFAULT_BASE) :]}")
        return node

    for i in range(n):
        for s, p, o in graph:
            out.add((move(s, i), p, move(o, i)))
    return out


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="1,4,16")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import pyshacl

    ontology = Graph().parse(data_dir("ontology") / "kg.ttl")
    shapes = load_shapes(default_shapes())
    with tempfile.TemporaryDirectory() as tmp:
        base = corpus_graph(Path(tmp) / "built")
        print(
            f"{'copies':>6} {'triples':>8} {'parse s':>8} {'kg s':>8} {'rdfs s':>8} {'kg/parse':>9} {'kg/rdfs':>8}  found kg/rdfs"
        )
        for n in (int(c) for c in args.copies.split(",")):
            path = Path(tmp) / f"graph-{n}.ttl"
            copies(base, n).serialize(path, format="turtle")
            t_parse, graph = best(lambda path=path: load_graph(path), args.repeat)
            t_kg, report = best(lambda graph=graph: validate(graph), args.repeat)
            t_rdfs, (_, results, _) = best(
                lambda graph=graph: pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="rdfs"),
                args.repeat,
            )
            found_rdfs = sum(
                1 for r in results.subjects(RDF.type, SH.ValidationReport) for _ in results.objects(r, SH.result)
            )
            print(
                f"{n:>6} {len(graph):>8} {t_parse:>8.2f} {t_kg:>8.2f} {t_rdfs:>8.2f} {t_kg / t_parse:>9.2f} "
                f"{t_kg / t_rdfs:>8.2f}  {len(report.violations)}/{found_rdfs}"
            )


if __name__ == "__main__":
    main()
