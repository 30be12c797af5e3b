"""kg query: ask the graph a named question (queries/*.rq) or one of your own .rq files."""

from __future__ import annotations

import click

from kg.cli.options import argument_text, graph_source
from kg.errors import UsageError

_FORMATS = ("table", "csv", "tsv", "json", "md")


@click.command("query")
@click.argument("question", required=False, metavar="NAME|FILE.rq")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A value for one of the question's parameters; repeat for several. "
    "Values are bound as RDF terms, never pasted into the query.",
)
@graph_source
@click.option(
    "--endpoint",
    metavar="URL",
    help="Ask a SPARQL 1.1 server's query endpoint (e.g. http://localhost:7878/query) instead of a file or "
    "store; `kg push` puts the graph there.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default="table",
    show_default=True,
    help="table or md (Markdown) for reading; csv, tsv or json (W3C SPARQL results) for other tools.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Show at most this many rows (a note on stderr says when more matched).",
)
@click.option("--no-limit", is_flag=True, help="Show every row, however many.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop a query that runs longer than this; 0 lets it run.",
)
@click.option("--list", "list_only", is_flag=True, help="List the named questions and their parameters, then exit.")
def query_command(
    question: str | None,
    params: tuple[str, ...],
    graph: str | None,
    store: str | None,
    endpoint: str | None,
    fmt: str,
    limit: int,
    no_limit: bool,
    timeout: float,
    list_only: bool,
) -> None:
    """Answer a question about the graph.

    NAME is one of kg's named questions (see --list); FILE.rq is a SPARQL query of your
    own, with or without a header. Queries are read-only: INSERT, DELETE, LOAD and the
    rest of SPARQL Update, and SERVICE, are refused before anything runs.

    \b
    Examples:
      kg query --list
      kg query actor-events --param actor=ISIS
      kg query place-timeline -p place=Mosul --store kgstore --format csv
      kg query my-question.rq --graph output/graph.trig --format json
      kg query backers -p actor=SDF --endpoint http://localhost:7878/query
    """
    from kg.query import list_queries, load_query, render, run_query

    if list_only:
        if question or params:
            raise UsageError("--list takes no question or parameters")
        click.echo(_listing(list_queries()), nl=False)
        return
    if not question:
        raise UsageError("name a question (`kg query --list` shows them) or give a FILE.rq")
    named = load_query(question)
    result = run_query(
        named,
        _parse_params(params),
        graph=graph,
        store=store,
        limit=None if no_limit else limit,
        timeout=timeout,
        endpoint=endpoint,
    )
    click.echo(render(result, fmt), nl=False)
    if result.truncated:
        click.echo(f"kg: showing the first {limit} rows; more matched (--limit N or --no-limit for more)", err=True)


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in map(argument_text, params):  # as typed, even under a locale that could not decode it
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {item!r}: write it as NAME=VALUE, e.g. --param actor=ISIS")
        if name.strip() in values:
            raise UsageError(f"--param {name.strip()} is given twice; give each parameter once")
        values[name.strip()] = value
    return values


def _listing(queries) -> str:
    lines = []
    for q in queries:
        lines.append(f"{q.name}\n  {q.title}\n")
        lines += [f"    {line}\n" for line in _wrap(q.description, 88)]
        for p in q.params:
            lines.append(f"    --param {p.usage()}: {p.about}\n")
        lines.append("\n")
    return "".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or []
