"""kg.build into the embedded store: real articles, real model, the same graph as a one-shot build."""

from kg.build import build
from kg.export import export

from ..conftest import DATA, EXAMPLE


def test_a_store_built_in_steps_holds_what_one_build_of_everything_writes(tmp_path):
    inputs = [str(EXAMPLE), str(DATA / "articles.jsonl")]
    once = build(inputs, out_dir=tmp_path / "files", published="2017-07-06")
    store = tmp_path / "store"
    first = build(inputs[:1], store=store, published="2017-07-06")
    assert first.stored_documents == 1 and first.outputs == [store]
    build(inputs[::-1], store=store, published="2017-07-06")  # the example again, and the rest
    last = build(inputs[1:], store=store, published="2017-07-06")
    assert last.stored_documents == once.documents
    assert last.triples == once.triples
    assert last.entities_by_class == once.entities_by_class
    for name in ("graph.trig", "graph.ttl"):
        exported = export(tmp_path / name, store=store).read_bytes()
        assert exported == (tmp_path / "files" / name).read_bytes(), name
