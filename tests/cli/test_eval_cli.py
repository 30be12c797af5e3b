from click.testing import CliRunner

from kg.cli import main

from ..conftest import shared_path


def test_kg_eval_prints_the_scorer_table(tmp_path):
    gold = shared_path("eval", "gold")
    corpus = shared_path("corpus")
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--corpus", str(corpus), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "entity F1" in result.output and "TOTAL (micro)" in result.output
    assert (tmp_path / "00_raqqa.ttl").exists()


def test_kg_eval_without_gold_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--gold", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no gold annotations" in result.output


def test_kg_eval_prints_the_cross_check_the_breakdown_and_the_benchmarks(tmp_path):
    gold = shared_path("eval", "gold")
    corpus = shared_path("corpus")
    shared_path("eval", "external", "conll04")
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--corpus", str(corpus), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "odd (01, 03, 05, 07, 09)" in result.output and "even (00, 02, 04, 06, 08, 10)" in result.output
    for heading in ("predicate", "class", "role", "CoNLL04 relations, strict micro", "WikiEvents events"):
        assert heading in result.output


def test_kg_eval_json_carries_every_part(tmp_path):
    import json

    gold = shared_path("eval", "gold")
    corpus = shared_path("corpus")
    args = ["eval", "--gold", str(gold), "--corpus", str(corpus), "-o", str(tmp_path), "--no-external", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"gold", "halves", "breakdown", "external"} and report["external"] == {}
    assert report["breakdown"]["predicate"]["role"]["gold"] > 0
    # the halves add up to the scorer's own total
    halves = report["halves"]
    assert halves["odd"]["event"]["gold"] + halves["even"]["event"]["gold"] == report["gold"]["total"]["event"]["gold"]


def test_kg_eval_never_scores_a_test_split(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--split", "test", "-o", str(tmp_path)])
    assert result.exit_code == 2
