"""Score extraction against hand-made gold annotations (`kg eval`, `make eval`).

Each gold file names its article (`doc`) and publication date (`date`); the article is
built into its own graph, exactly as `kg build` would, and the project-independent scorer
(`score.py`, beside the gold folder) compares graph and gold. Beside its totals come the
two halves of the cross-check (odd- and even-numbered articles: rules developed on one are
checked on the other) and precision and recall per predicate, event class and role
(`breakdown.py`); the public benchmarks are scored by `external.py`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import build
from kg.check.breakdown import Breakdown, breakdown, half_totals, load_scorer
from kg.errors import UsageError
from kg.paths import data_dir, display
from kg.util.fsutil import atomic_write


@dataclass
class EvalRun:
    table: str  # the scorer's printed table
    scores: dict  # the scorer's JSON report
    graphs: dict[str, Path]
    halves: dict = field(default_factory=dict)  # "odd" / "even" -> micro totals per kind
    breakdown: Breakdown | None = None

    def halves_table(self) -> str:
        lines = [
            f"{'cross-check half':32} {'entity F1':>9} {'relation F1':>11} {'event F1':>8} {'arg F1':>6} {'arg P':>6}"
        ]
        for half, t in self.halves.items():
            lines.append(
                f"{half + ' (' + ', '.join(a[:2] for a in t['articles']) + ')':32} {t['entity']['f1']:9.3f} "
                f"{t['relation']['f1']:11.3f} {t['event']['f1']:8.3f} {t['argument']['f1']:6.3f} {t['argument']['p']:6.3f}"
            )
        return "\n".join(lines)


def evaluate(
    gold_dir: str | Path,
    corpus_dir: str | Path,
    out_dir: str | Path,
    scorer: str | Path | None = None,
    model: str | None = None,
) -> EvalRun:
    gold_dir, corpus_dir, out_dir = Path(gold_dir), Path(corpus_dir), Path(out_dir)
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        raise UsageError(f"{display(gold_dir)}: no gold annotations (*.json) here; point --gold at the gold folder")
    scorer = Path(scorer) if scorer else gold_dir.parent / "score.py"
    if not scorer.exists():
        raise UsageError(f"{display(scorer)}: scorer not found; give its path with --scorer")
    graphs = {}
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = corpus_dir / gold["doc"]
        if not article.exists():
            raise UsageError(f"{display(article)}: the article of {gold_path.name} is missing; check --corpus")
        work = out_dir / gold_path.stem
        build([str(article)], out_dir=work, published=gold.get("date"), model=model)
        graphs[gold_path.stem] = work / "graph.ttl"
        atomic_write(out_dir / f"{gold_path.stem}.ttl", (work / "graph.ttl").read_bytes())
    ontology = data_dir("ontology") / "kg.ttl"
    args = [sys.executable, str(scorer), "--dir", str(out_dir), "--gold", str(gold_dir), "--ontology", str(ontology)]
    table = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    scores = json.loads(subprocess.run([*args, "--json"], capture_output=True, text=True, check=True).stdout)
    details = breakdown(load_scorer(scorer), graphs, gold_dir, ontology)
    return EvalRun(
        table=table, scores=scores, graphs=graphs, halves=half_totals(scores["documents"]), breakdown=details
    )
