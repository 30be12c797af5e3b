"""Under a C (ASCII) locale with Python's UTF-8 mode off, kg still reads UTF-8 names, writes
every file as UTF-8 and prints them whole: no '?', no \\udcxx escapes, no traceback."""

from __future__ import annotations

import os
import shutil

from ..conftest import EXAMPLE
from .test_build_cli import kg

C_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
ARTICLE = "Москва и الرقة\n\nВооружённые силы «Юг» захватили Kilmora. The Syrian Democratic Forces attacked Raqqa.\n"


def test_every_command_writes_and_prints_utf8_under_an_ascii_locale(tmp_path):
    env = {**os.environ, **C_LOCALE}
    folder = tmp_path / "статьи"
    folder.mkdir()
    (folder / "Москва.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "пусто.txt").write_bytes(b"")
    shutil.copy(EXAMPLE, folder / "raqqa.txt")
    out = tmp_path / "вывод"
    built = kg("build", folder, "-o", out, "--base", "https://example.org/ид/", env=env)
    assert built.returncode == 1 and "Traceback" not in built.stderr, built.stderr
    assert (
        built.stderr.strip()
        == f"kg: skipped {folder}/пусто.txt: empty, nothing to read; remove it or give it an article's text"
    )
    assert f"wrote {out}/graph.ttl and {out}/graph.trig" in built.stdout
    graph = (out / "graph.ttl").read_bytes().decode("utf-8")
    assert "Москва" in graph and "статьи/Москва.txt" in graph and "<https://example.org/ид/" in graph
    page = tmp_path / "страница.html"
    drawn = kg("viz", "--graph", out / "graph.ttl", "-o", page, "--title", "Граф «Юг»", env=env)
    assert drawn.returncode == 0, drawn.stderr
    assert "Граф «Юг»" in page.read_bytes().decode("utf-8") and "страница.html" in drawn.stdout
    stats = kg("stats", "--graph", out / "graph.trig", env=env)
    assert stats.returncode == 0 and "Traceback" not in stats.stderr
    validated = kg("validate", "--graph", out / "graph.ttl", env=env)
    assert validated.returncode in (0, 1) and "Traceback" not in validated.stderr, validated.stderr
    asked = kg("query", "alias-lookup", "-p", "name=Москва", "--graph", out / "graph.ttl", env=env)
    assert asked.returncode == 0 and "Traceback" not in asked.stderr, asked.stderr
    assert "Москва" in asked.stdout
    exported = kg("export", "--graph", out / "graph.trig", "-o", tmp_path / "экспорт.jsonld", env=env)
    assert exported.returncode == 0, exported.stderr
    assert "Москва" in (tmp_path / "экспорт.jsonld").read_bytes().decode("utf-8")
    docs = kg("docs", "-o", tmp_path / "ontology.md", env=env)
    assert docs.returncode == 0, docs.stderr
    (tmp_path / "ontology.md").read_bytes().decode("utf-8")
    for result in (built, drawn, stats, validated, asked, exported, docs):
        assert "?" not in result.stdout.replace("?)", "") and "\\udc" not in result.stdout + result.stderr
