"""`kg docs` through the real `kg` console script."""

import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kg.check.docs import render
from kg.cli import main


def kg(*args, cwd=None):
    exe = shutil.which("kg") or str(Path(sys.executable).parent / "kg")
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_docs_writes_the_reference_and_check_accepts_it(tmp_path):
    out = tmp_path / "docs" / "ontology.md"
    written = kg("docs", "-o", out)
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8") == render()
    checked = kg("docs", "-o", out, "--check")
    assert checked.returncode == 0 and "is current" in checked.stdout


def test_check_fails_in_one_line_when_the_file_is_stale_or_missing(tmp_path):
    out = tmp_path / "ontology.md"
    missing = CliRunner().invoke(main, ["docs", "-o", str(out), "--check"])
    assert missing.exit_code == 1 and "is missing; regenerate it with `kg docs -o" in missing.output
    out.write_text(render().replace("kg:Capture", "kg:Captur", 1), encoding="utf-8")
    stale = kg("docs", "-o", out, "--check")
    assert stale.returncode == 1
    assert stale.stderr.strip().count("\n") == 0 and "is out of date" in stale.stderr
    assert "Traceback" not in stale.stderr


def test_without_a_file_the_reference_goes_to_stdout_and_check_needs_one():
    printed = CliRunner().invoke(main, ["docs"])
    assert printed.exit_code == 0 and printed.output == render()
    needs = CliRunner().invoke(main, ["docs", "--check"])
    assert needs.exit_code == 2 and "--check needs the file" in needs.output


def test_help_describes_every_option():
    result = CliRunner().invoke(main, ["docs", "--help"])
    for text in ("--out", "--check", "docs/ontology.md", "shapes", "lexicon"):
        assert text in result.output
