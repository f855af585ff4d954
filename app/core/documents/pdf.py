"""Read a PDF's text layer, metadata and outline with PDFium (pypdfium2).

PDFium was chosen by measurement (README, Dependencies): 13x faster than pypdf and keeps the
spaces between words. Pages stay pages: their texts are joined with form feeds.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from app.core.documents.pdf_text import reading_pages
from app.core.documents.textload import normalise_text
from app.core.documents.toc import PAGE_BREAK, TocEntry
from app.core.errors import DocumentSkipped
from app.core.i18n import tr_noop
from app.core.wording import Wording

log = logging.getLogger(__name__)

# Reasons in English (the --json contract); shown translated through their Wording.
NO_TEXT_REASON = tr_noop("has no text layer (a scanned document?); Carnet does not read images yet")
PASSWORD_REASON = tr_noop("is password-protected")
DAMAGED_REASON = tr_noop("is damaged and cannot be read")
# Bounds the time one file can take (PDFium reads ~400 pages a second here).
MAX_PDF_PAGES = 5000
MAX_TOC_ENTRIES = 5000
MAX_TOC_DEPTH = 8

# PDFium is not thread-safe: one document at a time in this process.
_PDFIUM_LOCK = threading.Lock()
_PDF_DATE_RE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# Titles that name the file or the tool rather than the document.
_TOOL_TITLE_RE = re.compile(r"^(?:microsoft\s+\w+\s+-\s|untitled\b|sans\s+titre\b)", re.I)
_FILE_NAME_RE = re.compile(
    r"\.(?:docx?|odt|rtf|pdf|tex|dvi|ps|txt|html?|pptx?|odp|xlsx?|indd|qxp|pages)$", re.I
)
_PLACEHOLDER_TITLES = frozenset({"title", "titre", "document", "doc", "présentation powerpoint"})


@dataclass(frozen=True)
class PdfContent:
    text: str  # NFC reading text, pages separated by "\f" (empty pages kept)
    pages: int
    title: str | None  # the PDF's own title, only when it names the document
    author: str | None
    date: str | None  # ISO YYYY-MM-DD
    toc: tuple[TocEntry, ...]


def meaningful_title(value: str | None, name: str) -> str | None:
    """The metadata title, unless empty, a file name or a tool's placeholder."""
    title = " ".join(normalise_text(value or "").split())
    if not title or _TOOL_TITLE_RE.match(title) or _FILE_NAME_RE.search(title):
        return None
    stem = Path(name).stem
    if title.casefold() in {stem.casefold(), Path(name).name.casefold()}:
        return None
    if title.casefold() in _PLACEHOLDER_TITLES or re.fullmatch(r"(?:doc|document)\d*", title, re.I):
        return None
    if " " not in title and ("_" in title or re.search(r"\d", title)):
        return None  # "rapport_final_v2", "scan0042": a file name without its extension
    return title


def pdf_date(value: str | None) -> str | None:
    """An ISO date from a PDF date ("D:20230204115901-00'00'"), if it is a real one."""
    match = _PDF_DATE_RE.match((value or "").strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def _meta(value: object) -> str | None:
    text = " ".join(normalise_text(value).split()) if isinstance(value, str) else ""
    return text or None


def _raw_pages(document: pdfium.PdfDocument) -> list[str]:
    pages = []
    for index in range(len(document)):
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_bounded())
            finally:
                textpage.close()
        finally:
            page.close()
    return pages


def _bookmarks(document: pdfium.PdfDocument) -> Iterator[tuple[str, int, int]]:
    """(title, level from 1, page index) of the outline, in order, bounded in size."""
    for count, bookmark in enumerate(document.get_toc(max_depth=MAX_TOC_DEPTH)):
        if count >= MAX_TOC_ENTRIES:
            return
        destination = bookmark.get_dest()
        index = destination.get_index() if destination is not None else None
        title = _meta(bookmark.get_title())
        if title and index is not None:
            yield title, bookmark.level + 1, index


# The number a page prints before a heading that its outline entry leaves out.
_HEADING_NUMBER_RE = re.compile(r"^(?:[\dA-Z]{1,3}(?:\.\d{1,3})*\.?\s+)?")


def _line_keys(page_text: str) -> list[tuple[int, str]]:
    """(offset, the line without its number and with single spaces) for each line."""
    keys = []
    offset = 0
    for line in page_text.split("\n"):
        keys.append((offset, " ".join(_HEADING_NUMBER_RE.sub("", line).split())))
        offset += len(line) + 1
    return keys


def _is_heading_line(key: str, title: str) -> bool:
    # A heading may wrap: a long enough first line that starts the title counts too.
    return key.startswith(title) or (len(key) >= 12 and title.startswith(key))


def outline_entries(
    outline: Sequence[tuple[str, int, int]], page_texts: Sequence[str]
) -> tuple[TocEntry, ...]:
    """Outline entries at the heading on their target page, or at that page's start."""
    starts = []
    start = 0
    for text in page_texts:
        starts.append(start)
        start += len(text) + len(PAGE_BREAK)
    keys: dict[int, list[tuple[int, str]]] = {}
    entries = []
    for title, level, index in outline:
        if not 0 <= index < len(page_texts):
            continue
        lines = keys.setdefault(index, _line_keys(page_texts[index]))
        found = (at for at, key in lines if _is_heading_line(key, title))
        entries.append(TocEntry(title, level, starts[index] + next(found, 0)))
    return tuple(entries)


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise DocumentSkipped(name, Wording(PASSWORD_REASON)) from error
        raise DocumentSkipped(name, Wording(DAMAGED_REASON)) from error


def read_pdf(data: bytes, name: str) -> PdfContent:
    """The reading text, pages, metadata and outline of the PDF ``data`` (file ``name``).

    Raises ``DocumentSkipped`` for a scanned, password-protected, damaged or huge PDF.
    """
    with _PDFIUM_LOCK:
        document = _open(data, name)
        try:
            count = len(document)
            if count == 0:
                raise DocumentSkipped(name, Wording(DAMAGED_REASON))
            if count > MAX_PDF_PAGES:
                too_many = tr_noop("has {count} pages; Carnet reads PDFs of up to {limit}")
                raise DocumentSkipped(
                    name, Wording(too_many, {"count": count, "limit": MAX_PDF_PAGES})
                )
            try:
                raw = _raw_pages(document)
                info = document.get_metadata_dict(skip_empty=True)
                outline = list(_bookmarks(document))
            except pdfium.PdfiumError as error:
                log.info("PDFium failed on %s: %s", name, error)
                raise DocumentSkipped(name, Wording(DAMAGED_REASON)) from error
        finally:
            document.close()
    if not any(page.strip() for page in raw):
        raise DocumentSkipped(name, Wording(NO_TEXT_REASON))
    page_texts = [normalise_text(page) for page in reading_pages(raw)]
    return PdfContent(
        text=PAGE_BREAK.join(page_texts),
        pages=len(page_texts),
        title=meaningful_title(info.get("Title"), name),
        author=_meta(info.get("Author")),
        date=pdf_date(info.get("CreationDate")) or pdf_date(info.get("ModDate")),
        toc=outline_entries(outline, page_texts),
    )
