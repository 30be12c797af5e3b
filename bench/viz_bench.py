"""How fast a 5,000-node graph becomes a usable page: not a test, a measurement.

    .venv/bin/python bench/viz_bench.py [--nodes 5000] [--physics-timeout 180]

Generates a news-like graph (actors, places, dated events with evidence, relations with
assertions, a few hundred articles), then measures, in this run and on this machine:

  kg build   `kg.viz.render`: projection, static layout, page, written to disk
  reference  pyvis `Network.from_nx` + `generate_html` on the same networkx graph
  kg page    headless Chromium: navigation until drawn and ready, then a search round trip
  reference  the same page with `layout="physics"`: navigation until vis.js has settled

and prints each time with its ratio to the reference. The target (issue 5) is that the
kg page becomes interactive within 10 s in headless Chromium here.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.rdf.namespace import KG

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
BASE = "https://w3id.org/newskg/id/"
ACTOR_CLASSES = ["ArmedGroup", "Government", "Organization", "Person", "Group"]
PLACE_CLASSES = ["City", "Country", "Region", "Facility"]
EVENT_CLASSES = ["Attack", "Capture", "Retake", "Advance", "Siege", "Statement", "Killing", "Meeting", "Protest"]


def news_graph(nodes: int, seed: int = 1) -> Graph:
    """About `nodes` drawable nodes: 30% actors, 6% places, the rest events; popular actors recur."""
    rng = random.Random(seed)
    graph = Graph()
    actors = [URIRef(f"{BASE}actor-{i}") for i in range(int(nodes * 0.30))]
    places = [URIRef(f"{BASE}place-{i}") for i in range(int(nodes * 0.06))]
    documents = [URIRef(f"{BASE}doc-{i}") for i in range(max(1, nodes // 25))]
    for i, doc in enumerate(documents):
        graph.add((doc, RDF.type, KG.Document))
        graph.add((doc, RDFS.label, Literal(f"Report number {i} on the fighting")))
        graph.add((doc, KG.source, Literal(f"articles/{i}.txt")))
    for i, actor in enumerate(actors):
        graph.add((actor, RDF.type, KG[rng.choice(ACTOR_CLASSES)]))
        graph.add((actor, RDFS.label, Literal(f"Actor {i}")))
        graph.add((actor, SKOS.altLabel, Literal(f"A{i}")))
        graph.add((actor, PROV.wasDerivedFrom, rng.choice(documents)))
    for i, place in enumerate(places):
        graph.add((place, RDF.type, KG[rng.choice(PLACE_CLASSES)]))
        graph.add((place, RDFS.label, Literal(f"Place {i}")))
    popular = actors[: max(1, len(actors) // 10)]
    for i in range(nodes - len(actors) - len(places)):
        event = URIRef(f"{BASE}event-{i}")
        cls = rng.choice(EVENT_CLASSES)
        graph.add((event, RDF.type, KG[cls]))
        graph.add((event, RDFS.label, Literal(f"{cls}: word")))
        graph.add((event, KG.trigger, Literal("word")))
        agent = rng.choice(popular) if rng.random() < 0.6 else rng.choice(actors)
        graph.add((event, KG.agent, agent))
        if rng.random() < 0.5:
            graph.add((event, KG.patient, rng.choice(actors)))
        if rng.random() < 0.6:
            graph.add((event, KG.place, rng.choice(places)))
        if rng.random() < 0.7:
            day = f"{rng.randint(2014, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            graph.add((event, KG.time, Literal(day, datatype=XSD.date)))
        graph.add((event, KG.evidence, Literal(f"Sentence {i} saying what happened, with <b>markup</b>.")))
        graph.add((event, PROV.wasDerivedFrom, rng.choice(documents)))
    for i in range(len(actors) // 5):
        s, o = rng.sample(actors, 2)
        prop = rng.choice([KG.supports, KG.opposes, KG.alliedWith])
        graph.add((s, prop, o))
        assertion = URIRef(f"{BASE}assertion-{i}")
        graph.add((assertion, RDF.type, KG.Assertion))
        graph.add((assertion, RDF.subject, s))
        graph.add((assertion, RDF.predicate, prop))
        graph.add((assertion, RDF.object, o))
        graph.add((assertion, KG.evidence, Literal(f"Sentence of relation {i}.")))
        graph.add((assertion, PROV.wasDerivedFrom, rng.choice(documents)))
    return graph


def pyvis_from_nx(graph: Graph) -> float:
    """The reference build: pyvis's own from_nx over the same projection, then its HTML."""
    import networkx as nx
    from pyvis.network import Network

    from kg.viz.projection import project

    net = project(graph)
    simple = nx.MultiDiGraph()
    for node, attrs in net.nodes(data=True):
        simple.add_node(node, label=attrs["label"], title=f"{attrs['cls']}: {attrs['label']}")
    for u, v, prop in net.edges(keys=True):
        simple.add_edge(u, v, label=prop)
    started = time.perf_counter()
    page = Network(directed=True, cdn_resources="in_line")
    page.from_nx(simple)
    page.generate_html()
    return time.perf_counter() - started


def build_steps(graph: Graph, max_nodes: int) -> dict[str, float]:
    """Where kg's build time goes: projection, selection, layout, page assembly."""
    from kg.viz import draw
    from kg.viz.layout import static_layout
    from kg.viz.page import render_html
    from kg.viz.projection import project

    times = {}
    started = time.perf_counter()
    net = project(graph)
    times["projection"] = time.perf_counter() - started
    started = time.perf_counter()
    net, available = draw.choose(net, max_nodes=max_nodes)
    times["selection"] = time.perf_counter() - started
    started = time.perf_counter()
    static_layout(net)
    times["layout"] = time.perf_counter() - started
    data, options = draw.describe(net, static=False, available=available)
    started = time.perf_counter()
    render_html("bench", data, options)
    times["html"] = time.perf_counter() - started
    return times


def time_in_browser(
    context, page_path: Path, timeout_s: float, search: str | None
) -> tuple[float | None, float | None]:
    """Seconds from navigation to ready, and for one search to focus its node (None past the timeout)."""
    page = context.new_page()
    started = time.perf_counter()
    page.goto(page_path.as_uri())
    try:
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout_s * 1000)
    except Exception:
        page.close()
        return None, None
    ready = time.perf_counter() - started
    searched = None
    if search:
        started = time.perf_counter()
        page.fill("#kg-search-input", search)
        page.press("#kg-search-input", "Enter")
        while page.evaluate("() => kgView.focused") is None:
            page.wait_for_timeout(10)
        searched = time.perf_counter() - started
    page.close()
    return ready, searched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--physics-timeout", type=float, default=180.0, help="seconds to wait for the physics page")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from kg.viz import render

    graph = news_graph(args.nodes)
    work = Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    started = time.perf_counter()
    static = render(graph, work / "static.html", heading="bench", max_nodes=args.nodes * 2)
    kg_build = time.perf_counter() - started
    physics = render(graph, work / "physics.html", heading="bench", max_nodes=args.nodes * 2, layout="physics")
    reference_build = pyvis_from_nx(graph)
    steps = build_steps(graph, args.nodes * 2)

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(work / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 900},
        )  # fmt: skip
        ready, search = time_in_browser(context, static.path, 60, search="A7")
        physics_ready, _ = time_in_browser(context, physics.path, args.physics_timeout, search=None)
        context.close()

    def ratio(value, reference) -> str:
        return "n/a" if value is None or reference is None else f"{value / reference:.2f}x"

    def secs(value) -> str:
        return f">{args.physics_timeout:.0f} s (gave up)" if value is None else f"{value:.2f} s"

    pyvis_html = steps["html"]
    rows = [
        (
            "graph",
            f"{static.nodes} nodes, {static.edges} links ({len(graph)} triples), page {static.path.stat().st_size / 1e6:.1f} MB",
            "",
        ),
        ("build: kg render, all steps", secs(kg_build), f"{ratio(kg_build, reference_build)} of pyvis from_nx"),
        ("  projection from RDF", secs(steps["projection"]), ""),
        ("  selection", secs(steps["selection"]), ""),
        ("  static layout", secs(steps["layout"]), ""),
        ("  page html (nodes in bulk)", secs(pyvis_html), f"{ratio(pyvis_html, reference_build)} of pyvis from_nx"),
        ("reference: pyvis from_nx + html", secs(reference_build), "1.00x"),
        (
            "browser: kg page drawn, ready",
            secs(ready),
            "target < 10 s: " + ("met" if ready and ready < 10 else "NOT met"),
        ),
        ("  search 'A7' -> node focused", secs(search), ""),
        ("reference: same page, physics on", secs(physics_ready), f"kg page takes {ratio(ready, physics_ready)} of it"),
    ]
    for name, value, note in rows:
        print(f"{name:<34} {value:>24}   {note}")
    print(f"pages in {work}")


if __name__ == "__main__":
    main()
