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
@click.option(
    "--external",
    "external_dir",
    default=None,
    type=click.Path(file_okay=False),
    help="Folder of the public benchmarks (conll04/, wikievents/) to score too (default: GOLD/../external, when there).",
)
@click.option("--no-external", is_flag=True, help="Score the gold articles only.")
@click.option(
    "--split",
    type=click.Choice(["dev", "train"]),
    default="dev",
    show_default=True,
    help="Which split of the benchmarks to score (their test splits are never read).",
)
@click.option("--model", metavar="NAME", envvar="KG_MODEL", help="spaCy pipeline to use (also $KG_MODEL).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON report instead of tables.")
def eval_command(
    gold_dir: str,
    corpus_dir: str,
    out_dir: str,
    scorer: str | None,
    external_dir: str | None,
    no_external: bool,
    split: str,
    model: str | None,
    as_json: bool,
) -> None:
    """Score extraction against hand-made gold annotations and public benchmarks.

    Each gold file names its article and publication date; the article is built exactly
    as `kg build` would build it, and the scorer compares graph and gold: entity,
    relation, event and argument F1 per article and in total; then the cross-check's two
    halves (odd- and even-numbered articles), and precision and recall per relation
    predicate, event class and argument role. The development splits of CoNLL04
    (relations) and WikiEvents (events and arguments) are scored after that.
    """
    import json
    from pathlib import Path

    from kg.check.evaluate import evaluate
    from kg.check.external import score_external

    run = evaluate(gold_dir, corpus_dir, out_dir, scorer=scorer, model=model)
    external = None if no_external else Path(external_dir) if external_dir else Path(gold_dir).parent / "external"
    benchmarks = []
    if external is not None and (external_dir or external.is_dir()):
        from kg.extract import Extractor

        benchmarks = score_external(Extractor(model), external, split)
    if as_json:
        report = {
            "gold": run.scores,
            "halves": run.halves,
            "breakdown": run.breakdown.report() if run.breakdown else {},
            "external": {b.name: {"headline": b.headline, **b.parts} for b in benchmarks},
        }
        click.echo(json.dumps(report, indent=1))
        return
    click.echo(run.table.rstrip())
    click.echo("")
    click.echo(run.halves_table())
    if run.breakdown:
        click.echo("")
        click.echo(run.breakdown.table())
    for benchmark in benchmarks:
        click.echo("")
        click.echo(benchmark.table())
