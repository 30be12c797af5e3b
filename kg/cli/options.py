"""Options several commands share, declared once."""

from __future__ import annotations

import os

import click

from kg.store.graphio import DEFAULT_GRAPH


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


def argument_text(value: str | None) -> str | None:
    """A command-line value as text, even when the locale could not decode it.

    Under a C or POSIX locale with UTF-8 mode off, Python keeps undecodable argument bytes as
    lone surrogates, which cannot be written to a UTF-8 file; the bytes are UTF-8 as typed,
    so they are decoded again as such (anything still invalid becomes U+FFFD).
    """
    if value is None:
        return None
    return os.fsencode(value).decode("utf-8", "replace")
