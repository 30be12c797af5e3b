"""kg viz: an interactive page of the graph."""

from __future__ import annotations

import click

from kg.cli.options import graph_source


@click.command("viz")
@graph_source
@click.option("-o", "--out", default="output/graph.html", show_default=True, help="Page to write.")
def viz_command(graph: str | None, store: str | None, out: str) -> None:
    """Draw the graph as an interactive page that works offline."""
    from kg.graphio import open_graph
    from kg.viz import render

    path = render(open_graph(graph, store), out, heading=f"kg: {store or graph or 'output/graph.ttl'}")
    click.echo(f"Wrote {path}")
