"""EPUB books as a reader sees them: metadata, chapters in order, French intact, contents."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.documents.loader import LoadedDocument, load_document, load_document_bytes
from tests.unit.documents.epub_factory import (
    CHAPTER_ONE,
    CHAPTER_TWO,
    SECOND_SECTION,
    SENTENCE,
    calibre_files,
    pandoc_files,
    zip_epub,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _load(files: dict[str, str | bytes]) -> LoadedDocument:
    return load_document_bytes(zip_epub(files), ".epub", "livre.epub")


def _toc_lines(book: LoadedDocument) -> list[tuple[str, int, str]]:
    """Each contents entry with the line of text it lands on."""
    return [(e.title, e.level, book.text[e.offset :].split("\n", 1)[0]) for e in book.toc]


def test_calibre_epub2_reads_as_a_book() -> None:
    book = _load(calibre_files())
    assert (book.format, book.title, book.author) == ("epub", "Le Voyage à Genève", "Marie Lefèvre")
    assert book.date == "2019-03-14"  # the publication date, not the modification
    assert book.source == "Éditions du Lac" and book.pages is None
    assert book.language == "fr"  # dc:language, as the book declares it
    assert SENTENCE in book.text
    assert "Couverture" not in book.text  # the cover page is a picture, not reading text
    assert book.text.startswith(CHAPTER_ONE)
    assert book.text.index(CHAPTER_ONE) < book.text.index(CHAPTER_TWO)
    assert "\n\n" + CHAPTER_TWO in book.text  # chapters are separated by a blank line
    assert _toc_lines(book) == [
        (CHAPTER_ONE, 1, CHAPTER_ONE),
        (CHAPTER_TWO, 1, CHAPTER_TWO),
        (SECOND_SECTION, 2, SECOND_SECTION),
    ]


def test_pandoc_epub3_reads_as_a_book() -> None:
    book = _load(pandoc_files())
    assert (book.title, book.author, book.date) == (
        "Carnets de l’été",
        "Jeanne Durand",
        "2021-06-01",
    )
    assert book.language == "fr-FR"
    # The non-linear title page and the navigation document are not reading text.
    assert book.text.startswith(CHAPTER_ONE) and "Sommaire" not in book.text
    assert SENTENCE in book.text and book.words > 20
    assert _toc_lines(book) == [
        (CHAPTER_ONE, 1, CHAPTER_ONE),
        (CHAPTER_TWO, 1, CHAPTER_TWO),
        (SECOND_SECTION, 2, SECOND_SECTION),
    ]


def test_chapter_headings_keep_their_structure_at_their_new_place() -> None:
    book = _load(pandoc_files())
    headings = [book.text[b.start : b.end] for b in book.blocks if b.kind == "heading"]
    assert headings == [CHAPTER_ONE, CHAPTER_TWO, SECOND_SECTION]


def test_a_spine_that_repeats_a_chapter_reads_it_once() -> None:
    files = calibre_files()
    opf = str(files["content.opf"])
    files["content.opf"] = opf.replace(
        '<itemref idref="id2"/>',
        '<itemref idref="id2"/><itemref idref="id1"/><itemref idref="id2"/>',
    )
    book = _load(files)
    assert book.text.count(SENTENCE) == 1 and book.text.count(CHAPTER_TWO) == 1


def test_a_book_without_title_metadata_is_named_by_its_text() -> None:
    files = pandoc_files()
    files["EPUB/content.opf"] = str(files["EPUB/content.opf"]).replace(
        '<dc:title id="epub-title-1">Carnets de l’été</dc:title>', ""
    )
    assert _load(files).title == CHAPTER_ONE


def test_an_epub_file_is_imported_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "Voyage.EPUB"
    path.write_bytes(zip_epub(calibre_files()))
    assert load_document(path).title == "Le Voyage à Genève"


@pytest.mark.parametrize(
    ("name", "metadata", "french", "entry"),
    [
        (
            "live-manual-fr-excerpt.epub",
            (
                "Manuel Live Systems",
                "Projet Live Systems <debian-live@lists.debian.org>",
                "2015-09-22",
            ),
            "Même si nous",
            "1.4.2 Traduction",
        ),
        (
            "ubuntu-packaging-guide-fr-excerpt.epub",
            ("Ubuntu Packaging Guide", "Ubuntu Developers", "2021-10-24"),
            "Créez votre clé GPG",
            "Créez votre clé GPG",
        ),
    ],
)
def test_real_books_from_two_producers(
    name: str, metadata: tuple[str, str, str], french: str, entry: str
) -> None:
    book = load_document(FIXTURES / name)
    assert (book.title, book.author, book.date) == metadata
    assert french in book.text
    found = [e for e in book.toc if e.title == entry]
    assert found, f"{entry!r} missing from the contents"
    # The entry lands on its own heading (after a section number, if any), not on its chapter.
    line = book.text[found[0].offset :].split("\n", 1)[0]
    assert line.endswith(entry)
