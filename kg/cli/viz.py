"""kg viz: an interactive page of the graph."""

from __future__ import annotations

import click


@click.command("viz")
@click.option("--graph", "graph_path", default="output/graph.ttl", show_default=True, help="Graph file to draw.")
@click.option("-o", "--out", default="output/graph.html", show_default=True, help="Page to write.")
def viz_command(graph_path: str, out: str) -> None:
    """Draw the graph as an interactive page that works offline."""
    from kg.graphio import load_graph
    from kg.viz import render

    path = render(load_graph(graph_path), out, heading=f"kg: {graph_path}")
    click.echo(f"Wrote {path}")
