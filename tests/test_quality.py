"""Extraction quality on the hand-made gold annotations in ../shared/eval (skipped without them).

These are the acceptance figures of the `kg build` and events issues, measured with the
shared scorer through `kg eval`'s library call. They guard against regressions; the
held-out articles, scored the same way elsewhere, decide how well extraction generalises.
"""

import pytest

from kg.check.evaluate import evaluate

from .conftest import shared_path

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    gold = shared_path("eval", "gold")
    run = evaluate(gold, shared_path("corpus"), tmp_path_factory.mktemp("eval"))
    return run.scores


@pytest.mark.parametrize("article", ["00_raqqa", "02_tunisia_bardo_attack", "03_sudan_sanctions"])
def test_entity_f1_on_each_gold_article(scores, article):
    assert scores["documents"][article]["entity"]["f1"] >= 0.85


def test_totals_over_the_gold_articles(scores):
    total = scores["total"]
    assert total["entity"]["f1"] >= 0.88
    assert total["relation"]["f1"] >= 0.50
    assert total["event"]["f1"] >= 0.75
    assert total["argument"]["f1"] >= 0.50
