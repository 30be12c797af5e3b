"""Where extraction is right and wrong on the gold: precision and recall per relation
predicate, event class and argument role, and totals over a subset of the articles (the
halves of the cross-check).

The matching is the shared scorer's own (its `match_entities` pairing and its event
matching), loaded from score.py beside the gold folder, so these figures add up to its
totals; only the counting per key is done here.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError
from kg.paths import display

KINDS = ("entity", "relation", "event", "argument")
# The cross-check of the extraction issue: develop on one half, check on the other.
HALVES = {"odd": lambda n: n % 2 == 1, "even": lambda n: n % 2 == 0}


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    found: int = 0
    right: int = 0

    def report(self) -> dict:
        p = self.right / self.system if self.system else 0.0
        r = self.found / self.gold if self.gold else 0.0
        return {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "gold": self.gold,
            "system": self.system,
        }


@dataclass
class Breakdown:
    predicates: dict[str, Counts] = field(default_factory=dict)
    classes: dict[str, Counts] = field(default_factory=dict)
    roles: dict[str, Counts] = field(default_factory=dict)

    def report(self) -> dict:
        return {
            name: {k: v.report() for k, v in sorted(table.items())}
            for name, table in (("predicate", self.predicates), ("class", self.classes), ("role", self.roles))
        }

    def table(self) -> str:
        lines = []
        for name, rows in self.report().items():
            lines.append(f"{name:28} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'system':>6}")
            lines += [
                f"  {k:26} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['gold']:5d} {v['system']:6d}"
                for k, v in rows.items()
            ]
        return "\n".join(lines)


def load_scorer(path: Path):
    """The shared scorer as a module, to reuse its matching."""
    spec = importlib.util.spec_from_file_location("kg_shared_score", path)
    if spec is None or spec.loader is None:
        raise UsageError(f"{display(path)}: cannot load the scorer; give its path with --scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def half_totals(documents: dict[str, dict]) -> dict[str, dict]:
    """Micro totals over each half of the articles, from the scorer's per-document figures
    (rebuilt the way the scorer sums its own total)."""
    out = {}
    for half, keep in HALVES.items():
        chosen = [scores for slug, scores in documents.items() if slug[:2].isdigit() and keep(int(slug[:2]))]
        out[half] = {kind: _sum(chosen, kind) for kind in KINDS}
        out[half]["articles"] = sorted(slug for slug in documents if slug[:2].isdigit() and keep(int(slug[:2])))
    return out


def _sum(chosen: list[dict], kind: str) -> dict:
    counts = Counts(
        gold=sum(d[kind]["gold"] for d in chosen),
        system=sum(d[kind]["system"] for d in chosen),
        found=round(sum(d[kind]["r"] * d[kind]["gold"] for d in chosen)),
        right=round(sum(d[kind]["p"] * d[kind]["system"] for d in chosen)),
    )
    return counts.report()


def breakdown(scorer, graphs: dict[str, Path], gold_dir: Path, ontology: Path) -> Breakdown:
    """Per predicate, class and role, over every gold article with a graph."""
    from rdflib import Graph

    sup = scorer.superclasses(Graph().parse(ontology))
    out = Breakdown()
    for slug, graph_path in sorted(graphs.items()):
        gold = json.loads((gold_dir / f"{slug}.json").read_text(encoding="utf-8"))
        graph = scorer.load_graph(str(graph_path))
        _count(scorer, graph, gold, sup, out)
    return out


def _count(S, g, gold: dict, sup, out: Breakdown) -> None:
    from rdflib import Literal
    from rdflib.namespace import RDF

    ents = S.system_entities(g, sup)
    _, s2g = S.match_entities(gold, ents)
    # relations
    system = []
    for name in S.RELATIONS:
        for s, o in g.subject_objects(S.KG[name]):
            if s in ents:
                system.append((s, S.INVERSE.get(name, name), o, name in S.INVERSE))
    right: set[int] = set()
    for rel in gold["relations"]:
        p = S.INVERSE.get(rel["p"], rel["p"])
        gs, go = (rel["o"], rel["s"]) if rel["p"] in S.INVERSE else (rel["s"], rel["o"])
        counts = out.predicates.setdefault(p, Counts())
        counts.gold += 1
        hit = False
        for j, (s, sp, o, flip) in enumerate(system):
            if sp != p:
                continue
            ss, so = (o, s) if flip else (s, o)
            if p == "role":
                words = S.words(go.strip('"'))
                ok = (
                    gs in s2g.get(ss, ())
                    and isinstance(so, Literal)
                    and words
                    and len(words & S.words(so)) / len(words) >= 0.5
                )
            else:
                ok = gs in s2g.get(ss, ()) and go in s2g.get(so, ())
            if ok:
                hit = True
                right.add(j)
        counts.found += hit
    for j, (_, p, _, _) in enumerate(system):
        counts = out.predicates.setdefault(p, Counts())
        counts.system += 1
        counts.right += j in right
    # events and their arguments, paired as the scorer pairs them
    gold_events = [e for e in gold["events"] if e["type"] != "Other"]
    others = [e for e in gold["events"] if e["type"] == "Other"]
    sys_events = []
    for node in set(g.subjects(RDF.type, None)):
        kinds = S.kinds(g, node, sup)
        if not kinds & S.EVENT_TYPES and "Event" not in kinds:
            continue
        event = {
            "types": kinds & S.EVENT_TYPES,
            "trigger": " ".join(str(t) for t in g.objects(node, S.KG.trigger)),
            "evidence": " ".join(str(t) for t in g.objects(node, S.KG.evidence)),
        }
        for role in ("agent", "patient", "place"):
            event[role] = set(g.objects(node, S.KG[role]))
        if not _is_other(S, event, others):
            sys_events.append(event)
    pairs = _pair_events(S, gold_events, sys_events, s2g)
    for ge in gold_events:
        out.classes.setdefault(ge["type"], Counts()).gold += 1
        for role in ("agent", "patient", "place"):
            out.roles.setdefault(role, Counts()).gold += len(ge.get(role, []))
    for se in sys_events:
        for cls in se["types"] or {"Event"}:
            out.classes.setdefault(cls, Counts()).system += 1
        for role in ("agent", "patient", "place"):
            out.roles.setdefault(role, Counts()).system += len(se[role])
    for ge, se in pairs:
        counts = out.classes[ge["type"]]
        counts.found += 1
        counts.right += 1
        for role in ("agent", "patient", "place"):
            gids = set(ge.get(role, []))
            out.roles[role].found += sum(1 for gid in gids if any(gid in s2g.get(n, ()) for n in se[role]))
            out.roles[role].right += sum(1 for n in se[role] if s2g.get(n, set()) & gids)


def _is_other(S, se: dict, others: list[dict]) -> bool:
    trig, words = se["trigger"].lower().strip(), S.words(se["evidence"])
    return any(
        trig
        and (trig in o["trigger"].lower() or o["trigger"].lower() in trig)
        and len(words & S.words(o["evidence"])) / max(1, len(words | S.words(o["evidence"]))) >= 0.5
        for o in others
    )


def _pair_events(S, gold_events: list[dict], sys_events: list[dict], s2g) -> list[tuple[dict, dict]]:
    """The scorer's pairing of gold and system events, one to one, best first."""
    pairs, used = [], set()
    for ge in gold_events:
        gev, best = ge["evidence"].lower(), None
        for j, se in enumerate(sys_events):
            if j in used or ge["type"] not in se["types"]:
                continue
            trig = se["trigger"].lower().strip()
            overlap = 0.0
            if se["evidence"]:
                a, b = S.words(se["evidence"]), S.words(ge["evidence"])
                overlap = len(a & b) / max(1, len(a | b))
                same = (overlap >= 0.5 and trig in gev) if trig else overlap >= 0.6
            else:
                same = bool(trig) and trig in gev
            if not same:
                continue
            args = sum(
                1
                for role in ("agent", "patient", "place")
                for gid in ge.get(role, [])
                if any(gid in s2g.get(n, ()) for n in se[role])
            )
            rank = (overlap >= 0.9, trig == ge["trigger"].lower(), args, overlap)
            if best is None or rank > best[0]:
                best = (rank, j)
        if best:
            used.add(best[1])
            pairs.append((ge, sys_events[best[1]]))
    return pairs
