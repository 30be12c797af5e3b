"""Options several commands share, declared once."""

from __future__ import annotations

import click

from kg.graphio import DEFAULT_GRAPH


def graph_source(command):
    """--graph FILE | --store DIR: where a reading command finds the graph."""
    command = click.option(
        "--store",
        "store",
        type=click.Path(file_okay=False),
        default=None,
        help="Read the embedded Oxigraph store in this folder instead of a file.",
    )(command)
    return click.option(
        "--graph",
        "graph",
        type=click.Path(dir_okay=False),
        default=None,
        help=f"Graph file to read (.ttl, .trig, .nt, .nq, .jsonld). Default: {DEFAULT_GRAPH}.",
    )(command)
