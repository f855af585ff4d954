"""Load one file into the library's form: normalised text plus title, source and date.

Every refusal is a ``DocumentSkipped`` whose reason a person can act on, so an import of a
whole folder can list what was left out and why, and carry on with the rest.
"""

from __future__ import annotations

import errno
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from app.core.documents.formats import EXTRACTOR_VERSION, SUPPORTED_SUFFIXES
from app.core.documents.html_text import html_to_text
from app.core.documents.metadata import count_words, derive_metadata, reading_minutes
from app.core.documents.structure import Block, mark_repeats, markdown_blocks
from app.core.documents.textload import decode_bytes, normalise_text
from app.core.documents.toc import PAGE_BREAK, TocEntry
from app.core.errors import DocumentSkipped
from app.core.i18n import tr_noop
from app.core.wording import Wording

__all__ = ["EXTRACTOR_VERSION", "SUPPORTED_SUFFIXES", "LoadedDocument", "load_document"]

MAX_FILE_BYTES = 20 * 1024 * 1024

_HTML_SUFFIXES = frozenset({".html", ".htm"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_ATX_HEADING_RE = re.compile(r"^#\s+(?P<title>.+?)(?:\s+#+)?\s*$")
_KIB = 1024
_MIB = 1024 * 1024


@dataclass(frozen=True)
class LoadedDocument:
    text: str  # NFC, \n newlines: the normalised text that offsets of notes refer to
    title: str
    source: str | None
    date: str | None  # ISO YYYY-MM-DD
    words: int
    reading_minutes: int
    blocks: tuple[Block, ...] = ()  # spans of ``text`` shown as headings, list items…
    format: str = ""  # "txt", "md", "html", "pdf", "epub": what the file was
    author: str | None = None
    pages: int | None = None  # paged formats (PDF): pages are separated by "\f" in ``text``
    toc: tuple[TocEntry, ...] = ()  # the file's own contents (PDF outline, EPUB nav), if any
    language: str | None = None  # as the file declares it (an EPUB's dc:language: "fr")


def _human_size(size: int) -> Wording:
    if size >= _MIB:
        value = size / _MIB
        # Whole MB reads best, but "20 MB; the limit is 20 MB" would not explain anything.
        amount = round(value) if value >= 100 or value == int(value) else round(value, 1)
        return Wording(tr_noop("{size} MB"), {"size": amount})
    if size >= _KIB:
        return Wording(tr_noop("{size} KB"), {"size": round(size / _KIB)})
    return Wording(tr_noop("{size} bytes"), {"size": size})


def _too_large(size: int) -> Wording:
    return Wording(
        tr_noop("too large ({size}; the limit is {limit})"),
        {"size": _human_size(size), "limit": _human_size(MAX_FILE_BYTES)},
    )


def _unsupported(suffix: str) -> Wording:
    kinds = {"kinds": ", ".join(sorted(SUPPORTED_SUFFIXES))}
    if not suffix:
        return Wording(
            tr_noop("files without an extension are not supported (Carnet reads {kinds})"), kinds
        )
    return Wording(
        tr_noop("'{suffix}' files are not supported (Carnet reads {kinds})"),
        {"suffix": suffix, **kinds},
    )


def _os_reason(error: OSError) -> Wording:
    if isinstance(error, PermissionError):
        return Wording(tr_noop("cannot be read: permission denied"))
    if isinstance(error, FileNotFoundError):
        return Wording(tr_noop("the file no longer exists (moved or deleted while importing?)"))
    if isinstance(error, IsADirectoryError):
        return Wording(tr_noop("is a folder, not a file"))
    return Wording(tr_noop("cannot be read: {error}"), {"error": str(error.strerror or error)})


def load_document(path: Path) -> LoadedDocument:
    """Read and load ``path``; raises ``DocumentSkipped(str(path), reason)``."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentSkipped(name, _unsupported(suffix))
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", name)
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO or a device could block the import forever.
            raise DocumentSkipped(
                name, Wording(tr_noop("is not a regular file (a device, pipe or socket)"))
            )
        # Checked before reading so a huge file never reaches memory.
        if info.st_size > MAX_FILE_BYTES:
            raise DocumentSkipped(name, _too_large(info.st_size))
        with path.open("rb") as handle:
            # One byte more than the limit is enough to notice a file that grew meanwhile.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DocumentSkipped(name, _os_reason(error)) from error
    return load_document_bytes(data, suffix, name)


def _markdown_title(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            match = _ATX_HEADING_RE.match(line.strip())
            return match["title"].strip() if match else None
    return None


def load_document_bytes(data: bytes, suffix: str, name: str) -> LoadedDocument:
    """Load the content ``data`` of a file called ``name`` with extension ``suffix``."""
    suffix = suffix.lower()
    if suffix and not suffix.startswith("."):
        suffix = f".{suffix}"
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentSkipped(name, _unsupported(suffix))
    if len(data) > MAX_FILE_BYTES:
        raise DocumentSkipped(name, _too_large(len(data)))
    if not data:
        raise DocumentSkipped(name, Wording(tr_noop("the file is empty")))
    if suffix == ".pdf":
        return _from_pdf(data, name)
    if suffix == ".epub":
        # Imported here because the EPUB reader builds the LoadedDocument defined above.
        from app.core.documents.epub import load_epub  # noqa: PLC0415

        # A book unpacks to more than its file; four times the file limit bounds a bomb.
        return load_epub(data, name, max_unpacked=4 * MAX_FILE_BYTES)
    decoded = decode_bytes(data, name)
    if not decoded.strip():
        raise DocumentSkipped(name, Wording(tr_noop("the file contains no text, only blank space")))
    fallback = Path(name).stem
    if suffix in _HTML_SUFFIXES:
        return _from_html(decoded, name, fallback)
    meta = derive_metadata(decoded, fallback_title=fallback)
    title = meta.title
    blocks: tuple[Block, ...] = ()
    if suffix in _MARKDOWN_SUFFIXES:
        title = _markdown_title(decoded) or title
        blocks = markdown_blocks(decoded)
    return LoadedDocument(
        text=decoded,
        title=title,
        source=meta.source,
        date=meta.date,
        words=meta.words,
        reading_minutes=meta.reading_minutes,
        blocks=mark_repeats(decoded, blocks, title),
    )


def _from_pdf(data: bytes, name: str) -> LoadedDocument:
    # Imported when a PDF comes in: PDFium is 40 ms that `carnet search` never needs.
    from app.core.documents.pdf import read_pdf  # noqa: PLC0415

    content = read_pdf(data, name)
    # Form feeds as newlines: the first page's headline is a line like any other.
    text = content.text.replace(PAGE_BREAK, "\n")
    meta = derive_metadata(text, fallback_title=Path(name).stem, guess_site=False)
    words = count_words(content.text)
    return LoadedDocument(
        text=content.text,
        title=content.title or meta.title,
        source=meta.source,
        date=content.date or meta.date,
        words=words,
        reading_minutes=reading_minutes(words),
        format="pdf",
        author=content.author,
        pages=content.pages,
        toc=content.toc,
    )


def _from_html(html: str, name: str, fallback: str) -> LoadedDocument:
    content = html_to_text(html)
    text = content.text  # already normalised, block by block, so offsets hold
    if not text.strip():
        raise DocumentSkipped(name, Wording(tr_noop("the page contains no readable text")))
    meta = derive_metadata(text, fallback_title=fallback, guess_site=False)
    words = count_words(text)
    title = normalise_text(content.title) if content.title else meta.title
    return LoadedDocument(
        text=text,
        title=title,
        source=content.site_name or meta.source,
        date=content.date or meta.date,
        words=words,
        reading_minutes=reading_minutes(words),
        blocks=mark_repeats(text, content.blocks, title),
    )
