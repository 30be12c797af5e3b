"""`kg export` through its real entry point."""

from rdflib import Graph
from rdflib.compare import isomorphic

from .test_build_cli import kg


def test_export_writes_the_format_its_suffix_names(tmp_path, seed_files):
    for name in ("ttl", "trig", "nt", "nq", "jsonld"):
        out = tmp_path / f"graph.{name}"
        result = kg("export", "--graph", seed_files / "graph.trig", "-o", out)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"Wrote {out}"
    assert isomorphic(Graph().parse(tmp_path / "graph.jsonld"), Graph().parse(seed_files / "graph.ttl"))
    result = kg("export", "--graph", seed_files / "graph.ttl", "-o", tmp_path / "all.txt", "--format", "nt")
    assert result.returncode == 0 and isomorphic(
        Graph().parse(tmp_path / "all.txt", format="nt"), Graph().parse(seed_files / "graph.ttl")
    )


def test_export_mistakes_are_one_line_usage_errors(tmp_path, seed_files):
    for args, message in (
        (["--graph", seed_files / "graph.ttl", "-o", tmp_path / "graph.xyz"], "cannot tell the format from the name"),
        (["--graph", tmp_path / "missing.ttl", "-o", tmp_path / "g.nt"], "missing.ttl: no such graph file"),
        (["--store", tmp_path / "nostore", "-o", tmp_path / "g.nt"], "nostore: no such store"),
        (["--graph", seed_files / "graph.ttl", "-o", tmp_path / "g.nt", "--format", "gif"], "'gif' is not one of"),
    ):
        result = kg("export", *args)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.glob("g.*"))


def test_help_describes_every_option_and_format():
    result = kg("export", "--help")
    for word in (
        "--graph",
        "--store",
        "--out",
        "--format",
        "ttl",
        "trig",
        "nt",
        "nq",
        "jsonld",
        "graphml",
        "gexf",
        "same bytes",
    ):
        assert word in result.stdout


def test_export_for_graph_tools_graphml_and_gexf(tmp_path, seed_files):
    import networkx as nx

    for name, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        first, second = tmp_path / f"a.{name}", tmp_path / f"b.{name}"
        for out in (first, second):
            result = kg("export", "--graph", seed_files / "graph.ttl", "-o", out)
            assert result.returncode == 0, result.stderr
        assert first.read_bytes() == second.read_bytes()
        drawn = read(first)
        labels = {data.get("label") for _, data in drawn.nodes(data=True)}
        assert drawn.number_of_nodes() > 5 and "Raqqa" in labels, labels
