"""Streaming builds through the spool: the same graph as building in memory, and resumable."""

import shutil
import sqlite3

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build import build
from kg.build.spool import SPOOL_DIR, Spool
from kg.build.worker import Settings, code_fingerprint
from kg.errors import UsageError


def _dataset(path) -> Dataset:
    dataset = Dataset()
    dataset.parse(path, format="trig")
    return dataset


def _graph_names(dataset: Dataset) -> set:
    return {g.identifier for g in dataset.graphs() if len(g)}


@pytest.mark.slow
@pytest.mark.corpus
def test_streamed_files_are_the_in_memory_graph_of_the_whole_corpus(extractor, corpus_build):
    """The spool's assembly against KnowledgeGraph (one rdflib Dataset, consolidated in memory)."""
    from kg.rdf.graph import KnowledgeGraph
    from kg.read.ingest import read_documents

    corpus, out, report = corpus_build
    reference = KnowledgeGraph()
    documents = [d for d in read_documents([str(corpus)], published="2017-07-06") if hasattr(d, "text")]
    reference.add_all(extractor.extract(documents))
    reference.consolidate()
    union = reference.union()
    assert report.documents == len(documents) > 10
    assert report.triples == len(union)
    assert isomorphic(Graph().parse(out / "graph.ttl"), union)
    streamed = _dataset(out / "graph.trig")
    assert _graph_names(streamed) == set(reference.graph_names())
    for name in reference.graph_names():
        assert isomorphic(streamed.graph(name), reference.dataset.graph(name)), name


def test_a_rerun_reads_nothing_and_writes_the_same_bytes(handful, handful_build, tmp_path):
    out, first = handful_build
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    again = build([str(handful)], out_dir=copy, published="2017-07-06")
    assert (again.documents, again.resumed, again.read) == (first.documents, first.documents, 0)
    assert (again.events, again.relations, again.triples) == (first.events, first.relations, first.triples)
    for name in ("graph.ttl", "graph.trig"):
        assert (copy / name).read_bytes() == (out / name).read_bytes()


def test_only_changed_documents_are_read_and_removed_ones_leave_the_files(handful, handful_build, tmp_path):
    _, first = handful_build
    work, folder = tmp_path / "out", tmp_path / "in"
    shutil.copytree(handful, folder)
    assert build([str(folder)], out_dir=work, published="2017-07-06").read == first.documents
    (folder / "part1.txt").write_text("Raqqa\n\nKurdish fighters captured Tabqa on Monday.\n", encoding="utf-8")
    (folder / "part2.txt").unlink()
    report = build([str(folder)], out_dir=work, published="2017-07-06")
    assert report.documents == first.documents - 1
    assert report.read == 1 and report.resumed == first.documents - 2
    names = {str(n) for n in _graph_names(_dataset(work / "graph.trig"))}
    assert not any(n.endswith("part2-txt") for n in names)
    assert "Tabqa" in (work / "graph.ttl").read_text(encoding="utf-8")
    # the removed document is gone from the spool too, so it cannot come back unread
    spool = sqlite3.connect(work / SPOOL_DIR / "spool.sqlite3")
    assert spool.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == report.documents


def test_other_settings_or_fresh_read_everything_again(handful, handful_build, tmp_path):
    out, first = handful_build
    work = tmp_path / "out"
    shutil.copytree(out, work)
    other_base = build([str(handful)], out_dir=work, published="2017-07-06", base="https://example.org/id/")
    assert other_base.resumed == 0 and other_base.read == first.documents
    assert "https://example.org/id/" in (work / "graph.ttl").read_text(encoding="utf-8")
    fresh = build([str(handful)], out_dir=work, published="2017-07-06", base="https://example.org/id/", fresh=True)
    assert fresh.resumed == 0
    other_date = build([str(handful)], out_dir=work, published="2018-01-01", base="https://example.org/id/")
    assert other_date.resumed == 0  # every document's publication date, so its content, changed


def test_two_builds_cannot_share_an_output_folder(tmp_path):
    settings = Settings("https://w3id.org/newskg/id/", None, code_fingerprint())
    first = Spool(tmp_path, settings)
    try:
        with pytest.raises(UsageError, match="another `kg build` is writing here"):
            Spool(tmp_path, settings)
    finally:
        first.close()
    Spool(tmp_path, settings).close()  # free again once the first has finished


class _Interrupted(dict):
    """A document's names whose reading is cut short by Ctrl-C, after its row is written."""

    def items(self):
        raise KeyboardInterrupt


def test_a_document_interrupted_between_its_row_and_its_names_is_not_kept(tmp_path):
    """Resuming trusts the spool: a document it holds must hold its names too, or the next run
    would take it as finished and leave its entities unsettled."""
    from kg.build.worker import DocumentRecord
    from kg.rdf.graph import Names

    settings = Settings("https://w3id.org/newskg/id/", None, code_fingerprint())
    spool = Spool(tmp_path, settings)
    try:
        whole = DocumentRecord("a", "https://w3id.org/newskg/id/doc-a", "digest-a")
        whole.names = {"https://w3id.org/newskg/id/x": Names()}
        spool.add([(whole, [])])
        cut = DocumentRecord("b", "https://w3id.org/newskg/id/doc-b", "digest-b")
        cut.names = _Interrupted()
        with pytest.raises(KeyboardInterrupt):
            spool.add([(cut, [])])
        assert spool.resume(cut.graph, cut.digest) is False
        assert spool.resume(whole.graph, whole.digest) is True
    finally:
        spool.close()
