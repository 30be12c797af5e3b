"""How the named questions scale: kg's embedded store against plain rdflib and bare pyoxigraph.

    .venv/bin/python bench/query_bench.py                      # 1M triples
    .venv/bin/python bench/query_bench.py --triples 100000 --timeout 60

Generates a graph shaped like kg's own output (articles as named graphs; entities with
labels, aliases and provenance; n-ary events; relations with their kg:Assertion nodes)
by running synthetic facts through kg's real mapping, writes it once as N-Quads (and its
union as N-Triples) under bench/results/, then, in this one run:

  kg       GraphStore.load (Oxigraph on disk, ledger, union graph), then every named
           question through kg.query: checks, VALUES binding, worker process, rdflib terms
  pyoxi    the same bound query text run by pyoxigraph itself on kg's store folder:
           what kg's query layer costs over bare Oxigraph (the target is at most 1.5x);
           its load column is pyoxigraph.Store(dir).bulk_load of the N-Quads file
  pyoxi∪   the same text on that plain bulk-loaded store with use_default_graph_as_union,
           what the data costs without the union graph kg keeps
  rdflib   rdflib's plain in-memory Graph parsing the union as N-Triples, then Graph.query

Every engine returns at most --rows rows a question (kg's default cap). Questions that
outlive --timeout (rdflib, pyoxi∪) are stopped and shown as "timeout"; those rdflib's
engine fails on (it cannot sort unbound values in ORDER BY) as "error".
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.document import Document  # noqa: E402
from kg.facts import DocumentFacts, Entity, Event, Relation, Sentence, TimeValue  # noqa: E402
from kg.query import QuerySession, load_query  # noqa: E402
from kg.rdf.mapping import document_iri, document_triples  # noqa: E402
from kg.rdf.namespace import DEFAULT_BASE  # noqa: E402
from kg.store.embedded import GraphStore  # noqa: E402
from kg.store.oxigraph import to_ox  # noqa: E402

# (question, parameters): each picks names the generator is sure to have used.
QUESTIONS = [
    ("actor-events", {"actor": "Armed Group 3"}),
    ("place-timeline", {"place": "City 2"}),
    ("place-control", {"place": "City 2"}),
    ("group-composition", {"group": "Armed Group 1"}),
    ("backers", {"actor": "Armed Group 1"}),
    ("capitals-and-locations", {"name": "City 2"}),
    ("people-roles", {"person": "Person 5"}),
    ("fact-sources", {"subject": "Country 1", "predicate": "supports"}),
    ("alias-lookup", {"name": "#AG7"}),
    ("co-occurrence", {}),
    ("class-counts", {}),
]
ACTOR_KINDS = [("Armed Group", "ArmedGroup", 900), ("Person", "Person", 1500), ("Government", "Government", 150)]
ACTOR_KINDS += [("Organization", "Organization", 400), ("Group", "Group", 300), ("Country", "Country", 120)]
PLACE_KINDS = [("City", "City", 1200), ("Region", "Region", 300), ("Facility", "Facility", 400)]
EVENT_CLASSES = ["Attack", "Capture", "Retake", "Advance", "Siege", "Statement", "Killing", "Meeting", "Protest"]


def _pick(rng: random.Random, kinds) -> tuple[str, str]:
    """A name drawn with a long tail: a few actors and places appear everywhere, most rarely."""
    prefix, cls, size = rng.choice(kinds)
    return f"{prefix} {int(size ** rng.random())}", cls


def _container(place: str) -> tuple[str, str] | None:
    """Where a place lies, the same in every article: a shallow tree, as real geography is."""
    kind, number = place.rsplit(" ", 1)
    parent = {"Facility": ("City", 1200), "City": ("Region", 300), "Region": ("Country", 120)}[kind]
    return f"{parent[0]} {int(number) % (parent[1] - 1) + 1}", parent[0]


def synthetic_document(n: int, rng: random.Random) -> DocumentFacts:
    entities: dict[str, Entity] = {}
    for _ in range(22):
        label, cls = _pick(rng, ACTOR_KINDS)
        short = "".join(w[0] for w in label.split()[:-1]) + label.split()[-1]
        entities[label] = Entity(label, cls, (short, f"#{short}") if cls != "Person" else (label.split()[-1],))
    for _ in range(10):
        label, cls = _pick(rng, PLACE_KINDS)
        entities[label] = Entity(label, cls)
    actors = [e.label for e in entities.values() if e.cls not in ("City", "Region", "Facility")]
    places = [e.label for e in entities.values() if e.cls in ("City", "Region", "Facility")]
    sentences = [Sentence(i, 0, 1, f"Sentence {i} of article {n}, which says what happened where.") for i in range(30)]
    events = []
    for i in range(22):
        precision = rng.choice(["year", "month", "day", None])
        year = rng.randint(2010, 2020)
        value = {
            "year": f"{year}",
            "month": f"{year}-{rng.randint(1, 12):02d}",
            "day": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        events.append(
            Event(
                f"{i}:0",
                rng.choice(EVENT_CLASSES),
                rng.choice(["overran", "attacked", "seized", "said", "retook", "besieged"]),
                i,
                agents=(rng.choice(actors),),
                patients=(rng.choice(actors + places),) if rng.random() < 0.7 else (),
                places=(rng.choice(places),) if rng.random() < 0.8 else (),
                time=TimeValue(value[precision], precision) if precision else None,
                confidence=0.7,
            )
        )
    relations = []
    for i in range(8):
        kind = rng.choice(["supports", "hasMember", "memberOf", "controls", "alliedWith", "opposes"])
        relations.append(
            Relation(rng.choice(actors), kind, rng.choice(places if kind == "controls" else actors), 22 + i % 8)
        )
    for place in places[:3]:
        parent = _container(place)
        if parent is not None:
            entities.setdefault(parent[0], Entity(parent[0], parent[1]))
            relations.append(Relation(place, "locatedIn", parent[0], 29))
        number = int(place.rsplit(" ", 1)[1])
        if place.startswith("City ") and number <= 120:
            entities.setdefault(f"Country {number}", Entity(f"Country {number}", "Country"))
            relations.append(Relation(place, "capitalOf", f"Country {number}", 29))
    people = [a for a in actors if entities[a].cls == "Person"]
    if people:
        relations.append(Relation(people[0], "role", f"envoy number {n % 50}", 28, literal=True))
        relations.append(Relation(people[-1], "leaderOf", rng.choice(actors), 27))
    document = Document(
        f"article-{n:06d}.txt", "x", f"Article {n}", f"2017-{n % 12 + 1:02d}-01", source=f"bench/article-{n:06d}.txt"
    )
    return DocumentFacts(document, sentences, list(entities.values()), events, relations)


def generate(path: Path, triples: int) -> int:
    """Write about `triples` triples as N-Quads, one named graph per article; returns the count."""
    rng = random.Random(4242)
    written, n = 0, 0
    with path.open("wb") as out:
        while written < triples:
            facts = synthetic_document(n, rng)
            graph = ox.NamedNode(str(document_iri(DEFAULT_BASE, facts.document.id)))
            quads = [
                ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in set(document_triples(facts, DEFAULT_BASE))
            ]
            out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
            written += len(quads)
            n += 1
    return written


def write_union(data: Path, union: Path) -> None:
    store = ox.Store()
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    store.dump(str(union), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


def timed(work):
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def take(rows, limit):
    count = 0
    for _ in rows:
        count += 1
        if count >= limit:
            break
    return count


def bench_kg(data: Path, folder: Path, rows: int) -> tuple[float, dict]:
    load, _ = timed(lambda: _kg_load(data, folder))
    times = {}
    with QuerySession(store=folder, timeout=None) as session:
        session.run("class-counts", limit=1)  # start the worker: its ~0.2 s happen once per session
        for name, params in QUESTIONS:
            times[name] = min(timed(lambda n=name, p=params: session.run(n, p, limit=rows))[0] for _ in range(2))
    return load, times


def _kg_load(data: Path, folder: Path) -> None:
    with GraphStore(folder) as store:
        store.load(data)


def bench_pyoxigraph_load(data: Path, folder: Path) -> float:
    store = ox.Store(str(folder))
    seconds, _ = timed(lambda: store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS))
    store.flush()
    return seconds


def bench_pyoxigraph_same_store(folder: Path, rows: int) -> dict:
    """The bound questions run by pyoxigraph itself on kg's store: what kg's query layer costs."""
    store = ox.Store.read_only(str(folder))
    times = {}
    for name, params in QUESTIONS:
        text = load_query(name).bind(params)
        times[name] = min(timed(lambda t=text: take(store.query(t), rows))[0] for _ in range(2))
    return times


NAIVE = """
import sys, time, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
started = time.perf_counter()
count = 0
for _ in store.query(sys.argv[2], use_default_graph_as_union=True):
    count += 1
    if count >= int(sys.argv[3]):
        break
print(time.perf_counter() - started)
"""


def bench_pyoxigraph_union(folder: Path, rows: int, timeout: float) -> dict:
    """The bound questions on a plain store of the named graphs, with use_default_graph_as_union:
    what the same data costs without kg's union graph. Each in its own process, to stop it in time."""
    times: dict = {}
    for name, params in QUESTIONS:
        text = load_query(name).bind(params)
        try:
            done = subprocess.run(
                [sys.executable, "-c", NAIVE, str(folder), text, str(rows)],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
            times[name] = float(done.stdout) if done.returncode == 0 else "error"
        except subprocess.TimeoutExpired:
            times[name] = "timeout"
    return times


def bench_rdflib(union: Path, rows: int, timeout: float) -> tuple[float, dict]:
    """Times in seconds; "timeout" for a question stopped after `timeout`, "error" for one rdflib cannot answer."""
    from rdflib import Graph

    graph = Graph()
    load, _ = timed(lambda: graph.parse(union, format="nt"))
    times: dict = {}
    context = multiprocessing.get_context("fork")  # the child shares the parsed graph; nothing else runs here
    for name, params in QUESTIONS:
        text = load_query(name).bind(params)
        child = context.Process(target=_rdflib_query, args=(graph, text, rows))
        started = time.perf_counter()
        child.start()
        child.join(timeout)
        if child.is_alive():
            child.kill()
            child.join()
            times[name] = "timeout"
        elif child.exitcode != 0:
            times[name] = "error"
        else:
            times[name] = time.perf_counter() - started
    return load, times


def _rdflib_query(graph, text, rows):
    try:
        take(graph.query(text), rows)
    except Exception as err:  # rdflib's own failure, reported as such
        print(f"rdflib cannot answer: {type(err).__name__}: {err}", file=sys.stderr)
        sys.exit(3)


def ratio(a, b) -> str:
    if a is None:
        return "   n/a"
    return f"{a / b:6.2f}" if b else "   inf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=1000, help="rows each engine returns per question")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds before a slow rdflib or pyoxigraph∪ question is stopped"
    )
    parser.add_argument("--skip-rdflib", action="store_true")
    args = parser.parse_args()

    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    data = results / f"kg-shaped-{args.triples}.nq"
    union = data.with_suffix(".nt")  # the same graph without its named graphs, each triple once, for rdflib's Graph
    if not data.exists() or not union.exists():
        seconds, count = timed(lambda: generate(data.with_suffix(".tmp"), args.triples))
        data.with_suffix(".tmp").replace(data)
        write_union(data, union)
        print(f"generated {count:,} quads in {seconds:.0f} s: {data}", flush=True)
    print(f"graph: {data} ({data.stat().st_size / 1e6:.0f} MB); union for rdflib: {union}", flush=True)

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        kg_load, kg_times = bench_kg(data, work / "kg", args.rows)
        same_times = bench_pyoxigraph_same_store(work / "kg", args.rows)
        ox_load = bench_pyoxigraph_load(data, work / "ox")
        union_times = bench_pyoxigraph_union(work / "ox", args.rows, args.timeout)
        if args.skip_rdflib:
            rdf_load, rdf_times = None, dict.fromkeys(kg_times, "skipped")
        else:
            rdf_load, rdf_times = bench_rdflib(union, args.rows, args.timeout)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(args, kg_load, kg_times, ox_load, same_times, union_times, rdf_load, rdf_times)


def cell(value) -> str:
    return f"{value:9.3f}" if isinstance(value, float) else f"{value:>9}"


def report(args, kg_load, kg_times, ox_load, same_times, union_times, rdf_load, rdf_times) -> None:
    print(f"\n{args.triples:,} triples; seconds, best of 2 for kg and pyoxigraph; at most {args.rows} rows a question")
    print(
        f"{'':24} {'kg':>9} {'pyoxi':>9} {'pyoxi∪':>9} {'rdflib':>9}   {'kg/pyoxi':>9} {'pyoxi∪/kg':>9} {'rdflib/kg':>9}"
    )
    print(
        f"{'load':24} {kg_load:9.2f} {ox_load:9.2f} {'':9} {cell(rdf_load if rdf_load is not None else 'skipped')}"
        f"   {ratio(kg_load, ox_load):>9} {'':9} {ratio(rdf_load, kg_load):>9}"
    )
    for name, _ in QUESTIONS:
        kg, same, naive, rdf = kg_times[name], same_times[name], union_times[name], rdf_times[name]
        print(
            f"{name:24} {kg:9.3f} {same:9.3f} {cell(naive)} {cell(rdf)}   {ratio(kg, same):>9} "
            f"{ratio(naive, kg) if isinstance(naive, float) else '':>9} {ratio(rdf, kg) if isinstance(rdf, float) else '':>9}"
        )
    kg_total, same_total = sum(kg_times.values()), sum(same_times.values())
    print(f"{'all questions':24} {kg_total:9.3f} {same_total:9.3f} {'':9} {'':9}   {ratio(kg_total, same_total):>9}")
    for label, times in (("pyoxigraph with use_default_graph_as_union", union_times), ("rdflib", rdf_times)):
        finished = [n for n, t in times.items() if isinstance(t, float)]
        if finished:
            theirs, ours = sum(times[n] for n in finished), sum(kg_times[n] for n in finished)
            print(
                f"{label}: {theirs:.2f} s on the {len(finished)} questions it answered, kg {ours:.2f} s: {theirs / ours:.1f}x"
            )
        stopped = [n for n, t in times.items() if t == "timeout"]
        if stopped:
            least = min(args.timeout / kg_times[n] for n in stopped)
            print(
                f"{label} was stopped after {args.timeout:.0f} s on {', '.join(stopped)} (at least {least:.0f}x kg there)"
            )
        failed = [n for n, t in times.items() if t == "error"]
        if failed:
            print(f"{label} could not answer (its own error): {', '.join(failed)}")


if __name__ == "__main__":
    main()
