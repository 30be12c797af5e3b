"""kg stats: what is in the graph, at a glance."""

from __future__ import annotations

import click

from kg.cli.options import graph_source


@click.command("stats")
@graph_source
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for a terminal, json for programs.",
)
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many actors and communities to list."
)
def stats_command(graph, store, fmt, top) -> None:
    """Count what the graph holds and how it hangs together.

    Prints triples and documents; entities, events and relations by class; the most
    central actors (degree centrality in the graph kg viz draws, where events are nodes);
    communities of actors and places that share events or relations (Louvain); and
    connected components.
    """
    from kg.store.graphio import open_graph
    from kg.viz.stats import graph_stats

    stats = graph_stats(open_graph(graph, store), top=top)
    click.echo(stats.to_json() if fmt == "json" else stats.to_text(), nl=False)
