"""The WordNet-grown lexicon: rebuilt from WordNet 3.0 and the seeds, it is the file in the repository."""

from pathlib import Path

import pytest

from kg.lexicon.wordnet import DEFAULT_WORDNET, WordNet, grow, main, read_seeds
from kg.paths import data_dir

pytestmark = pytest.mark.skipif(
    not (Path(DEFAULT_WORDNET) / "data.verb").exists(),
    reason="WordNet 3.0 is not installed (apt-get install wordnet-base)",
)


@pytest.fixture(scope="module")
def wordnet():
    return WordNet()


def test_the_generated_file_is_what_the_seeds_give(capsys):
    assert main(["--check"]) == 0, capsys.readouterr().out


def test_a_sense_is_followed_only_where_it_is_the_word_s_usual_one(wordnet):
    seeds, written = read_seeds(data_dir("ontology"))
    statement = next(s for s in seeds if s.name == "statement-verbs")
    words = grow(wordnet, statement, written)
    assert "reiterate" in words and "censure" in words
    # 'sentence' has a sense under 'declare', but a judge's sentence is its usual one
    assert "sentence" not in words
    # what the hand-written triggers already say stays theirs
    assert "say" not in words


def test_the_generator_writes_what_check_accepts(tmp_path, wordnet):
    out = tmp_path / "wordnet.ttl"
    assert main(["-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (data_dir("ontology") / "wordnet.ttl").read_text(encoding="utf-8")
    assert main(["-o", str(out), "--check"]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert main(["-o", str(out), "--check"]) == 1
