"""What hardening costs and what it bounds, each against a reference measured in the same run.

    python bench/harden_bench.py

1. kg's RDF writer (kg.rdf.turtle: checked IRIs, sorted) against rdflib's Turtle writer,
   on a graph of many documents.
2. Reading a saved web page through kg (its own decoding, trafilatura in a child process)
   against trafilatura called in-process on the same bytes: per page with the child warm,
   and the one-off cost of starting the child.
3. A page that makes trafilatura crawl (short <div>s, quadratic in its fallback) read with
   kg's time limit, against trafilatura left to finish in-process.
4. A 60 MB page refused from its size, against reading a normal page.

Not a test: numbers depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from kg.rdf import serialize
from kg.rdf.graph import KnowledgeGraph
from kg.read.encoding import decode_page
from kg.read.ingest import Skipped, read_documents
from kg.util.child import Child

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REPEATS = 5


def best(run) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def writer() -> None:
    from kg.extract import Extractor

    texts = sorted((SHARED / "corpus").glob("[0-9]*.txt")) or [ROOT / "examples" / "raqqa_wall.txt"]
    documents = [d for d in read_documents(texts, published="2017-07-06") if not isinstance(d, Skipped)]
    facts = list(Extractor().extract(documents))
    graph = KnowledgeGraph()
    for copy in range(20):  # the same facts under 20 document ids: a graph of a few hundred articles' size
        for f in facts:
            graph.add(replace(f, document=replace(f.document, id=f"{copy}-{f.document.id}")))
    graph.consolidate()
    union = graph.union()
    ours = best(lambda: serialize.turtle(union))
    theirs = best(lambda: union.serialize(format="turtle", encoding="utf-8"))
    trig = best(lambda: serialize.trig(graph.dataset, graph.base))
    print(f"1. writer, {len(union):,} triples:")
    print(
        f"   rdflib turtle {theirs:.3f} s   kg turtle {ours:.3f} s   ratio {ours / theirs:.2f}   kg trig {trig:.3f} s"
    )


def pages() -> None:
    import trafilatura

    found = sorted((SHARED / "corpus" / "html").glob("*.html")) or [ROOT / "tests" / "data" / "page.html"]
    data = [(p, p.read_bytes()) for p in found]

    def in_process():
        for _, raw in data:
            trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False)

    started = time.perf_counter()
    child = Child("kg.read.pages")
    child.ask(decode_page(data[0][1], data[0][0]), timeout=60)
    cold = time.perf_counter() - started

    def through_kg():
        for path, raw in data:
            child.ask(decode_page(raw, path), timeout=60)

    try:
        reference, ours = best(in_process), best(through_kg)
    finally:
        child.close()
    n = len(data)
    print(f"2. {n} saved page(s), per page: trafilatura in-process {reference / n:.3f} s   through kg {ours / n:.3f} s")
    print(f"   ratio {ours / reference:.2f}; starting the child once (with its first page): {cold:.3f} s")


def crawl(seconds: float = 2.0) -> None:
    import trafilatura

    article = (
        "<article><p>Rebels seized the town of Kilmora on Monday after heavy fighting, officials said.</p></article>"
    )
    page = f"<html><body>{article}{''.join(f'<div>item {n}</div>' for n in range(12_000))}</body></html>"
    started = time.perf_counter()
    trafilatura.bare_extraction(page.encode(), with_metadata=True, include_comments=False, include_tables=False)
    reference = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crawl.html"
        path.write_text(page, encoding="utf-8")
        started = time.perf_counter()
        (item,) = list(read_documents([path], page_seconds=seconds))
        ours = time.perf_counter() - started
    outcome = "stopped" if isinstance(item, Skipped) else "read"
    print(f"3. {len(page) / 1e6:.2f} MB of short <div>s: trafilatura in-process {reference:.2f} s;")
    print(f"   kg with a {seconds:g} s limit {ours:.2f} s ({outcome}); ratio {ours / reference:.2f}")


def refuse() -> None:
    with tempfile.TemporaryDirectory() as folder:
        huge, normal = Path(folder) / "huge.html", Path(folder) / "normal.html"
        body = "<p>Rebels seized the town of Kilmora on Monday after heavy fighting, officials said.</p>" * 20
        normal.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
        with huge.open("wb") as handle:
            chunk = body.encode() * 100
            while handle.tell() < 60_000_000:
                handle.write(chunk)
        refused = best(lambda: list(read_documents([huge])))
        read = best(lambda: list(read_documents([normal])))
    print(
        f"4. 60 MB page refused in {refused * 1000:.2f} ms; a 2 kB page read in {read * 1000:.1f} ms (child start included)"
    )


if __name__ == "__main__":
    writer()
    pages()
    crawl()
    refuse()
