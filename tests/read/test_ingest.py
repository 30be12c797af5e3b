import codecs
import json
import os
from pathlib import Path

import pytest

from kg.document import Document
from kg.errors import UsageError
from kg.read.ingest import Skipped, read_documents

from ..conftest import DATA, EXAMPLE


def read(*paths, **kw):
    return list(read_documents(paths, **kw))


def test_text_file_gives_headline_and_stable_id():
    (doc,) = read(EXAMPLE, published="2017-07-06")
    assert isinstance(doc, Document)
    assert doc.id == "raqqa_wall.txt"
    assert doc.title.startswith("Syrian fighters backed by Washington")
    assert doc.published == "2017-07-06"
    assert "Rafiqah Wall" in doc.text


def test_html_page_gives_article_text_and_metadata_not_menus():
    (doc,) = read(DATA / "page.html")
    assert doc.title == "Rebels seize border town"
    assert doc.published == "2019-03-14"
    assert doc.url == "https://news.example.org/world/rebels-seize-border-town"
    assert "seized the border town of Kilmora" in doc.text
    assert "Subscribe now" not in doc.text and "Cookie settings" not in doc.text


def test_jsonl_reads_each_line_and_reports_bad_lines_by_number():
    items = read(DATA / "articles.jsonl")
    docs = [i for i in items if isinstance(i, Document)]
    bad = [i for i in items if isinstance(i, Skipped)]
    assert [d.id for d in docs] == ["a1", "articles.jsonl#2"]
    assert docs[0].published == "2020-02-03" and docs[0].url == "https://news.example.org/a1"
    assert docs[1].text.startswith("Protest in the capital")
    assert len(bad) == 1 and "articles.jsonl:3: not JSON" in bad[0].reason


def test_folder_is_walked_in_stable_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second article about Mosul.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("# A title\n\nFirst **article** about Raqqa.")
    (tmp_path / "notes.csv").write_text("ignored")
    docs = read(tmp_path)
    assert [d.id for d in docs] == [f"{tmp_path.name}/b.txt", f"{tmp_path.name}/sub/a.md"]
    assert docs[1].text == "A title\n\nFirst article about Raqqa."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"%PDF-1.7 binary", "binary"),
        (b"\x00\x01\x02text", "binary"),
        ("Caf\u00e9 in Tunis".encode("latin-1"), "not UTF-8 (byte 0xE9 at offset 3)"),
    ],
)
def test_unreadable_files_are_skipped_with_one_clear_line(tmp_path, content, expected):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Rebels seized the town of Kilmora.")
    items = read(bad, good)
    assert isinstance(items[0], Skipped) and expected in items[0].reason and "bad.txt" in items[0].reason
    assert "\n" not in items[0].reason
    assert isinstance(items[1], Document)


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_byte_order_marks_give_the_same_text(tmp_path, bom):
    text = "Rebels seized Kilmora.\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + text.encode("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-8"))
    (doc,) = read(path)
    assert doc.text == text


def test_text_is_nfc_normalised(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_text("Cafe\u0301 owners protested.", encoding="utf-8")
    (doc,) = read(path)
    assert doc.text == "Caf\u00e9 owners protested."


def test_missing_path_and_empty_folder_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="no such file or folder"):
        read(tmp_path / "nope.txt")
    with pytest.raises(UsageError, match="no articles in this folder"):
        read(tmp_path)


def test_bad_published_date_is_a_usage_error():
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        read(EXAMPLE, published="July 4th")


def test_a_fifo_or_device_is_skipped_without_being_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block until someone writes
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    (tmp_path / "good.txt").write_text("Rebels seized the town of Kilmora.")
    items = read(tmp_path, Path("/dev/null"))
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Skipped)}
    assert "not a regular file" in reasons["pipe.txt"] and "not a regular file" in reasons["zero.txt"]
    assert [d.id for d in items if isinstance(d, Document)] == [f"{tmp_path.name}/good.txt"]
    assert "unsupported file type" in reasons["null"]


def test_symlink_loops_and_dangling_links_are_named_and_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "loop").symlink_to(".")  # a folder loop: never followed
    (folder / "good.txt").write_text("Rebels seized the town of Kilmora.")
    items = read(folder, folder / "a.txt")
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.id for d in items if isinstance(d, Document)] == ["in/good.txt"]
    assert sorted(Path(s.source).name for s in skipped) == ["a.txt", "b.txt", "gone.txt"]
    for s in skipped:
        assert ("loops back on itself" in s.reason) or ("nowhere.txt, which does not exist" in s.reason)
        assert "\n" not in s.reason


def test_a_file_named_twice_is_read_once_and_namesakes_stay_apart(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(f"Rebels seized {folder.upper()}town.")
    x, y = tmp_path / "x" / "index.txt", tmp_path / "y" / "index.txt"
    assert [d.id for d in read(x, x, tmp_path / "x" / ".." / "x" / "index.txt")] == ["index.txt"]
    ids = [d.id for d in read(x, y)]
    assert len(set(ids)) == 2 and ids == [os.fsdecode(x), os.fsdecode(y)]


def test_a_file_name_that_is_not_utf8_is_shown_by_its_bytes(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9-\xff.txt"
    with open(name, "wb") as handle:
        handle.write(b"Rebels seized the town of Kilmora.")
    (doc,) = read(tmp_path)
    assert doc.id == f"{tmp_path.name}/caf\\xe9-\\xff.txt"
    assert doc.source.endswith("/caf\\xe9-\\xff.txt")
    doc.id.encode("utf-8")  # no lone surrogate survives
    doc.source.encode("utf-8")


def test_jsonl_fields_that_spell_lone_surrogates_or_controls_become_writable_text(tmp_path):
    path = tmp_path / "hostile.jsonl"
    record = {
        "id": "a\ud800b\x00",
        "url": "https://news.example.org/\udfff",
        "title": "Title \ud83d",
        "text": "Rebels seized Kilmora \udc80 on Monday.\x07",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")  # json.dumps writes them as \\uXXXX escapes
    (doc,) = read(path)
    for value in (doc.id, doc.url, doc.title, doc.text):
        value.encode("utf-8")  # raises on a lone surrogate
        assert "\x00" not in value and "\x07" not in value
    assert doc.id == "a\ufffdb" and doc.text == "Title \ufffd\n\nRebels seized Kilmora \ufffd on Monday. "
