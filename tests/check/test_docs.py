"""docs/ontology.md is generated from the Turtle, says what the Turtle says, and is current."""

import shutil
import subprocess
import sys

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.check.docs import render
from kg.lexicon import load_lexicon
from kg.paths import data_dir
from kg.rdf.namespace import KG_IRI

from ..conftest import ROOT

COMMITTED = ROOT / "docs" / "ontology.md"
REGENERATE = "run `kg docs -o docs/ontology.md` and commit the result"


def section(text: str, heading: str) -> list[str]:
    """The lines of one `## ` section."""
    start = text.index(f"\n## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)].splitlines()


@pytest.fixture(scope="module")
def text() -> str:
    return render()


def test_the_committed_reference_is_what_kg_docs_generates_now(text):
    # Fails after any edit to ontology/kg.ttl, lexicon.ttl or shapes.ttl until the file is regenerated.
    assert COMMITTED.is_file(), f"docs/ontology.md is missing; {REGENERATE}"
    assert COMMITTED.read_text(encoding="utf-8") == text, f"docs/ontology.md is stale; {REGENERATE}"


def test_the_same_turtle_gives_the_same_bytes_whatever_the_hash_seed(text):
    code = "import sys; from kg.check.docs import render; sys.stdout.buffer.write(render().encode('utf-8'))"
    for seed in ("1", "4242"):
        other = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, env={"PYTHONHASHSEED": seed}, timeout=120, check=True
        )
        assert other.stdout.decode("utf-8") == text


def test_every_class_and_property_appears_with_its_parents_domain_and_range(text):
    ontology = Graph().parse(data_dir("ontology") / "kg.ttl")
    names = {str(s)[len(KG_IRI) :] for s in ontology.subjects(RDF.type, None) if str(s).startswith(KG_IRI)}
    for name in names:
        assert f"`kg:{name}`" in text, name
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if str(sub).startswith(KG_IRI) and str(sup).startswith(KG_IRI):
            row = next(
                line for line in section(text, "Classes") if line.startswith(f"| `kg:{str(sub)[len(KG_IRI) :]}` |")
            )
            assert f"`kg:{str(sup)[len(KG_IRI) :]}`" in row
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        row = next(
            line for line in section(text, "Properties") if line.startswith(f"| `kg:{str(prop)[len(KG_IRI) :]}` |")
        )
        for domain in ontology.objects(prop, RDFS.domain):
            assert f"`kg:{str(domain)[len(KG_IRI) :]}`" in row.split("|")[3]
        for range_ in ontology.objects(prop, RDFS.range):
            assert f"`kg:{str(range_)[len(KG_IRI) :]}`" in row.split("|")[4]


def test_every_trigger_alias_and_shape_appears(text):
    lexicon = load_lexicon()
    for entry in lexicon.entries:
        row = next(line for line in section(text, "The lexicon") if line.startswith(f"| {entry.label} |"))
        for alias in entry.aliases:
            assert alias in row, (entry.label, alias)
        if entry.capital_of:
            assert row.endswith(f" | {entry.capital_of} |"), row
    ontology = Graph().parse(data_dir("ontology") / "kg.ttl")
    for column, annotation in ((3, "triggerVerb"), (4, "triggerLemma")):
        for cls, lemma in ontology.subject_objects(URIRef(KG_IRI + annotation)):
            name = str(cls)[len(KG_IRI) :]
            row = next(line for line in section(text, "Event classes") if line.startswith(f"| `kg:{name}` |"))
            assert str(lemma) in row.strip("| ").split(" | ")[column].split(", "), (name, annotation, lemma)
    shapes = Graph().parse(data_dir("ontology") / "shapes.ttl")
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert f"`kgsh:{str(shape).rsplit('#', 1)[1]}`" in text
    for message in shapes.objects(None, SH.message):
        assert str(message).replace("|", "\\|") in text
    for vocabulary in ("schema.org", "SEM", "PROV-O", "SKOS"):
        assert f"| {vocabulary} |" in text


def test_an_edit_to_the_ontology_changes_the_reference(tmp_path, text):
    folder = tmp_path / "ontology"
    shutil.copytree(data_dir("ontology"), folder)
    kg_ttl = folder / "kg.ttl"
    kg_ttl.write_text(
        kg_ttl.read_text(encoding="utf-8").replace('"cruise missile strike",', '"cruise missile strike", "sortie",'),
        encoding="utf-8",
    )
    edited = render(folder)
    assert edited != text and "sortie" in edited and "sortie" not in text
