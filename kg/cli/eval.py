"""kg eval: build each gold article into its own graph and score it."""

from __future__ import annotations

import click


@click.command("eval")
@click.option(
    "--gold",
    "gold_dir",
    default="../shared/eval/gold",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder of gold annotations (*.json); the scorer score.py sits beside it.",
)
@click.option(
    "--corpus",
    "corpus_dir",
    default="../shared/corpus",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder holding the articles the gold files name.",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="output/eval",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where the per-article graphs are written.",
)
@click.option(
    "--scorer", default=None, type=click.Path(dir_okay=False), help="The scorer to run (default: GOLD/../score.py)."
)
@click.option("--model", metavar="NAME", envvar="KG_MODEL", help="spaCy pipeline to use (also $KG_MODEL).")
@click.option("--json", "as_json", is_flag=True, help="Print the scorer's JSON report instead of its table.")
def eval_command(
    gold_dir: str, corpus_dir: str, out_dir: str, scorer: str | None, model: str | None, as_json: bool
) -> None:
    """Score extraction against hand-made gold annotations.

    Each gold file names its article and publication date; the article is built exactly
    as `kg build` would build it, and the scorer compares graph and gold: entity,
    relation, event and argument F1 per article and in total.
    """
    import json

    from kg.check.evaluate import evaluate

    run = evaluate(gold_dir, corpus_dir, out_dir, scorer=scorer, model=model)
    click.echo(json.dumps(run.scores, indent=1) if as_json else run.table.rstrip())
