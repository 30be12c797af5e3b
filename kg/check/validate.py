"""Check a graph against kg's SHACL shapes (ontology/shapes.ttl) and explain what is wrong.

    from kg.store.graphio import load_graph
    from kg.check.validate import validate
    report = validate(load_graph("output/graph.ttl"))
    print(report.to_text())

pySHACL does the checking with no inference: inferring types from rdfs:range would make
every kg:agent an Actor and hide the very mistakes the shapes look for. Class membership
still follows the ontology: the rdfs:subClassOf triples of ontology/kg.ttl are mixed into
(a copy of) the data graph, so a kg:ArmedGroup counts as a kg:Actor.

Each violation is told with the node it is about (and its label), the property, the
broken shape and constraint, the shape's message, and the sentence the node was read from.
"""

from __future__ import annotations

import functools
import json
import logging
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH, NamespaceManager
from rdflib.term import Node

from kg.errors import UsageError
from kg.paths import data_dir, display
from kg.rdf.graph import bind_prefixes
from kg.rdf.namespace import DEFAULT_BASE, KG

SHAPES_IRI = "https://w3id.org/newskg/shapes#"
# How reports name kg's own shapes, wherever kg is installed.
DEFAULT_SHAPES_NAME = "ontology/shapes.ttl"
# What the summary counts, by the class a node falls under.
KINDS = (
    ("entities", (KG.Actor, KG.Place)),
    ("events", (KG.Event,)),
    ("assertions", (KG.Assertion,)),
    ("documents", (KG.Document,)),
    ("quantities", (KG.Quantity,)),
)
# Properties whose subject has read a sentence that mentions their object.
_MENTIONS = (KG.agent, KG.patient, KG.place, RDF.subject, RDF.object)


def default_shapes() -> Path:
    return data_dir("ontology") / "shapes.ttl"


@dataclass(frozen=True)
class Violation:
    """One broken promise: a node, the property and value at fault, and where the node came from."""

    focus: str
    label: str | None
    types: tuple[str, ...]
    path: str | None
    value: str | None
    value_label: str | None
    value_types: tuple[str, ...]
    shape: str
    constraint: str
    severity: str
    message: str
    sentence: str | None
    document: str | None

    def sort_key(self) -> tuple:
        return (self.focus, self.path or "", self.shape, self.constraint, self.value or "")


@dataclass
class ValidationReport:
    conforms: bool
    source: str
    shapes: str
    violations: list[Violation] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        body = {
            "conforms": self.conforms,
            "graph": self.source,
            "shapes": self.shapes,
            "checked": self.checked,
            "violations": [asdict(v) for v in self.violations],
        }
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"

    def to_text(self) -> str:
        """Violations grouped by node, then one summary line."""
        lines: list[str] = []
        by_focus: dict[str, list[Violation]] = {}
        for violation in self.violations:
            by_focus.setdefault(violation.focus, []).append(violation)
        for focus, found in by_focus.items():
            first = found[0]
            lines.append(_describe(focus, first.label, first.types))
            for i, v in enumerate(found):
                where = f"{v.path}: " if v.path else ""
                if v.path and v.value is not None and v.value != focus:
                    where = f"{v.path} = {_describe(v.value, v.value_label, v.value_types)}: "
                severity = "" if v.severity == "Violation" else f"({v.severity.lower()}) "
                lines.append(f"  - {severity}{where}{v.message}  [{v.shape}, sh:{v.constraint}]")
                # The sentence (and document) after each run of violations read from it.
                following = found[i + 1] if i + 1 < len(found) else None
                if following is None or (following.sentence, following.document) != (v.sentence, v.document):
                    if v.sentence:
                        lines.append(f'  sentence: "{v.sentence}"')
                    if v.document:
                        lines.append(f"  document: {v.document}")
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        checked = ", ".join(f"{n} {kind if n != 1 else _SINGULAR[kind]}" for kind, n in self.checked.items())
        if self.conforms and not self.violations:
            return f"{self.source} conforms to {self.shapes} ({checked})"
        if self.conforms:
            return f"{self.source} conforms to {self.shapes} with {len(self.violations)} warnings ({checked})"
        nodes = len({v.focus for v in self.violations})
        noun = "violation" if len(self.violations) == 1 else "violations"
        return (
            f"{self.source} does not conform to {self.shapes}: {len(self.violations)} {noun} "
            f"on {nodes} node{'s' if nodes != 1 else ''} ({checked})"
        )


def _describe(node: str, label: str | None, types: tuple[str, ...]) -> str:
    return node + (f' "{label}"' if label else "") + (f" ({', '.join(types)})" if types else "")


_SINGULAR = {
    "entities": "entity",
    "events": "event",
    "assertions": "assertion",
    "documents": "document",
    "quantities": "quantity",
}


def validate(graph: Graph, shapes: str | Path | None = None, source: str = "graph") -> ValidationReport:
    """Check `graph` against `shapes` (kg's own by default). The graph is not changed.

    A shapes file that is missing, not Turtle, or not usable SHACL is a UsageError.
    """
    import pyshacl

    shapes_path = Path(shapes) if shapes is not None else default_shapes()
    shapes_graph = load_shapes(shapes_path)
    hierarchy = class_hierarchy()
    # pySHACL logs its own errors to stderr; kg reports them itself, in one line.
    quiet = logging.getLogger("pyshacl-validate")
    was_disabled, quiet.disabled = quiet.disabled, True
    try:
        _, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, ont_graph=hierarchy, inference="none")
    except Exception as err:  # pySHACL reports unusable shapes with several error types
        first = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise UsageError(
            f"{display(shapes_path)}: not usable SHACL shapes ({first[:200]}); fix the file or drop --shapes"
        ) from None
    finally:
        quiet.disabled = was_disabled
    if not isinstance(results, Graph):
        # pySHACL returns (not raises) some refusals, e.g. a SPARQL constraint with SERVICE.
        first = (str(results).strip().splitlines() or [type(results).__name__])[0]
        raise UsageError(
            f"{display(shapes_path)}: not usable SHACL shapes ({first[:200]}); fix the file or drop --shapes"
        )
    names = _names(graph)
    violations = sorted(
        (_violation(results, result, graph, shapes_graph, names) for result in _top_results(results)),
        key=Violation.sort_key,
    )
    # Conformance is decided here from each result's own severity: pySHACL's allow_warnings
    # looks at the node shape's severity and misses a property shape's own.
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        source=source,
        shapes=DEFAULT_SHAPES_NAME if shapes is None else display(shapes_path),
        violations=violations,
        checked=_census(graph, hierarchy),
    )


@functools.lru_cache(maxsize=8)
def _parse_shapes(path: str, mtime: float) -> Graph:
    return Graph().parse(path, format="turtle")


def load_shapes(path: str | Path) -> Graph:
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{display(path)}: no such shapes file; give a Turtle file of SHACL shapes or drop --shapes")
    try:
        return _parse_shapes(str(path.resolve()), path.stat().st_mtime)
    except Exception as err:  # rdflib raises many parser-specific types
        first = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise UsageError(f"{display(path)}: not valid Turtle ({first[:200]}); fix the shapes file") from None


@functools.lru_cache(maxsize=1)
def class_hierarchy() -> Graph:
    """The rdfs:subClassOf triples of ontology/kg.ttl, and nothing else of it."""
    ontology = Graph().parse(data_dir("ontology") / "kg.ttl", format="turtle")
    hierarchy = Graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        hierarchy.add(triple)
    return hierarchy


def _top_results(results: Graph) -> list[Node]:
    """The report's own results; sh:detail results nested under them explain, not add."""
    return [r for report in results.subjects(RDF.type, SH.ValidationReport) for r in results.objects(report, SH.result)]


def _names(graph: Graph) -> NamespaceManager:
    """Prefixes for short names: kg's own, then the ones the graph's file declared."""
    names = NamespaceManager(Graph(), bind_namespaces="core")
    for prefix, ns in graph.namespace_manager.namespaces():
        names.bind(prefix, ns, override=False)
    for prefix, ns in bind_prefixes(Graph(), DEFAULT_BASE).namespace_manager.namespaces():
        names.bind(prefix, ns, override=False)
    names.bind("kgsh", SHAPES_IRI, override=False)
    names.bind("sh", str(SH), override=False)
    return names


def _short(node: Node | None, names: NamespaceManager) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return node.n3(names)
    if isinstance(node, Literal):
        return node.n3(names)
    return node.n3()


def _violation(results: Graph, result: Node, graph: Graph, shapes: Graph, names: NamespaceManager) -> Violation:
    focus = results.value(result, SH.focusNode)
    value = results.value(result, SH.value)
    path = results.value(result, SH.resultPath)
    component = str(results.value(result, SH.sourceConstraintComponent) or "")
    component = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    sentence, document = _asserted_in(graph, focus, path, value) or provenance(graph, focus)
    return Violation(
        focus=_short(focus, names) or "",
        label=_label(graph, focus),
        types=tuple(sorted(_short(t, names) for t in graph.objects(focus, RDF.type))),
        path=_short(path, names) if isinstance(path, URIRef) else None,
        value=_short(value, names),
        value_label=_label(graph, value) if isinstance(value, URIRef) else None,
        value_types=tuple(sorted(_short(t, names) for t in graph.objects(value, RDF.type)))
        if isinstance(value, URIRef)
        else (),
        shape=_shape_name(shapes, results.value(result, SH.sourceShape), names),
        constraint=component.lower() if component.isupper() else component[:1].lower() + component[1:],
        severity=str(results.value(result, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1],
        message=str(results.value(result, SH.resultMessage) or "does not conform"),
        sentence=sentence,
        document=_short(document, names),
    )


def _label(graph: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    labels = sorted(str(label) for label in graph.objects(node, RDFS.label))
    return labels[0] if labels else None


def _shape_name(shapes: Graph, shape: Node | None, names: NamespaceManager) -> str:
    """A named shape as written; an anonymous one by the named shape that holds it."""
    if shape is None:
        return "?"
    if isinstance(shape, BNode):
        parent = next(iter(sorted(shapes.subjects(SH.property, shape))), None)
        path = shapes.value(shape, SH.path)
        if parent is not None:
            return f"{_shape_name(shapes, parent, names)}/{_short(path, names) if isinstance(path, URIRef) else '?'}"
        return "an anonymous shape"
    return _short(shape, names) or "?"


def _asserted_in(graph: Graph, subject: Node | None, predicate: Node | None, obj: Node | None):
    """The sentence and document of the kg:Assertion of exactly this triple, if there is one:
    a relation with a wrong value is best explained by the sentence it was read from."""
    if not isinstance(predicate, URIRef) or obj is None or obj == subject:
        return None
    for assertion in sorted(graph.subjects(RDF.subject, subject), key=str):
        if (assertion, RDF.predicate, predicate) in graph and (assertion, RDF.object, obj) in graph:
            sentence = _first(graph.objects(assertion, KG.evidence))
            if sentence is not None:
                return str(sentence), _first(graph.objects(assertion, PROV.wasDerivedFrom))
    return None


def provenance(graph: Graph, node: Node | None) -> tuple[str | None, Node | None]:
    """The sentence `node` was read from and its document, as far as the graph tells.

    Events, assertions and quantities carry their sentence (kg:evidence). A node that lost
    it is matched to another node of the same document and sentence index. An entity gets
    the first sentence (by document and position) of an event or assertion that names it,
    or a sentence of its document that contains its label; failing all, just the document.
    """
    if node is None:
        return None, None
    document = _first(graph.objects(node, PROV.wasDerivedFrom))
    if (node, RDF.type, KG.Document) in graph:
        return None, node
    evidence = _first(graph.objects(node, KG.evidence))
    if evidence is not None:
        return str(evidence), document
    index = graph.value(node, KG.sentenceIndex)
    if index is not None and document is not None:
        for other in graph.subjects(KG.sentenceIndex, index):
            if (other, PROV.wasDerivedFrom, document) in graph and graph.value(other, KG.evidence) is not None:
                return str(graph.value(other, KG.evidence)), document
    readings = []
    for prop in _MENTIONS:
        for reader in graph.subjects(prop, node):
            for sentence in graph.objects(reader, KG.evidence):
                readings.append(
                    (_first(graph.objects(reader, PROV.wasDerivedFrom)), _index(graph, reader), str(sentence))
                )
    if readings:
        source, _, sentence = min(readings, key=lambda r: (str(r[0]), r[1], r[2]))
        return sentence, source
    label = _label(graph, node)
    if label and document is not None:
        mentioning = [
            (_index(graph, reader), str(sentence))
            for reader in graph.subjects(PROV.wasDerivedFrom, document)
            for sentence in graph.objects(reader, KG.evidence)
            if label.casefold() in str(sentence).casefold()
        ]
        if mentioning:
            return min(mentioning)[1], document
    return None, document


def _first(nodes) -> Node | None:
    found = sorted(nodes, key=str)
    return found[0] if found else None


def _index(graph: Graph, node: Node) -> int:
    value = graph.value(node, KG.sentenceIndex)
    try:
        return int(value.toPython()) if isinstance(value, Literal) else 1 << 30
    except (TypeError, ValueError):
        return 1 << 30


def _census(graph: Graph, hierarchy: Graph) -> dict[str, int]:
    """How many nodes of each kind the shapes looked at, by class under the ontology."""
    below: dict[Node, set[Node]] = {}
    for sub, sup in hierarchy.subject_objects(RDFS.subClassOf):
        below.setdefault(sup, set()).add(sub)

    def closure(roots: tuple[URIRef, ...]) -> set[Node]:
        seen, todo = set(roots), list(roots)
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return seen

    typed: Counter = Counter()
    for kind, roots in KINDS:
        classes = closure(roots)
        typed[kind] = len({s for cls in classes for s in graph.subjects(RDF.type, cls)})
    return {kind: typed[kind] for kind, _ in KINDS}
