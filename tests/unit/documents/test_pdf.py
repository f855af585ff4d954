"""PDFs as a reader sees them: two real producers, and the PDFs Carnet must skip, and why."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from app.core.documents.loader import load_document, load_document_bytes
from app.core.documents.pdf import (
    DAMAGED_REASON,
    NO_TEXT_REASON,
    PASSWORD_REASON,
    meaningful_title,
    outline_entries,
    pdf_date,
)
from app.core.documents.toc import PAGE_BREAK, page_at, page_count
from app.core.errors import DocumentSkipped

FIXTURES = Path(__file__).parent / "fixtures"
QT_PDF = FIXTURES / "qt-pdfwriter-fr.pdf"  # Qt's PDF engine, see make_pdf_fixtures.py
DEBIAN_PDF = FIXTURES / "debian-reference-fr-excerpt.pdf"  # dblatex + xdvipdfmx, 4 pages


def test_qt_pdf_reads_as_an_article() -> None:
    doc = load_document(QT_PDF)
    assert (doc.format, doc.pages, doc.author) == ("pdf", 4, "Rédaction")
    # Its metadata title is "Microsoft Word - doc1.docx": the headline is the real one.
    assert doc.title == "Les négociations reprennent à Genève"
    assert "les négociations reprendraient à Genève la semaine prochaine" in doc.text
    assert "discussions techniques avaient déjà commencé au niveau des experts" in doc.text
    # Cut at a line end but written whole elsewhere in the text: the hyphen stays.
    assert "pourparlers, le porte-parole a refusé" in doc.text
    assert "porteparole" not in doc.text
    assert "« efficace et attendue »" in doc.text  # two lines, one paragraph


def test_qt_pdf_keeps_pages_without_their_header_and_numbers() -> None:
    doc = load_document(QT_PDF)
    pages = doc.text.split(PAGE_BREAK)
    assert page_count(doc.text) == 4 and pages[2] == ""  # the blank page still counts
    assert "La Lettre de Genève" not in doc.text  # the running header, on every page
    assert all(line.strip() not in {"1", "2", "3", "4"} for line in doc.text.splitlines())
    offset = doc.text.index("Les observateurs")
    assert page_at(doc.text, offset) == 4
    assert page_at(doc.text, doc.text.index("Interrogé")) == 2


def test_debian_manual_excerpt_reads_as_its_pages() -> None:
    doc = load_document(DEBIAN_PDF)
    assert (doc.format, doc.pages, doc.title) == ("pdf", 4, "Référence Debian")
    assert "Référence Debian 2 / 237" not in doc.text and "Référence Debian i" not in doc.text
    # PDFium keeps the no-break spaces French typography puts inside « ».
    sentence = "Vous êtes maintenant sous l’interpréteur de commandes («\xa0shell\xa0»)."
    assert sentence in doc.text
    assert page_at(doc.text, doc.text.index(sentence)) == 2
    # "ci-dessus" is cut after "ci-" by LaTeX: a compound, so the hyphen stays.
    assert "comme il apparaît dans l’exemple ci-dessus, alors que" in doc.text
    # "non automa-⏎tique": a word cut by LaTeX, joined back.
    assert "c’est une archive non automatique (consultez Section" in doc.text
    # The title page keeps the title that the running header repeats with a page number.
    assert doc.text.startswith("Référence Debian\n\nOsamu Aoki\f")


def test_pdf_text_is_what_show_prints() -> None:
    doc = load_document(DEBIAN_PDF)
    assert unicodedata.is_normalized("NFC", doc.text)
    assert "\x02" not in doc.text and "\r" not in doc.text
    assert all(char in "\n\f" or char >= " " for char in doc.text)


def _image_only_pdf() -> bytes:
    document = pdfium.PdfDocument.new()
    page = document.new_page(200, 200)
    bitmap = pdfium.PdfBitmap.new_native(40, 40, pdfium.raw.FPDFBitmap_BGR)
    bitmap.fill_rect((90, 90, 90, 255), 0, 0, 40, 40)
    image = pdfium.PdfImage.new(document)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(150, 150))
    page.insert_obj(image)
    page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(_image_only_pdf(), NO_TEXT_REASON, id="scanned"),
        # Made with pypdf: one blank page, RC4-128, user password "secret".
        pytest.param((FIXTURES / "password-protected.pdf").read_bytes(), PASSWORD_REASON,
                     id="password"),
        pytest.param(QT_PDF.read_bytes()[: QT_PDF.stat().st_size // 2], DAMAGED_REASON,
                     id="truncated"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 8, DAMAGED_REASON, id="garbage"),
    ],
)  # fmt: skip
def test_unreadable_pdfs_are_skipped_saying_why(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentSkipped) as caught:
        load_document_bytes(data, ".pdf", "rapport.pdf")
    assert caught.value.reason == reason
    assert str(caught.value) == f"rapport.pdf: {reason}"


def test_scanned_reason_names_the_missing_text_layer() -> None:
    assert NO_TEXT_REASON == (
        "has no text layer (a scanned document?); Carnet does not read images yet"
    )


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("Référence Debian", "Référence Debian"),
        ("Microsoft Word - doc1.docx", None),
        ("rapport-final.pdf", None),
        ("", None),
        ("   ", None),
        ("Untitled", None),
        ("rapport_final_v2", None),
        ("scan0042", None),
        ("rapport", None),  # the file's own name
        ("Le  rapport\nannuel", "Le rapport annuel"),
    ],
)
def test_metadata_title_only_when_it_names_the_document(title: str, kept: str | None) -> None:
    assert meaningful_title(title, "/docs/rapport.pdf") == kept


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("D:20230204115901-00'00'", "2023-02-04"),
        ("D:2019", "2019-01-01"),
        ("D:20231345", None),
        ("", None),
        (None, None),
        ("hier", None),
    ],
)
def test_pdf_dates(raw: str | None, iso: str | None) -> None:
    assert pdf_date(raw) == iso


def test_outline_entries_land_on_their_heading_or_page_start() -> None:
    pages = ["Préface\n\nUn texte.", "Chapitre 1\n\nIntro\n\n1.2 Les paquets\n\nTexte.", "Fin."]
    text = PAGE_BREAK.join(pages)
    entries = outline_entries(
        [("Les paquets", 2, 1), ("Absent de la page", 1, 2), ("Hors du livre", 1, 9)], pages
    )
    assert [(e.title, e.level) for e in entries] == [("Les paquets", 2), ("Absent de la page", 1)]
    assert text[entries[0].offset :].startswith("1.2 Les paquets")
    assert entries[1].offset == text.index("Fin.")
    assert [page_at(text, e.offset) for e in entries] == [2, 3]
