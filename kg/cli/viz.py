"""kg viz: an interactive page of the graph that works offline."""

from __future__ import annotations

import click

from kg.cli.options import argument_text, graph_source
from kg.viz import DEFAULT_MAX_NODES, STATIC_LAYOUT_THRESHOLD


@click.command("viz")
@graph_source
@click.option("-o", "--out", default="output/graph.html", show_default=True, help="Page to write (HTML, UTF-8).")
@click.option(
    "--focus",
    metavar="LABEL",
    default=None,
    help="Draw only what lies around the node with this label or alias (any case).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --focus: how many links away from it to draw (an event counts as one step).",
)
@click.option(
    "--classes",
    "classes",
    metavar="CLASS[,CLASS...]",
    multiple=True,
    help="Draw only these classes; a superclass stands for its subclasses, e.g. Actor,City,Attack. "
    "Repeat or separate with commas.",
)
@click.option(
    "--since", metavar="DATE", default=None, help="Draw events from this date on (YYYY, YYYY-MM or YYYY-MM-DD)."
)
@click.option(
    "--until", metavar="DATE", default=None, help="Draw events up to this date (YYYY, YYYY-MM or YYYY-MM-DD)."
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_NODES,
    show_default=True,
    help="Draw at most this many nodes: the nearest to --focus, else the best linked.",
)
@click.option(
    "--layout",
    type=click.Choice(["auto", "physics", "static"]),
    default="auto",
    show_default=True,
    help="physics: the browser arranges the nodes, then stops; static: positions computed here; "
    f"auto: static past {STATIC_LAYOUT_THRESHOLD} nodes.",
)
@click.option("--title", default=None, help="Heading of the page. Default: kg and the graph's file or store.")
def viz_command(graph, store, out, focus, depth, classes, since, until, max_nodes, layout, title) -> None:
    """Draw the graph as an interactive page that works offline.

    Nodes are coloured and shaped by class, with a legend that also filters by class;
    events are nodes linked to their agent, patient and place, and a switch folds them
    into labelled actor-to-actor lines. Node size follows the number of links. Hover or
    click to read a node's class, names and, for events and relations, the sentence and
    article they were read from. The search box finds a node by any of its names.

    --since/--until keep dated events in the range (undated events are left out), and the
    actors and places that still have a link, to those events or by a relation. --focus is
    applied before --classes, and the focused node is always drawn.
    """
    from kg.paths import display
    from kg.store.graphio import DEFAULT_GRAPH, open_graph
    from kg.viz import render

    heading = argument_text(title if title is not None else f"kg: {store or graph or DEFAULT_GRAPH}")
    result = render(
        open_graph(graph, store),
        out,
        heading=heading,
        focus=argument_text(focus),
        depth=depth,
        classes=classes,
        since=since,
        until=until,
        max_nodes=max_nodes,
        layout=layout,
    )
    note = f" of {result.available} (raise --max-nodes to draw more)" if result.available > result.nodes else ""
    click.echo(
        f"Wrote {display(result.path)}: {result.nodes} nodes{note}, {result.edges} links, {result.layout} layout"
    )
