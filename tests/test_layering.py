"""The folders are the flow: each stage of kg imports only the stages before it.

    read -> extract -> rdf -> store -> build -> query / viz / check -> export -> cli

with the shared modules (kg.document, kg.facts, kg.errors, kg.paths, kg.lexicon, kg.util)
beneath them all. The store comes before the build because the build writes into it. Every
`kg.*` import counts, at the top of a module or inside a function, and so does a module a
child process is started with (`Child("kg.read.pages")`). Third-party libraries are held to
their stage too: spaCy stays in kg.extract, and kg.extract knows nothing of RDF.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import kg

from .conftest import ROOT

PACKAGE = Path(kg.__file__).resolve().parent

ORDER = ("shared", "read", "extract", "rdf", "store", "build", "query", "viz", "check", "export", "cli")

# What each stage may import besides itself. Every stage named on the right comes before
# its importer in ORDER (test_the_table_only_points_back), so no arrow can run back up.
ALLOWED: dict[str, set[str]] = {
    "shared": set(),
    "read": {"shared"},
    "extract": {"shared"},
    "rdf": {"shared"},
    "store": {"shared", "rdf"},
    "build": {"shared", "read", "extract", "rdf", "store"},
    "query": {"shared", "rdf", "store"},
    "viz": {"shared", "rdf"},
    "check": {"shared", "rdf", "build"},
    "export": {"shared", "rdf", "store", "viz"},
    "cli": set(ORDER) - {"cli"},
}

# The few top-level modules, which every stage shares; the rest of kg is in stage folders.
SHARED_MODULES = {"kg", "kg.document", "kg.facts", "kg.errors", "kg.paths"}
SHARED_PACKAGES = {"util", "lexicon"}

# Libraries a stage must not import.
RDF_LIBRARIES = {"rdflib", "pyoxigraph", "oxrdflib", "pyshacl"}
FORBIDDEN_LIBRARIES: dict[str, set[str]] = {stage: {"spacy"} for stage in ORDER if stage != "extract"}
FORBIDDEN_LIBRARIES["extract"] = RDF_LIBRARIES
FORBIDDEN_LIBRARIES["read"] |= RDF_LIBRARIES


def stage_of(module: str) -> str | None:
    """The stage `module` belongs to, or None for a module kg does not place (a new loose one)."""
    parts = module.split(".")
    if parts[0] != "kg":
        return None
    if module == "kg.__main__":
        return "cli"
    if module in SHARED_MODULES or (len(parts) > 1 and parts[1] in SHARED_PACKAGES):
        return "shared"
    if len(parts) > 1 and parts[1] in ORDER:
        return parts[1]
    return None


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def kg_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(module: str, source: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module `source` imports, anywhere in it, as (line, dotted name); relative imports
    resolved against `module`; `from kg.x import y` also names kg.x.y, which may be a module.
    A child process started on a module (`Child("kg.x")`) counts as importing it."""
    found: list[tuple[int, str]] = []
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Child":
            found += [
                (node.lineno, arg.value)
                for arg in node.args[:1]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
    return found


def violations(module: str, source: str, known: set[str], is_package: bool = False) -> list[str]:
    """What in `source` (the text of `module`) breaks the layering, one line each."""
    stage = stage_of(module)
    if stage is None:
        return [f"{module}: in no stage; put it in the folder of the stage it serves"]
    problems = []
    for line, name in imports(module, source, is_package):
        top = name.split(".")[0]
        if top in FORBIDDEN_LIBRARIES.get(stage, ()):
            problems.append(f"{module}:{line} imports {name}: {stage} must not use {top}")
        if top != "kg" or (name not in known and name.rsplit(".", 1)[0] in known):
            continue  # a library, or a name imported from a kg module (not a module itself)
        target = stage_of(name)
        if target is None:
            problems.append(f"{module}:{line} imports {name}, which is in no stage")
        elif target != stage and target not in ALLOWED[stage]:
            problems.append(f"{module}:{line} imports {name}: {stage} may import only {sorted(ALLOWED[stage])}")
    return problems


def test_every_module_imports_only_earlier_stages():
    modules = kg_modules()
    known = set(modules)
    problems = [
        problem
        for module, path in modules.items()
        for problem in violations(module, path.read_text(encoding="utf-8"), known, path.name == "__init__.py")
    ]
    assert problems == []


def test_the_table_only_points_back():
    for stage, allowed in ALLOWED.items():
        for other in allowed:
            assert ORDER.index(other) < ORDER.index(stage), f"{stage} may import {other}, which comes after it"


def test_kg_holds_stage_folders_and_a_handful_of_modules():
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == (set(ORDER) - {"shared"}) | SHARED_PACKAGES
    loose = {module_name(p) for p in PACKAGE.glob("*.py")} - {"kg.__main__"}
    assert loose == SHARED_MODULES
    for folder in folders:
        docstring = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8")))
        assert docstring, f"kg/{folder}/__init__.py says nothing of its stage"
        assert docstring.splitlines()[1].startswith("May import:"), f"kg/{folder}/__init__.py: what it may import"


KNOWN = {"kg.extract", "kg.extract.entities", "kg.rdf", "kg.rdf.graph", "kg.store", "kg.store.embedded", "kg.cli"}
KNOWN |= {"kg.facts", "kg.util", "kg.util.child", "kg.read", "kg.read.pages", "kg.build", "kg.build.driver"}


@pytest.mark.parametrize(
    ("module", "source", "complaint"),
    [
        ("kg.extract.entities", "from kg.rdf.graph import settle\n", "imports kg.rdf.graph: extract may import only"),
        ("kg.extract.entities", "def f():\n    from kg.rdf import graph\n", "imports kg.rdf: extract"),
        ("kg.extract.entities", "from ..rdf import graph\n", "imports kg.rdf: extract"),
        ("kg.extract.entities", "import rdflib\n", "extract must not use rdflib"),
        ("kg.extract.entities", "from pyoxigraph import Store\n", "extract must not use pyoxigraph"),
        ("kg.rdf.graph", "from spacy.tokens import Doc\n", "rdf must not use spacy"),
        ("kg.rdf.graph", "from kg.extract import Extractor\n", "imports kg.extract: rdf"),
        ("kg.store.embedded", "from kg.build import build\n", "imports kg.build: store"),
        ("kg.store.embedded", "import kg.cli\n", "imports kg.cli: store"),
        ("kg.util.child", "from kg.read import pages\n", "imports kg.read: shared"),
        ("kg.facts", "from kg import rdf\n", "imports kg.rdf: shared"),
        ("kg.store.embedded", 'with Child("kg.build.driver") as c:\n    pass\n', "imports kg.build.driver: store"),
        ("kg.loose", "", "in no stage"),
    ],
)
def test_the_checker_catches_a_forbidden_import(module, source, complaint):
    problems = violations(module, source, KNOWN)
    assert any(complaint in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("kg.build.driver", "from kg.store import GraphStore\nfrom kg.read.ingest import read_documents\n"),
        ("kg.extract.entities", "from kg.facts import Entity\nfrom .text import name_key\n"),
        ("kg.cli", "from kg.build import build\n"),
        ("kg.read.ingest", 'with Child("kg.read.pages") as c:\n    pass\n'),
    ],
)
def test_the_checker_lets_an_allowed_import_be(module, source):
    assert violations(module, source, KNOWN) == []


def test_the_readme_names_still_resolve():
    """Every `from kg.x import y` and every `kg.x.y(...)` the README shows names a real thing."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [
        f"{m[1]}.{name.strip()}"
        for m in re.finditer(r"from (kg[\w.]*) import ([\w, ]+)", readme)
        for name in m[2].split(",")
    ]
    names += re.findall(r"`(kg(?:\.\w+)+)\(", readme)
    assert len(names) > 10
    for dotted in names:
        module, _, attribute = dotted.rpartition(".")
        assert getattr(__import__(module, fromlist=[attribute]), attribute, None) is not None, dotted


def test_pytest_looks_in_every_test_folder(request):
    """tests/ mirrors kg/, and pytest skips folders named like its defaults (build, dist) unless told."""
    from fnmatch import fnmatch

    skipped = request.config.getini("norecursedirs")
    folders = [p.name for p in (ROOT / "tests").iterdir() if (p / "__init__.py").is_file()]
    assert "build" in folders
    assert [f for f in folders if any(fnmatch(f, pattern) for pattern in skipped)] == []
