"""Bytes become text only when their encoding is certain; nothing is guessed into mojibake."""

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import DataError
from kg.read.encoding import decode_page, decode_text

ARTICLE = "Gunmen attacked the Café de Paris in Tunis on Monday, officials said. «Three» were held."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("utf-16"), ARTICLE),  # with its byte-order mark
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), ARTICLE),
        (ARTICLE.encode("utf-8"), ARTICLE),
    ],
)
def test_utf8_and_marked_utf16_read_the_same(data, expected):
    assert decode_text(data, "a.txt") == expected


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "cp1251", "shift_jis", "mac_roman"])
def test_any_other_encoding_is_refused_with_the_offset_and_line_of_the_first_bad_byte(encoding):
    text = "First line.\nСлова 東京 Café – «quoted» line.\n"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, "replace")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    else:
        pytest.skip(f"{encoding} gives valid UTF-8 for this text")
    with pytest.raises(DataError) as caught:
        decode_text(data, "news.txt")
    message = str(caught.value)
    assert message.startswith("news.txt: not UTF-8 (byte 0x")
    assert f"at offset {first_bad}) on line 2;" in message and "iconv" in message
    assert "\n" not in message


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_text_that_decodes_is_exactly_the_text_written(text):
    """Whatever is accepted is the text that was meant: never a second reading of the bytes."""
    for data in (text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8"), text.encode("utf-16")):
        try:
            assert decode_text(data, "a.txt") == text
        except DataError as err:
            assert "binary data" in str(err)  # control characters that make the bytes look binary


def test_a_utf16_file_cut_in_half_is_refused():
    data = ARTICLE.encode("utf-16")[:-1]
    with pytest.raises(DataError, match="broken UTF-16 at byte"):
        decode_text(data, "cut.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
        bytes(range(1, 32)) * 10,
    ],
)
def test_binary_files_are_named_as_binary(data):
    for decode in (decode_text, decode_page):
        with pytest.raises(DataError, match="binary data"):
            decode(data, "x")


@pytest.mark.parametrize(
    ("head", "encoding", "body"),
    [
        ('<meta charset="iso-8859-1">', "latin-1", "Café déjà"),
        ("<META CHARSET=windows-1252>", "cp1252", "Café – déjà"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "cp1251", "Москва"),
        ('<?xml version="1.0" encoding="Shift_JIS"?>', "shift_jis", "東京"),
    ],
)
def test_a_page_is_read_in_the_encoding_it_declares(head, encoding, body):
    page = f"{head}<html><head><title>{body}</title></head><body><p>{body}</p></body></html>"
    assert decode_page(page.encode(encoding), "p.html") == page


def test_latin1_pages_are_read_as_windows_1252_as_browsers_do():
    page = '<meta charset="iso-8859-1"><p>\u201cquoted\u201d \u2013 Caf\u00e9</p>'
    assert decode_page(page.encode("cp1252"), "p.html") == page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("<p>Café</p>".encode("latin-1"), "p.html: not UTF-8 (byte 0xE9 at offset 6) on line 1"),
        ('<meta charset="utf-8"><p>Café</p>'.encode("latin-1"), "not utf-8 as it declares (byte 0xE9 at offset 28)"),
        ('<meta charset="shift_jis"><p>\x82\xff</p>'.encode("latin-1"), "not shift_jis as it declares"),
        (b'<meta charset="klingon-8"><p>\xe9</p>', "declares the encoding 'klingon-8', which kg does not know"),
    ],
)
def test_a_page_that_declares_nothing_or_lies_is_refused_not_guessed(data, message):
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode_page(data, "p.html")


def test_a_page_that_claims_utf16_without_a_byte_order_mark_is_utf8():
    page = '<meta charset="utf-16"><p>Café</p>'
    assert decode_page(page.encode("utf-8"), "p.html") == page
