"""kg build at corpus scale: throughput and peak memory against bare spaCy, and how both grow.

    python bench/scale_bench.py [--sizes 1000,10000] [--jobs 2] [--runs bare,kg,kg-jobs] [--corpus DIR]

For each size N, N articles are generated into a temporary folder by recombining sentences
of ../shared/corpus (seeded, so every run gets the same articles; never committed), then
measured, each as its own process from start to exit:

  bare     spaCy's own nlp.pipe over the same texts read from the same files, same model
           (the reference, measured in the same run)
  kg       kg build FOLDER -o OUT --fresh: text files to graph.ttl and graph.trig on disk
  kg-jobs  the same with --jobs J

Throughput is words per second of wall time (whitespace-separated words of the texts).
CPU is the user and system time of the whole process tree: on a machine whose other
users leave fewer cores free, --jobs can only be as fast as the free cores allow, and CPU
time shows how much the work itself grew. Peak memory is the largest sum of resident memory over the process and all its children,
sampled every 0.1 s (psutil), beside the largest single process's own peak
(resource.getrusage RUSAGE_CHILDREN). The issue's targets: kg >= 0.8x bare with one process,
kg-jobs faster than kg, peak memory flat from 1k to 10k articles and within 2 GB at 10k.
Not a test: numbers depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SEED = 20170706
BARE = """
import sys, time
from pathlib import Path
from kg.extract.pipeline import model_names
import spacy
for name in model_names():
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
texts = (p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt")))
for doc in nlp.pipe(texts):
    pass
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="article counts, comma-separated (default 1000,10000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the kg-jobs run (default 2)")
    parser.add_argument("--runs", default="bare,kg,kg-jobs", help="which of bare,kg,kg-jobs to run")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"), help="articles to recombine")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (default: a temporary folder)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs = [r.strip() for r in args.runs.split(",") if r.strip()]
    sentences, words_per_article = corpus_sentences(Path(args.corpus))
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-scale-"))
    kg = shutil.which("kg") or str(Path(sys.executable).parent / "kg")
    print(f"{len(sentences)} sentences from {args.corpus}; about {words_per_article} words an article")
    results: dict[int, dict[str, tuple[float, float, float]]] = {}
    try:
        for size in sizes:
            folder = work / f"articles-{size}"
            words = generate(folder, size, sentences, words_per_article)
            print(f"\n{size} articles, {words:,} words, in {folder}")
            commands = {
                "bare": [sys.executable, "-c", BARE, str(folder)],
                "kg": [kg, "build", str(folder), "-o", str(work / f"out-{size}-1"), "--fresh"],
                "kg-jobs": [
                    kg,
                    *("build", str(folder), "-o", str(work / f"out-{size}-{args.jobs}"), "--fresh"),
                    *("--jobs", str(args.jobs)),
                ],
            }
            results[size] = {}
            for name in runs:
                load = os.getloadavg()[0]
                seconds, tree_peak, single_peak, cpu = measure(commands[name])
                results[size][name] = (words / seconds, tree_peak, single_peak)
                print(
                    f"  {name:8} {seconds:8.1f} s {words / seconds:7.0f} words/s  cpu {cpu:7.1f} s  "
                    f"peak {tree_peak:6.0f} MB (tree), {single_peak:5.0f} MB (largest process)  "
                    f"load before {load:.1f} on {os.cpu_count()} cores",
                    flush=True,
                )
            report(results[size], args.jobs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if len(sizes) > 1:
        growth(results, sizes)


def corpus_sentences(corpus: Path) -> tuple[list[str], int]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        sys.exit(f"no articles in {corpus}: put ../shared/corpus beside the checkout or pass --corpus")
    sentences = []
    for text in texts:
        for paragraph in text.split("\n\n")[1:]:  # the first block is the headline
            sentences += [s.strip() for s in re.split(r"(?<=[.!?\"”’])\s+(?=[A-Z“\"])", paragraph) if s.strip()]
    return sentences, sum(len(t.split()) for t in texts) // len(texts)


def generate(folder: Path, size: int, sentences: list[str], words_per_article: int) -> int:
    """`size` articles of about `words_per_article` words: a headline, then paragraphs of sentences
    drawn at random (seeded) from the corpus. Returns the number of words written."""
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for number in range(size):
        body, words = [], 0
        while words < words_per_article:
            paragraph = [rng.choice(sentences) for _ in range(rng.randint(2, 4))]
            words += sum(len(s.split()) for s in paragraph)
            body.append(" ".join(paragraph))
        headline = " ".join(rng.choice(sentences).split()[:10]).rstrip(".,;:")
        text = f"{headline}\n\n" + "\n\n".join(body) + "\n"
        total += len(text.split())
        (folder / f"article-{number:05d}.txt").write_text(text, encoding="utf-8")
    return total


# Runs a command and reports the largest peak RSS among its process tree (getrusage of the
# children it waited for, which include theirs), so that each measurement has its own figure.
WRAPPER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print("maxrss", usage.ru_maxrss, "cpu", usage.ru_utime + usage.ru_stime, file=sys.stderr)
sys.exit(code)
"""


def measure(command: list[str]) -> tuple[float, float, float, float]:
    """Wall seconds, peak MB of the process tree's summed RSS, the largest single process's peak MB,
    and the CPU seconds of the whole tree."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", WRAPPER, *command], stderr=subprocess.PIPE)
    wrapper = psutil.Process(process.pid)
    tree_peak = 0
    while process.poll() is None:
        try:
            members = wrapper.children(recursive=True)  # the command and its workers, not the wrapper
            rss = 0
            for member in members:
                with contextlib.suppress(psutil.Error):  # a worker may end between listing and reading
                    rss += member.memory_info().rss
            tree_peak = max(tree_peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode != 0:
        sys.exit(f"{command[0]} failed with status {process.returncode}:\n{stderr[-2000:]}")
    single_kb, cpu = re.findall(r"^maxrss (\d+) cpu ([\d.]+)$", stderr, flags=re.M)[-1]  # KB on Linux
    return seconds, tree_peak / 2**20, int(single_kb) / 1024, float(cpu)


def report(result: dict[str, tuple[float, float, float]], jobs: int) -> None:
    bare = result.get("bare")
    one = result.get("kg")
    many = result.get("kg-jobs")
    if bare and one:
        print(f"  kg, one process:  {one[0] / bare[0]:.2f}x bare nlp.pipe throughput (target >= 0.8)")
    if bare and many:
        print(f"  kg --jobs {jobs}:      {many[0] / bare[0]:.2f}x bare nlp.pipe throughput")
    if one and many:
        print(f"  --jobs {jobs} over one process: {many[0] / one[0]:.2f}x (target > 1)")


def growth(results: dict, sizes: list[int]) -> None:
    small, large = sizes[0], sizes[-1]
    print(f"\nFrom {small} to {large} articles ({large / small:.0f}x the articles):")
    for name in results[large]:
        if name in results[small]:
            a, b = results[small][name], results[large][name]
            print(
                f"  {name:8} throughput {b[0] / a[0]:.2f}x, peak memory {b[1] / a[1]:.2f}x ({a[1]:.0f} -> {b[1]:.0f} MB)"
            )


if __name__ == "__main__":
    main()
