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
