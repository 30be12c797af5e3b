"""kg validate: check a graph against kg's SHACL shapes and say what is wrong, and where it was read."""

from __future__ import annotations

import click

from kg.cli.options import graph_source
from kg.paths import display


@click.command("validate")
@graph_source
@click.option(
    "--shapes",
    type=click.Path(dir_okay=False),
    default=None,
    help="SHACL shapes (Turtle) to check against instead of kg's own ontology/shapes.ttl.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: violations grouped by node, then a summary line; json: one object with every violation.",
)
def validate_command(graph: str | None, store: str | None, shapes: str | None, fmt: str) -> None:
    """Check a graph against the SHACL shapes of kg's ontology.

    Each violation names the node (with its label and class), the property and value at
    fault, the broken shape and constraint, and the sentence and document the node was
    read from. Class membership follows rdfs:subClassOf in ontology/kg.ttl; nothing is
    inferred. Results of severity sh:Warning or sh:Info are listed but do not fail. Exit
    status: 0 when the graph conforms, 1 when it does not (or cannot be read), 2 for a
    usage error such as a missing or unusable shapes file.
    """
    from kg.check.validate import validate
    from kg.store.graphio import DEFAULT_GRAPH, open_graph

    source = display(store or graph or DEFAULT_GRAPH)
    report = validate(open_graph(graph, store), shapes=shapes, source=source)
    echo_report(report, fmt)
    if not report.conforms:
        raise click.exceptions.Exit(1)


def echo_report(report, fmt: str = "text") -> None:
    """Print a ValidationReport: the JSON document, or the text report."""
    click.echo(report.to_json() if fmt == "json" else report.to_text(), nl=False)


def validate_file(path=None, store=None) -> bool:
    """Check a graph file or a store against kg's shapes, print the text report, say whether it conforms."""
    from kg.check.validate import validate
    from kg.store.graphio import open_graph

    report = validate(open_graph(path, store), source=display(store or path))
    echo_report(report)
    return report.conforms
