"""How long extraction takes per article once the model is loaded, against bare spaCy.

    python bench/extract_bench.py [ARTICLE.txt ...]     (default: ../shared/corpus/*.txt)

Prints, for each article and in total, seconds per article for spaCy's own `nlp(text)`
(the reference, measured in the same run) and for kg's full extraction (parse + entities,
coreference, events, relations, quantities), the ratio of the two, and seconds per 600
words. The target of the events issue: a 600-word article in under one second.
Not a test: numbers depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from kg.extract import Extractor
from kg.read.ingest import read_documents

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 5


def main(paths: list[str]) -> None:
    if not paths:
        corpus = ROOT.parent / "shared" / "corpus"
        paths = sorted(str(p) for p in corpus.glob("[0-9]*.txt"))
    if not paths:
        sys.exit("no articles: pass paths, or put ../shared/corpus beside the checkout")
    documents = [d for d in read_documents(paths) if hasattr(d, "text")]
    extractor = Extractor()  # loads the model once, outside the timings
    extractor.extract_one(documents[0])  # warm caches (matchers, lexicon)
    print(f"{'article':36} {'words':>6} {'spaCy s':>8} {'kg s':>8} {'ratio':>6} {'kg s/600w':>10}")
    totals = [0, 0.0, 0.0]
    for document in documents:
        words = len(document.text.split())
        bare = _best(lambda d=document: extractor.nlp(d.text))
        full = _best(lambda d=document: extractor.extract_one(d))
        totals[0] += words
        totals[1] += bare
        totals[2] += full
        print(f"{document.id[:36]:36} {words:6d} {bare:8.3f} {full:8.3f} {full / bare:6.2f} {full * 600 / words:10.3f}")
    words, bare, full = totals
    print(f"{'TOTAL':36} {words:6d} {bare:8.3f} {full:8.3f} {full / bare:6.2f} {full * 600 / words:10.3f}")
    print(
        f"kg reads a 600-word article in {full * 600 / words:.3f} s once the model is loaded "
        f"({full / bare:.2f}x bare spaCy on the same texts in this run)"
    )


def _best(run) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    main(sys.argv[1:])
