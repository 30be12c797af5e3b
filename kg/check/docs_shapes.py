"""The shapes part of docs/ontology.md: each SHACL shape's promise, in words, read from shapes.ttl.

Nothing here is written by hand per shape: targets, counts and value constraints are
described from the shape's own triples, and sh:message gives the promise as the shape
states it, so the reference says exactly what `kg validate` checks.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.rdf.namespace import KG

# Shapes are grouped by the class they target; shapes that target no class but the
# subjects of a property describe links between nodes.
GROUPS = (
    ("Entities", (KG.Actor, KG.Place)),
    ("Events", (KG.Event,)),
    ("Assertions: where each relation was read", (KG.Assertion,)),
    ("Documents", (KG.Document,)),
    ("Quantities", (KG.Quantity,)),
)
LINKS = "Relations and other links"
TARGETS = (
    (SH.targetClass, "instances of"),
    (SH.targetSubjectsOf, "subjects of"),
    (SH.targetObjectsOf, "objects of"),
    (SH.targetNode, "the node"),
)

Curie = Callable[[Node | None], str]


def describe_shapes(shapes: Graph, curie: Curie) -> str:
    d = _Describer(shapes, curie)
    named = sorted((s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)), key=str)
    definitions = [s for s in named if not d.targets(s)]
    grouped: dict[str, list[URIRef]] = {}
    for shape in named:
        if shape in definitions:
            continue
        classes = set(shapes.objects(shape, SH.targetClass))
        title = next((t for t, roots in GROUPS if classes & set(roots)), LINKS)
        grouped.setdefault(title, []).append(shape)
    parts = [
        "## What every graph guarantees: the SHACL shapes\n\n"
        "From ontology/shapes.ttl; `kg validate` checks a graph against them (pySHACL) and `kg build --validate`\n"
        "checks each build. Class membership follows `rdfs:subClassOf` in ontology/kg.ttl (a `kg:ArmedGroup` is a\n"
        "`kg:Actor`); nothing is inferred from domains or ranges. Each line ends with the shape's own message, the\n"
        "words `kg validate` prints when the promise is broken.\n",
        "### Kinds the shapes refer to\n\n"
        + "\n".join(f"- `{curie(s)}`: {d.comment(s)} ({d.values(s)})" for s in definitions)
        + "\n",
    ]
    for title in [t for t, _ in GROUPS[:2]] + [LINKS] + [t for t, _ in GROUPS[2:]]:
        if title in grouped:
            parts.append(f"### {title}\n\n" + "\n".join(d.shape(s) for s in grouped[title]))
    return "\n".join(parts)


class _Describer:
    def __init__(self, shapes: Graph, curie: Curie):
        self.g, self.curie = shapes, curie

    def code(self, node: Node | None) -> str:
        return f"`{self.curie(node)}`"

    def comment(self, shape: Node) -> str:
        value = self.g.value(shape, RDFS.comment)
        return str(value) if value is not None else ""

    def targets(self, shape: Node) -> list[str]:
        out = []
        for prop, phrase in TARGETS:
            found = sorted(self.g.objects(shape, prop), key=str)
            if found:
                out.append(f"{phrase} " + ", ".join(self.code(t) for t in found))
        return out

    def shape(self, shape: URIRef) -> str:
        paragraphs = [f"#### `{self.curie(shape)}`"]
        if self.comment(shape):
            paragraphs.append(self.comment(shape))
        paragraphs.append("Applies to " + "; ".join(self.targets(shape)) + ".")
        checks = []
        own = self.values(shape)
        if own:
            message = self.g.value(shape, SH.message)
            checks.append(f"- the node itself: {own}" + (f" — *{message}*" if message else ""))
        for sparql in sorted(self.g.objects(shape, SH.sparql), key=str):
            checks.append(f"- checked in SPARQL: *{self.g.value(sparql, SH.message)}*")
        if checks:
            paragraphs.append("\n".join(checks))
        rows = []
        for prop in self.g.objects(shape, SH.property):
            message = self.g.value(prop, SH.message)
            rows.append(
                (self.curie(self.g.value(prop, SH.path)), self.count(prop), self.values(prop) or "any", message)
            )
        if rows:
            table = ["| property | how many | values | promise |", "|---|---|---|---|"]
            table += [f"| `{p}` | {n} | {_cell(v)} | {_cell(m or '')} |" for p, n, v, m in sorted(rows, key=str)]
            paragraphs.append("\n".join(table))
        return "\n\n".join(paragraphs) + "\n"

    def count(self, prop: Node) -> str:
        low, high = self.g.value(prop, SH.minCount), self.g.value(prop, SH.maxCount)
        low = int(low) if low is not None else 0
        if high is not None and int(high) == low:
            return f"exactly {low}"
        if high is not None:
            return f"at most {int(high)}" if low == 0 else f"{low} to {int(high)}"
        return f"at least {low}" if low else "any"

    def values(self, shape: Node) -> str:
        """The value constraints of a shape (node or property), as a phrase."""
        g, out = self.g, []
        for cls in sorted(g.objects(shape, SH["class"]), key=str):
            out.append(f"a {self.code(cls)}")
        for datatype in sorted(g.objects(shape, SH.datatype), key=str):
            out.append(self.code(datatype))
        kind = g.value(shape, SH.nodeKind)
        if kind is not None:
            out.append(
                {SH.IRI: "an IRI", SH.Literal: "a literal", SH.BlankNode: "a blank node"}.get(kind, self.code(kind))
            )
        for node in sorted(g.objects(shape, SH.node), key=str):
            out.append(f"conforming to {self.code(node)}" if isinstance(node, URIRef) else self.values(node))
        length = g.value(shape, SH.minLength)
        if length is not None:
            out.append("non-empty" if int(length) == 1 else f"at least {int(length)} characters")
        low, high = g.value(shape, SH.minInclusive), g.value(shape, SH.maxInclusive)
        if low is not None and high is not None:
            out.append(f"from {low} to {high}")
        elif low is not None:
            out.append(f"at least {low}")
        elif high is not None:
            out.append(f"at most {high}")
        allowed = g.value(shape, SH["in"])
        if allowed is not None:
            out.append(
                "one of " + ", ".join(self.code(v) if isinstance(v, URIRef) else f'"{v}"' for v in self.items(allowed))
            )
        for pattern in sorted(g.objects(shape, SH.pattern), key=str):
            out.append(f"matching `{pattern}`")
        for key, phrase in ((SH["or"], "either"), (SH.xone, "exactly one of")):
            head = g.value(shape, key)
            if head is not None:
                out.append(f"{phrase} " + " or ".join(f"({self.branch(b)})" for b in self.items(head)))
        return ", ".join(out)

    def branch(self, shape: Node) -> str:
        """One alternative of sh:or / sh:xone: a value constraint, or a property that must be there."""
        path = self.g.value(shape, SH.path)
        if path is not None:
            return f"{self.count(shape)} {self.code(path)}" + (f", {self.values(shape)}" if self.values(shape) else "")
        text = self.values(shape)
        for prop in self.g.objects(shape, SH.property):
            text += f", whose {self.code(self.g.value(prop, SH.path))} is {self.values(prop)}"
        return text

    def items(self, head: Node) -> list[Node]:
        return list(Collection(self.g, head)) if isinstance(head, BNode | URIRef) else []


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
