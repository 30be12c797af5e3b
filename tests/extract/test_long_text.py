"""Text over spaCy's 1,000,000-character limit is read in pieces, not refused or cut short."""

from kg.document import Document
from kg.extract.pipeline import MAX_CHARS

from ..cli.test_build_cli import kg
from ..conftest import EXAMPLE

TAIL = "Gunmen attacked the Bardo museum in Tunis on Wednesday, officials said."


def long_text() -> str:
    # Long filler words keep spaCy's work small while the text passes its limit.
    filler = "\n\n".join(("z" * 999 + " ") * 10 for _ in range(120))
    text = EXAMPLE.read_text(encoding="utf-8") + "\n\n" + filler + "\n\n" + TAIL + "\n"
    assert len(text) > 1_000_000 > MAX_CHARS
    return text


def test_facts_past_the_limit_are_found_with_their_place_in_the_whole_text(extractor):
    text = long_text()
    facts = extractor.extract_one(Document("long.txt", text))
    attack = [e for e in facts.events if e.cls == "Attack" and e.trigger == "attacked"]
    assert attack, "the event after the first million characters was not read"
    sentence = facts.sentences[attack[-1].sentence]
    assert sentence.text == TAIL and text[sentence.start : sentence.end].strip() == TAIL
    assert {"Tunis", "Islamic State"} <= {e.label for e in facts.entities}
    assert [s.index for s in facts.sentences] == list(range(len(facts.sentences)))
    for s in facts.sentences:
        assert text[s.start : s.end].strip() == s.text


def test_kg_build_reads_a_file_over_the_limit(tmp_path):
    article = tmp_path / "long.txt"
    article.write_text(long_text(), encoding="utf-8")
    result = kg("build", article, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Read 1 document" in result.stdout
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert TAIL in graph and "Islamic State" in graph
