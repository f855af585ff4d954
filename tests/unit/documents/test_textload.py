"""decode_bytes: every encoding Carnet meets in the wild, and the refusals."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from app.core.documents.textload import BINARY_REASON, decode_bytes, normalise_text
from app.core.errors import DocumentSkipped

FRENCH = "Élève, cœur, « déjà » — l’été\n"


def test_utf8_without_bom() -> None:
    assert decode_bytes(FRENCH.encode("utf-8"), "a.txt") == FRENCH


def test_utf8_with_bom_drops_the_bom() -> None:
    assert decode_bytes(FRENCH.encode("utf-8-sig"), "a.txt") == FRENCH


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom(bom: bytes, encoding: str) -> None:
    data = bom + FRENCH.encode(encoding)
    # These encodings are full of NUL bytes: the BOM must win over the binary sniffing.
    assert b"\x00" in data
    assert decode_bytes(data, "a.txt") == FRENCH


def test_cp1252_with_oe_and_curly_apostrophe() -> None:
    data = "L’œuvre de l’été coûte 5 €".encode("cp1252")
    assert decode_bytes(data, "a.txt") == "L’œuvre de l’été coûte 5 €"


def test_latin1_file() -> None:
    data = "Ça déjà été là, señor".encode("latin-1")
    assert decode_bytes(data, "a.txt") == "Ça déjà été là, señor"


def test_byte_undefined_in_cp1252_falls_back_to_latin1() -> None:
    # 0x81 has no character in cp1252: it becomes U+0081 instead of failing.
    assert decode_bytes(b"caf\xe9 \x81", "a.txt") == "café \x81"


def test_newlines_are_normalised() -> None:
    assert decode_bytes(b"a\r\nb\rc\nd", "a.txt") == "a\nb\nc\nd"


def test_decomposed_input_is_composed_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Élève à l’école")
    assert decomposed != "Élève à l’école"
    result = decode_bytes(decomposed.encode("utf-8"), "a.txt")
    assert result == "Élève à l’école"
    assert unicodedata.is_normalized("NFC", result)


def test_control_characters_are_removed_but_tabs_and_newlines_kept() -> None:
    assert decode_bytes(b"a\x01b\tc\x1bd\ne\x7f", "a.txt") == "ab\tcd\ne"


def test_form_feed_becomes_a_line_break_so_words_do_not_merge() -> None:
    assert decode_bytes(b"page one\x0cpage two", "a.txt") == "page one\npage two"


def test_nul_inside_utf16_text_is_removed() -> None:
    data = codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le")
    assert decode_bytes(data, "a.txt") == "ab"


def test_nul_bytes_mean_binary() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(DocumentSkipped) as caught:
        decode_bytes(data, "photo.txt")
    assert caught.value.path == "photo.txt"
    assert caught.value.reason == BINARY_REASON
    assert "binary" in str(caught.value)


def test_many_control_characters_mean_binary() -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 65]) * 100
    with pytest.raises(DocumentSkipped, match="binary"):
        decode_bytes(data, "x.txt")


def test_a_few_control_characters_are_tolerated() -> None:
    data = b"a" * 100 + b"\x01" + b"b" * 100
    assert decode_bytes(data, "x.txt") == "a" * 100 + "b" * 100


def test_damaged_utf16_is_refused_with_a_reason() -> None:
    data = codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    with pytest.raises(DocumentSkipped, match="UTF-16"):
        decode_bytes(data, "x.txt")


def test_empty_bytes_give_empty_text() -> None:
    assert decode_bytes(b"", "x.txt") == ""


def test_normalise_text_is_idempotent() -> None:
    once = normalise_text("e\u0301\r\n\x00x")
    assert once == "é\nx"
    assert normalise_text(once) == once
