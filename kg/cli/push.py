"""kg push: write the graph into a SPARQL 1.1 server."""

from __future__ import annotations

import click

from kg.store.endpoint import BATCH, PASSWORD_VARIABLE, PROTOCOLS

DEFAULT_PUSH_GRAPH = "output/graph.trig"


@click.command("push")
@click.option(
    "--endpoint",
    "url",
    required=True,
    metavar="URL",
    help="The server's SPARQL 1.1 Update endpoint (--protocol update), or its Graph Store endpoint (--protocol gsp).",
)
@click.option(
    "--graph",
    "graph",
    type=click.Path(dir_okay=False),
    default=None,
    help=f"Graph file to send (.trig, .nq: one named graph per document; .ttl, .nt, .jsonld). Default: {DEFAULT_PUSH_GRAPH}.",
)
@click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False),
    default=None,
    help="Send the named graphs of the embedded Oxigraph store in this folder instead of a file.",
)
@click.option(
    "--protocol",
    type=click.Choice(PROTOCOLS),
    default="update",
    show_default=True,
    help="update: DROP and INSERT DATA requests (SPARQL 1.1 Update); gsp: PUT each graph (SPARQL 1.1 Graph Store Protocol).",
)
@click.option(
    "--into",
    metavar="IRI",
    help="The named graph (replaced) for a file with no named graphs of its own, such as graph.ttl.",
)
@click.option(
    "--update-endpoint",
    metavar="URL",
    help="SPARQL 1.1 Update endpoint for making the default graph the union (needed with --protocol gsp).",
)
@click.option(
    "--no-union",
    is_flag=True,
    help="Leave the server's default graph alone (for a server set to query the union of its graphs itself).",
)
@click.option(
    "--user", metavar="NAME", help=f"User name for the server; the password is read from ${PASSWORD_VARIABLE}."
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=BATCH,
    show_default=True,
    metavar="TRIPLES",
    help="Triples per request.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="Give up on a request the server has not answered in this time.",
)
def push_command(
    url: str,
    graph: str | None,
    store: str | None,
    protocol: str,
    into: str | None,
    update_endpoint: str | None,
    no_union: bool,
    user: str | None,
    batch: int,
    timeout: float,
) -> None:
    """Write the graph into a SPARQL 1.1 server (Oxigraph, Fuseki, Virtuoso, GraphDB, ...).

    Each document's named graph replaces the server's graph of the same name, so pushing a
    rebuilt graph again never doubles a fact. Then the server's default graph is made the
    union of its named graphs, each triple once, as kg's local store keeps it: kg's
    questions ask the default graph, so `kg query --endpoint` answers as `kg query --store`.

    \b
    Examples:
      kg push --endpoint http://localhost:7878/update
      kg push --graph output/graph.trig --endpoint http://localhost:7878/store --protocol gsp \\
              --update-endpoint http://localhost:7878/update
      KG_ENDPOINT_PASSWORD=... kg push --endpoint https://triples.example.org/update --user kg
    """
    from kg.errors import UsageError
    from kg.store.endpoint import Endpoint, push

    if graph is not None and store is not None:
        raise UsageError("give --graph FILE or --store DIR, not both")
    source = store if store is not None else graph or DEFAULT_PUSH_GRAPH
    server = Endpoint(url, user=user, timeout=timeout)
    updates = Endpoint(update_endpoint, user=user, timeout=timeout) if update_endpoint else None
    report = push(
        source,
        server,
        protocol=protocol,
        into=into,
        batch=batch,
        store=store is not None,
        union=not no_union,
        update_endpoint=updates,
    )
    noun = "graph" if report.graphs == 1 else "graphs"
    click.echo(
        f"Pushed {report.triples} triples ({report.graphs} named {noun} replaced) to {url} "
        f"in {report.requests} requests, {report.seconds:.1f} s"
    )
