"""A SPARQL 1.1 server as the graph's home: push kg's named graphs into it, and ask it questions.

    from kg.store.endpoint import push, query
    push("output/graph.trig", "http://localhost:7878/update")                  # SPARQL 1.1 Update
    push("output/graph.trig", "http://localhost:7878/store", protocol="gsp")   # Graph Store Protocol
    kind, variables, rows, boolean = query("http://localhost:7878/query", "SELECT ...")

Each named graph (one per document) replaces the server's graph of the same name, as a
rebuild replaces a document's graph in a local store: `DROP SILENT GRAPH` then `INSERT DATA`
in one update request, or an HTTP PUT of the graph with the Graph Store Protocol. A file
with no named graphs (graph.ttl) goes into the one named graph given as `into`. Sources are
read as a stream and sent in batches, so a graph of any size goes through bounded memory.

Then the server's default graph is made the union of its named graphs, each triple once,
by one SPARQL Update request (`INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }`): that
is how kg's local store keeps it, and kg's questions ask the default graph, so a server
answers them as the store does. (A server's own "union default graph" setting, such as
`oxigraph serve --union-default-graph`, counts a fact once per graph that states it; pass
`union=False` to leave the default graph alone.) Only the standard protocols are spoken,
so any SPARQL 1.1 store will do.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.errors import DataError, UsageError
from kg.paths import display
from kg.store.oxigraph import first_line, rdf_format

PROTOCOLS = ("update", "gsp")
BATCH = 5000  # triples per request: small enough for any server's request limit, big enough to be quick
PASSWORD_VARIABLE = "KG_ENDPOINT_PASSWORD"
UNION = "DROP SILENT DEFAULT ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


class EndpointTimeout(DataError):
    """The server did not answer within the time given."""


@dataclass
class PushReport:
    graphs: int = 0  # named graphs replaced
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0


class Endpoint:
    """One server URL, with the credentials to use there (`user`, the password from $KG_ENDPOINT_PASSWORD)."""

    def __init__(self, url: str, user: str | None = None, timeout: float | None = 60.0):
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise UsageError(f"--endpoint {url!r} is not an http(s) URL; e.g. http://localhost:7878/query")
        self.url, self.timeout = url, timeout
        handlers: list = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, url, user, os.environ.get(PASSWORD_VARIABLE, ""))
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def send(self, method: str, body: bytes, content_type: str, params: str = "", accept: str = "*/*") -> bytes:
        url = f"{self.url}{'&' if '?' in self.url else '?'}{params}" if params else self.url
        request = urllib.request.Request(
            url, data=body, method=method, headers={"Content-Type": content_type, "Accept": accept}
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            detail = first_line(err.read().decode("utf-8", "replace") or err.reason or "")
            hint = "; give --user and set $" + PASSWORD_VARIABLE if err.code in (401, 403) else ""
            raise DataError(f"{self.url}: the server answered HTTP {err.code} ({detail[:300]}){hint}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(err, TimeoutError) or isinstance(reason, TimeoutError):
                raise EndpointTimeout(f"{self.url}: no answer within {self.timeout:g} s") from None
            raise UsageError(
                f"{self.url}: cannot reach the server ({reason}); check the URL and that it is running"
            ) from None


def push(
    source: str | Path,
    endpoint: str | Endpoint,
    protocol: str = "update",
    into: str | None = None,
    batch: int = BATCH,
    store: bool = False,
    union: bool = True,
    update_endpoint: str | Endpoint | None = None,
) -> PushReport:
    """Send the graph in `source` (a graph file, or with `store` a store folder) to `endpoint`,
    then make the server's default graph the union of its named graphs (unless not `union`),
    through `update_endpoint` (by default `endpoint` itself with the update protocol)."""
    if protocol not in PROTOCOLS:
        raise UsageError(f"--protocol {protocol!r}: use one of {', '.join(PROTOCOLS)}")
    server = endpoint if isinstance(endpoint, Endpoint) else Endpoint(endpoint)
    updates = None
    if union:
        if update_endpoint is None and protocol != "update":
            raise UsageError(
                "with --protocol gsp, give --update-endpoint URL to make the default graph the union "
                "of the named graphs, or --no-union"
            )
        updates = update_endpoint or server
        updates = updates if isinstance(updates, Endpoint) else Endpoint(updates, timeout=server.timeout)
    try:
        target = ox.NamedNode(into) if into else None
    except ValueError:
        raise UsageError(f"--into {into!r} is not an IRI; e.g. https://example.org/graphs/news") from None
    started = time.perf_counter()
    report = PushReport()
    replaced: set = set()
    send = _send_update if protocol == "update" else _send_gsp
    for graph, triples in _chunks(_quads(source, store), batch):
        if isinstance(graph, ox.DefaultGraph):
            if target is None:
                raise UsageError(
                    f"{display(Path(source))} holds triples in no named graph; push graph.trig "
                    "(one named graph per document) or name a graph for them with --into IRI"
                )
            graph = target
        first = isinstance(graph, ox.NamedNode) and graph.value not in replaced
        if first:
            replaced.add(graph.value)
        send(server, graph, triples, replace=first)
        report.requests += 1
        report.triples += len(triples)
    if updates is not None:
        updates.send("POST", UNION.encode("utf-8"), "application/sparql-update")
        report.requests += 1
    report.graphs = len(replaced)
    report.seconds = time.perf_counter() - started
    return report


def _quads(source: str | Path, store: bool) -> Iterator[ox.Quad]:
    if store:
        try:
            from kg.store.embedded import open_read_only
        except ImportError:  # a kg without the embedded store
            raise UsageError("--store is not available in this version of kg; push a graph file instead") from None
        with open_read_only(source) as reader:
            for graph in sorted(reader.db.named_graphs(), key=lambda g: g.value):
                yield from reader.db.quads_for_pattern(None, None, None, graph)
        return
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{display(path)}: no such graph file; run `kg build` first or check the path")
    fmt = rdf_format(path)
    try:
        yield from ox.parse(path=str(path), format=fmt)
    except (OSError, SyntaxError, ValueError) as err:
        raise DataError(
            f"{display(path)}: not valid {fmt.name} ({first_line(err)}); rebuild it with `kg build`"
        ) from None


def _chunks(quads: Iterable[ox.Quad], size: int) -> Iterator[tuple]:
    """Runs of at most `size` triples of one graph, in the order the source gives them."""
    graph, triples = None, []
    for quad in quads:
        if (quad.graph_name != graph or len(triples) >= size) and triples:
            yield graph, triples
            triples = []
        graph = quad.graph_name
        triples.append(f"{quad.subject} {quad.predicate} {quad.object} .\n")
    if triples:
        yield graph, triples


def _send_update(server: Endpoint, graph, triples: list[str], replace: bool) -> None:
    body = "".join(triples)
    text = (f"DROP SILENT GRAPH {graph} ;\n" if replace else "") + f"INSERT DATA {{ GRAPH {graph} {{\n{body}}} }}"
    server.send("POST", text.encode("utf-8"), "application/sparql-update")


def _send_gsp(server: Endpoint, graph, triples: list[str], replace: bool) -> None:
    body = "".join(triples).encode("utf-8")
    params = f"graph={urllib.parse.quote(graph.value, safe='')}"
    server.send("PUT" if replace else "POST", body, "application/n-triples", params)


# ---------------------------------------------------------------------------- reading


def query(endpoint: str | Endpoint, text: str) -> tuple[str, list[str], list[tuple], bool | None]:
    """Run a read-only query at `endpoint` (SPARQL 1.1 Protocol, POST): (kind, variables, rows, boolean).

    kind is select, ask or graph (CONSTRUCT and DESCRIBE, as subject/predicate/object rows);
    terms are rdflib terms and an unbound cell is None.
    """
    server = endpoint if isinstance(endpoint, Endpoint) else Endpoint(endpoint)
    accept = "application/sparql-results+json, application/n-triples;q=0.9"
    answer = server.send("POST", text.encode("utf-8"), "application/sparql-query", accept=accept)
    if answer.lstrip().startswith(b"{"):
        results = json.loads(answer)
        if "boolean" in results:
            return "ask", [], [], bool(results["boolean"])
        variables = list(results["head"].get("vars", []))
        rows = [tuple(_term(b.get(v)) for v in variables) for b in results["results"]["bindings"]]
        return "select", variables, rows, None
    try:
        quads = list(ox.parse(input=answer, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as err:
        raise DataError(
            f"{server.url}: the answer is neither SPARQL JSON results nor N-Triples ({first_line(err)})"
        ) from None
    from kg.store.oxigraph import from_ox

    rows = [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads]
    return "graph", ["subject", "predicate", "object"], rows, None


def _term(cell: dict | None):
    """An rdflib term from a SPARQL 1.1 JSON results cell."""
    if cell is None:
        return None
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    if datatype in (None, "http://www.w3.org/2001/XMLSchema#string"):
        return Literal(value)  # a plain literal, as kg's files and local store give it
    return Literal(value, datatype=URIRef(datatype))
