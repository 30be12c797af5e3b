"""Engines: worker processes and a real Dask LocalCluster give the single-process build, and each
worker loads the model once."""

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build import build
from kg.build.engines import check, make_engine
from kg.build.worker import PartitionResult, Settings, code_fingerprint
from kg.errors import ModelNotFound, UsageError


def _same_graph(out, reference):
    assert isomorphic(Graph().parse(out / "graph.ttl"), Graph().parse(reference / "graph.ttl"))
    ours, theirs = Dataset(), Dataset()
    ours.parse(out / "graph.trig", format="trig")
    theirs.parse(reference / "graph.trig", format="trig")
    names = {g.identifier for g in theirs.graphs() if len(g)}
    assert {g.identifier for g in ours.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(ours.graph(name), theirs.graph(name)), name
    # the assembly is deterministic, so the files are not only isomorphic but the same bytes
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (reference / name).read_bytes()


@pytest.mark.slow
def test_two_worker_processes_build_the_same_graph_each_loading_the_model_once(handful, handful_build, tmp_path):
    reference, first = handful_build
    report = build([str(handful)], out_dir=tmp_path, published="2017-07-06", jobs=2, partition_size=1)
    assert report.documents == first.documents and report.triples == first.triples
    _same_graph(tmp_path, reference)
    assert len(report.workers) == 2, report.workers  # six partitions kept both processes busy
    assert set(report.workers.values()) == {1}


@pytest.mark.slow
def test_dask_local_cluster_build_is_isomorphic_to_the_single_process_build(handful, handful_build, tmp_path):
    reference, first = handful_build
    report = build(
        [str(handful)], out_dir=tmp_path, published="2017-07-06", scheduler="local", jobs=2, partition_size=2
    )
    assert report.documents == first.documents
    _same_graph(tmp_path, reference)
    assert 1 <= len(report.workers) <= 2 and set(report.workers.values()) == {1}, report.workers


@pytest.mark.slow
def test_a_missing_model_in_the_workers_is_the_same_usage_error(handful, tmp_path):
    with pytest.raises(ModelNotFound, match="no spaCy model no_such_model"):
        build([str(handful)], out_dir=tmp_path, model="no_such_model", jobs=2)


def test_a_worker_running_other_code_is_refused():
    settings = Settings("https://w3id.org/newskg/id/", None, code_fingerprint())
    result = PartitionResult([], b"", worker="node7:42", model_loads=1, fingerprint="0123456789abcdef")
    with pytest.raises(UsageError, match="node7:42 runs other kg code"):
        check(result, settings, {})


@pytest.mark.parametrize(
    ("jobs", "scheduler", "message"),
    [(0, None, "--jobs 0"), (1, "10.0.0.5:8786", "give local or the scheduler's address")],
)
def test_bad_engine_choices_are_usage_errors(jobs, scheduler, message):
    settings = Settings("https://w3id.org/newskg/id/", None, code_fingerprint())
    with pytest.raises(UsageError, match=message):
        make_engine(settings, jobs, scheduler)


@pytest.mark.slow
def test_worker_processes_build_into_the_store_and_a_rerun_resumes(handful, handful_build, tmp_path):
    from kg.export import export

    reference, first = handful_build
    store = tmp_path / "store"
    report = build([str(handful)], store=store, published="2017-07-06", jobs=2, partition_size=2)
    assert report.stored_documents == first.documents and report.triples == first.triples
    for name in ("graph.ttl", "graph.trig"):
        assert export(tmp_path / name, store=store).read_bytes() == (reference / name).read_bytes(), name
    again = build([str(handful)], store=store, published="2017-07-06")
    assert (again.resumed, again.read, again.stored_documents) == (first.documents, 0, first.documents)
    assert (again.events, again.relations) == (first.events, first.relations)
