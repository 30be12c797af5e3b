"""kg export: the graph as a file in another format."""

from __future__ import annotations

import click

from kg.cli.options import graph_source
from kg.export import FORMATS


@click.command("export")
@graph_source
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Format to write; by default the one the --out suffix names. "
    + "; ".join(f"{f.name}: {f.about}" for f in FORMATS.values())
    + ".",
)
def export_command(graph: str | None, store: str | None, out: str, fmt: str | None) -> None:
    """Write the graph to a file in another format.

    The same graph always gives the same bytes, so exports can be compared and kept in
    version control.

    \b
    Examples:
      kg export --store kgstore -o graph.trig
      kg export --graph output/graph.ttl -o graph.jsonld
    """
    from kg.export import export

    path = export(out, graph=graph, store=store, fmt=fmt)
    click.echo(f"Wrote {path}")
