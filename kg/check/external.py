"""Score extraction on two public benchmarks nobody here wrote (`kg eval --external DIR`).

- CoNLL04 (Roth & Yih 2004): relations between named entities in news sentences. Each
  sentence is read as an article of its own; a relation kg states between two entities is
  mapped to CoNLL04's labels as its README proposes (memberOf / leaderOf a body ->
  Work_For; a place in a place -> Located_In; a body in a place -> OrgBased_In; a person in
  or leading a place -> Live_In; a Killing's agent and patient, both people -> Kill). The
  strict score asks for the label and both spans exactly (a mention of each entity in the
  sentence on the gold's token boundaries, the nearest pair); the by-name score asks that the
  gold spans' words be names of the two entities (label, alias or mention), which is what a
  graph of labels can be asked.
- WikiEvents (Li, Ji and Han 2021): events with arguments in news articles. KAIROS types map
  to kg's classes (Conflict.Attack -> Attack, Life.Die -> Killing, Justice.ArrestJailDetain ->
  Arrest, Contact.Contact.Meet/Correspondence -> Meeting, Conflict.Demonstrate -> Protest,
  Transaction.ExchangeBuySell -> Acquisition; Statement is left out, as the README advises).
  An event matches a gold one of its class whose trigger it overlaps; an argument matches
  when one of the entity's mentions overlaps a mention of the gold argument's entity (its
  coreference cluster). Arguments of unmatched events count against both precision and
  recall.

Only the training and development splits are ever read; the test splits are scored
elsewhere, by others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.document import Document
from kg.errors import UsageError
from kg.paths import display

ORG_CLASSES = {"Organization", "ArmedGroup", "Government"}
PLACE_CLASSES = {"City", "Country", "Region", "Facility"}
BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LCB-": "{", "-RCB-": "}", "-LSB-": "[", "-RSB-": "]"}
NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "?", "!", "'s", "'t", "'re", "'m", "'ve", "'ll", "'d", "n't", "%", "}", "]"}
NO_SPACE_AFTER = {"(", "$", "{", "["}


@dataclass
class Tally:
    """Counts behind a precision, recall and F1 (in per cent, as the benchmarks report them)."""

    gold: int = 0
    system: int = 0
    found: int = 0  # gold items the system found
    right: int = 0  # system items that are right

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.system += other.system
        self.found += other.found
        self.right += other.right

    def report(self) -> dict:
        p = self.right / self.system if self.system else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "p": round(100 * p, 1),
            "r": round(100 * r, 1),
            "f1": round(100 * f, 1),
            "gold": self.gold,
            "system": self.system,
        }


@dataclass
class BenchmarkScore:
    name: str
    headline: dict  # the figure the targets name
    parts: dict[str, dict] = field(default_factory=dict)  # further figures: per type, per role

    def table(self) -> str:
        rows = [(self.name, self.headline)] + [(f"  {k}", v) for k, v in self.parts.items()]
        lines = [f"{'':34} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'system':>6}"]
        lines += [f"{n:34} {v['p']:6.1f} {v['r']:6.1f} {v['f1']:6.1f} {v['gold']:6d} {v['system']:6d}" for n, v in rows]
        return "\n".join(lines)


# ---------------------------------------------------------------- CoNLL04


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Ordinary text from benchmark tokens, and each token's character span in it."""
    out, spans, prev, quote_open = "", [], None, False
    for i, raw in enumerate(tokens):
        tok = BRACKETS.get(raw, raw)
        if tok == "`":
            tok, quote_open = ('"' if prev != "`" else ""), True
        elif tok == "'" and quote_open and i + 1 < len(tokens) and tokens[i + 1] == "'":
            tok = '"'
        elif tok == "'" and quote_open and prev == "'":
            tok, quote_open = "", False
        glued = (
            tok in NO_SPACE_BEFORE
            or not tok
            or (prev is not None and BRACKETS.get(prev, prev) in NO_SPACE_AFTER)
            or prev == "`"
            or (raw == "'" and tok == '"')  # the closing quote of "` ` ... ' '"
            or (tok == "," and prev is not None and prev.isdigit() and i + 1 < len(tokens) and tokens[i + 1].isdigit())
            or (prev == "," and i >= 2 and tokens[i - 2].isdigit() and tok.isdigit() and len(tok) == 3)
        )
        if out and not glued:
            out += " "
        spans.append((len(out), len(out) + len(tok)))
        out += tok
        prev = raw
    return out, spans


def _token_span(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span covers, when it begins and ends on token boundaries."""
    first = next((i for i, (s, _) in enumerate(spans) if s == start), None)
    last = next((i for i, (_, e) in enumerate(spans) if e == end and e > spans[i][0]), None)
    return (first, last + 1) if first is not None and last is not None and last >= first else None


def conll_type(cls: str) -> str | None:
    if cls == "Person":
        return "Peop"
    return "Org" if cls in ORG_CLASSES else "Loc" if cls in PLACE_CLASSES else None


def conll_label(predicate: str, head: str, tail: str) -> str | None:
    if predicate in ("memberOf", "leaderOf") and (head, tail) == ("Peop", "Org"):
        return "Work_For"
    if predicate in ("locatedIn", "partOf", "capitalOf") and (head, tail) == ("Loc", "Loc"):
        return "Located_In"
    if predicate in ("locatedIn", "partOf") and (head, tail) == ("Org", "Loc"):
        return "OrgBased_In"
    if predicate in ("locatedIn", "leaderOf") and (head, tail) == ("Peop", "Loc"):
        return "Live_In"
    return None


def _folded(text: str) -> str:
    return " ".join(text.replace(" .", ".").replace(" ,", ",").replace(" 's", "'s").casefold().split())


def stated_pairs(facts) -> list[tuple[str, str, str]]:
    """(CoNLL04 label, head entity, tail entity) for what kg states in one sentence's facts."""
    cls = {e.label: conll_type(e.cls) for e in facts.entities}
    pairs = []
    for rel in facts.relations:
        if not rel.literal and cls.get(rel.subject) and cls.get(rel.object):
            label = conll_label(rel.predicate, cls[rel.subject], cls[rel.object])
            if label:
                pairs.append((label, rel.subject, rel.object))
    for event in facts.events:
        if event.cls == "Killing":
            pairs += [
                ("Kill", a, p) for a in event.agents for p in event.patients if cls.get(a) == cls.get(p) == "Peop"
            ]
    return list(dict.fromkeys(pairs))


def score_conll04(extractor, path: Path) -> BenchmarkScore:
    data = json.loads(path.read_text(encoding="utf-8"))
    texts = [detokenise(s["tokens"]) for s in data]
    documents = [Document(id=f"conll04-{n}", text=text) for n, (text, _) in enumerate(texts)]
    strict, by_name = Tally(), Tally()
    per_label: dict[str, Tally] = {}
    for sentence, (_, spans), facts in zip(data, texts, extractor.extract(documents), strict=True):
        ents = sentence["entities"]
        gold = {
            (
                r["type"],
                (ents[r["head"]]["start"], ents[r["head"]]["end"], ents[r["head"]]["type"]),
                (ents[r["tail"]]["start"], ents[r["tail"]]["end"], ents[r["tail"]]["type"]),
            )
            for r in sentence["relations"]
        }
        mentions, names = {}, {}
        for entity in facts.entities:
            kind = conll_type(entity.cls)
            found = [_token_span(spans, m.start, m.end) for m in entity.mentions]
            mentions[entity.label] = [(*s, kind) for s in found if s]
            names[entity.label] = {
                _folded(n) for n in (entity.label, *entity.aliases, *(m.text for m in entity.mentions))
            }
        system = set()
        pairs = stated_pairs(facts)
        for label, head, tail in pairs:
            options = [(a, b) for a in mentions.get(head, []) for b in mentions.get(tail, []) if a != b]
            if options:
                a, b = min(options, key=lambda ab: abs(ab[0][0] - ab[1][0]))
                system.add((label, a, b))
        tally = Tally(len(gold), len(system), len(gold & system), len(gold & system))
        strict.add(tally)
        for label in {g[0] for g in gold} | {s[0] for s in system}:
            per_label.setdefault(label, Tally()).add(
                Tally(
                    sum(g[0] == label for g in gold),
                    sum(s[0] == label for s in system),
                    sum(g[0] == label for g in gold & system),
                    sum(s[0] == label for s in gold & system),
                )
            )

        kinds = {e.label: conll_type(e.cls) for e in facts.entities}
        by_name.add(_by_name(sentence["tokens"], gold, pairs, names, kinds))
    parts = {"by name": by_name.report()} | {k: v.report() for k, v in sorted(per_label.items())}
    return BenchmarkScore("CoNLL04 relations, strict micro", strict.report(), parts)


def _by_name(tokens: list[str], gold: set, pairs: list, names: dict, kinds: dict) -> Tally:
    """Gold relations and stated pairs that agree by label, types and the entities' names."""

    def words(span) -> str:
        return _folded(" ".join(tokens[span[0] : span[1]]))

    def agree(g, p) -> bool:
        return (
            g[0] == p[0]
            and (g[1][2], g[2][2]) == (kinds.get(p[1]), kinds.get(p[2]))
            and words(g[1]) in names.get(p[1], ())
            and words(g[2]) in names.get(p[2], ())
        )

    return Tally(
        len(gold),
        len(pairs),
        sum(any(agree(g, p) for p in pairs) for g in gold),
        sum(any(agree(g, p) for g in gold) for p in pairs),
    )


# ---------------------------------------------------------------- WikiEvents

WIKIEVENTS_CLASSES = (
    ("Conflict.Attack", "Attack"),
    ("Life.Die", "Killing"),
    ("Justice.ArrestJailDetain", "Arrest"),
    ("Contact.Contact.Meet", "Meeting"),
    ("Contact.Contact.Correspondence", "Meeting"),
    ("Conflict.Demonstrate", "Protest"),
    ("Transaction.ExchangeBuySell", "Acquisition"),
)
SCORED_CLASSES = {cls for _, cls in WIKIEVENTS_CLASSES}
AGENT_ROLES = {"Attacker", "Killer", "Jailer", "Demonstrator", "Participant", "Acquirer"}
PATIENT_ROLES = {"Target", "Victim", "Detainee", "AcquiredEntity"}
ROLES = ("agent", "patient", "place")


def wikievents_class(event_type: str) -> str | None:
    return next((cls for prefix, cls in WIKIEVENTS_CLASSES if event_type.startswith(prefix)), None)


def wikievents_role(role: str) -> str | None:
    if role in AGENT_ROLES:
        return "agent"
    return "patient" if role in PATIENT_ROLES else "place" if role == "Place" else None


def wikievents_text(doc: dict) -> tuple[str, list[tuple[int, int]]]:
    """The article as the benchmark's token offsets count it, one sentence a line, and each
    token's character span."""
    spans = [(s, e) for sentence in doc["sentences"] for (_, s, e) in sentence[0]]
    chars = [" "] * (max(e for _, e in spans) + 1)
    for n, (tokens, text) in enumerate(doc["sentences"]):
        first = tokens[0][1]
        chars[first : first + len(text)] = list(text)
        if n and first > 0:
            chars[first - 1] = "\n"
    return "".join(chars), spans


def score_wikievents(extractor, path: Path, coref_path: Path | None = None) -> BenchmarkScore:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    clusters: dict[str, list[list[str]]] = {}
    if coref_path is not None and coref_path.exists():
        for line in coref_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                clusters[record["doc_key"]] = record["clusters"]
    texts = [wikievents_text(d) for d in docs]
    documents = [Document(id=d["doc_id"], text=text) for d, (text, _) in zip(docs, texts, strict=True)]
    events, per_class = Tally(), {cls: Tally() for cls in sorted(SCORED_CLASSES)}
    roles = {role: Tally() for role in ROLES}
    for doc, (_, spans), facts in zip(docs, texts, extractor.extract(documents), strict=True):
        at = {m["id"]: (spans[m["start"]][0], spans[m["end"] - 1][1]) for m in doc["entity_mentions"]}
        cluster_of = {mid: cluster for cluster in clusters.get(doc["doc_id"], []) for mid in cluster}
        gold = []
        for mention in doc["event_mentions"]:
            cls = wikievents_class(mention["event_type"])
            if cls is None:
                continue
            trigger = mention["trigger"]
            args: dict[str, list[list[tuple[int, int]]]] = {role: [] for role in ROLES}
            for arg in mention["arguments"]:
                role = wikievents_role(arg["role"])
                if role:
                    ids = cluster_of.get(arg["entity_id"], [arg["entity_id"]])
                    args[role].append([at[i] for i in ids if i in at])
            gold.append((cls, (spans[trigger["start"]][0], spans[trigger["end"] - 1][1]), args))
        system = [e for e in facts.events if e.cls in SCORED_CLASSES and e.start >= 0]
        mentions = {e.label: [(m.start, m.end) for m in e.mentions] for e in facts.entities}
        used: set[int] = set()
        for role in ROLES:
            roles[role].gold += sum(len(g[2][role]) for g in gold)
            roles[role].system += sum(len(getattr(e, role + "s")) for e in system)
        for cls, (start, end), args in gold:
            per_class[cls].gold += 1
            match = next(
                (j for j, e in enumerate(system) if j not in used and e.cls == cls and e.start < end and start < e.end),
                None,
            )
            if match is None:
                continue
            used.add(match)
            per_class[cls].found += 1
            per_class[cls].right += 1
            event = system[match]
            for role in ROLES:
                for arg in args[role]:
                    hit = [label for label in getattr(event, role + "s") if _overlaps(mentions.get(label, []), arg)]
                    roles[role].found += bool(hit)
                roles[role].right += sum(
                    any(_overlaps(mentions.get(label, []), arg) for arg in args[role])
                    for label in getattr(event, role + "s")
                )
        for e in system:
            per_class[e.cls].system += 1
    for tally in per_class.values():
        events.add(tally)
    agent_patient = Tally()
    agent_patient.add(roles["agent"])
    agent_patient.add(roles["patient"])
    parts = {f"{role} (argument)": t.report() for role, t in roles.items()}
    parts["agent+patient"] = agent_patient.report()
    parts |= {cls: t.report() for cls, t in per_class.items() if t.gold or t.system}
    return BenchmarkScore("WikiEvents events (no Statement)", events.report(), parts)


def _overlaps(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> bool:
    return any(s < oe and os < e for s, e in spans for os, oe in others)


# ---------------------------------------------------------------- both


def score_external(extractor, folder: str | Path, split: str = "dev") -> list[BenchmarkScore]:
    """Both benchmarks' `split` ("dev" or "train"; never "test") under `folder`."""
    if split not in ("dev", "train"):
        raise UsageError(f"--split {split}: only the training and development splits are scored here")
    folder = Path(folder)
    conll = folder / "conll04" / f"conll04_{split}.json"
    wiki = folder / "wikievents" / f"{split}.jsonl"
    if not conll.exists() and not wiki.exists():
        raise UsageError(f"{display(folder)}: neither conll04/ nor wikievents/ is here; point --external at them")
    out = []
    if conll.exists():
        out.append(score_conll04(extractor, conll))
    if wiki.exists():
        out.append(score_wikievents(extractor, wiki, folder / "wikievents" / f"{split}_coref.jsonlines"))
    return out
