"""The extractor's own output against the shapes: the example and every article of ../shared/corpus.

Each article is built alone with kg.build.build (as `kg build` does), and all of them once
more together (cross-document consolidation must keep the promises too); each graph is
read back from its graph.ttl and validated. A failing graph is a bug in the extractor or in
a shape: the failure prints each violation with its node, constraint and sentence.
"""

from __future__ import annotations

import re

import pytest

from kg.build import build
from kg.check.validate import ValidationReport, validate
from kg.store.graphio import load_graph

from ..conftest import SHARED, shared_path

CORPUS = SHARED / "corpus"
ARTICLES = (
    sorted(p.name for p in CORPUS.glob("*.txt")) + sorted(f"html/{p.name}" for p in CORPUS.glob("html/*.htm*"))
    if CORPUS.is_dir()
    else ["00_raqqa.txt"]  # collected, then skipped by shared_path
)
TOGETHER = "all articles together"


def published_dates() -> dict[str, str]:
    """Publication dates from the corpus README's table (articles with a month only get none)."""
    table = (CORPUS / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| (\S+) \| [^|]*?(\d{4}-\d{2}-\d{2})", table, flags=re.M))


@pytest.fixture(scope="session")
def corpus_reports(tmp_path_factory) -> dict[str, ValidationReport]:
    """Every article built alone and all together, each graph.ttl read back and validated."""
    folder = shared_path("corpus")
    dates = published_dates()
    reports = {}
    for name in ARTICLES:
        out = tmp_path_factory.mktemp("corpus")
        build([str(folder / name)], out_dir=out, published=dates.get(name))
        reports[name] = validate(load_graph(out / "graph.ttl"), source=name)
    out = tmp_path_factory.mktemp("corpus-all")
    build([str(folder / name) for name in ARTICLES], out_dir=out)
    reports[TOGETHER] = validate(load_graph(out / "graph.ttl"), source=TOGETHER)
    return reports


@pytest.fixture(scope="session")
def example_report(example_build) -> ValidationReport:
    out, _ = example_build
    return validate(load_graph(out / "graph.ttl"), source="example")


def test_the_example_graph_conforms(example_report):
    assert example_report.conforms, example_report.to_text()


@pytest.mark.parametrize("name", [*ARTICLES, TOGETHER])
@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_graph_conforms(corpus_reports, name):
    report = corpus_reports[name]
    assert report.conforms, report.to_text()
