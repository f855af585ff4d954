"""What the library hands out: document records, import reports, ids, and the callback types.

Plain values, no database: the search index, the workspace and the window import them
without opening anything.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.core.errors import DocumentSkipped

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, what)``."""
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class DocumentRecord:
    """A document of the library, without its text (fetch that with ``Library.text``)."""

    id: str
    path: str
    title: str
    source: str | None
    date: str | None
    words: int
    reading_minutes: int
    sha256: str
    # Defaults so records built before these fields (and rows of older libraries) work.
    format: str = ""  # "txt", "md", "html", "pdf", "epub"
    author: str | None = None
    pages: int | None = None  # paged documents (PDF) only
    missing: bool = False  # its file vanished; kept, with its notes, until it comes back
    language: str | None = None  # as the file declares it (EPUB), else unknown

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "source": self.source,
            "date": self.date,
            "words": self.words,
            "format": self.format or format_for_path(self.path),
            "author": self.author,
            "pages": self.pages,
            "missing": self.missing,
            "language": self.language,
        }


_FORMAT_BY_SUFFIX = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".epub": "epub",
}


def format_for_path(path: str) -> str:
    """The format a file's name says, for rows stored before the format was."""
    return _FORMAT_BY_SUFFIX.get(os.path.splitext(path)[1].lower(), "txt")


# The columns of ``documents`` that make a DocumentRecord, in its field order.
_RECORD_FIELDS = [
    "id",
    "path",
    "title",
    "source",
    "date",
    "words",
    "reading_minutes",
    "sha256",
    "format",
    "author",
    "pages",
    "missing",
    "language",
]
# What a library from before a column's migration reads in its place (opened read-only).
_ADDED_LATER = {
    "format": "NULL",  # 3
    "author": "NULL",  # 3
    "pages": "NULL",  # 3
    "missing": "0",  # 3
    "language": "NULL",  # 4
}
RECORD_COLUMNS = ", ".join(_RECORD_FIELDS)


def record_columns(present: set[str]) -> str:
    """What to SELECT for a record from a documents table that has the ``present`` columns."""
    return ", ".join(f if f in present else _ADDED_LATER[f] for f in _RECORD_FIELDS)


def record_from_row(row: sqlite3.Row | tuple[Any, ...]) -> DocumentRecord:
    doc_id, path, title, source, date, words, minutes, sha, fmt, author, pages, missing, lang = row
    return DocumentRecord(
        str(doc_id),
        str(path),
        str(title),
        None if source is None else str(source),
        None if date is None else str(date),
        int(words),
        int(minutes),
        str(sha),
        str(fmt) if fmt else format_for_path(str(path)),
        None if author is None else str(author),
        None if pages is None else int(pages),
        bool(missing),
        None if lang is None else str(lang),
    )


@dataclass(frozen=True)
class MovedDocument:
    """A document whose file was found under a new path: same id, same notes."""

    record: DocumentRecord
    old_path: str
    new_path: str
    text_changed: bool = False  # nearly the same text (a re-saved page): notes re-anchor


@dataclass(frozen=True)
class DuplicateFile:
    """A file whose text is already in the library under another path: not added twice."""

    path: str
    existing_id: str


@dataclass
class ImportReport:
    """What an import or refresh did, for the user.

    ``removed`` are documents whose file vanished: they left the search index but stay in
    the library as missing (``missing=True``), with their notes, until the file comes back.
    """

    added: list[DocumentRecord] = field(default_factory=list)
    updated: list[DocumentRecord] = field(default_factory=list)
    removed: list[DocumentRecord] = field(default_factory=list)
    moved: list[MovedDocument] = field(default_factory=list)
    duplicates: list[DuplicateFile] = field(default_factory=list)
    skipped: list[DocumentSkipped] = field(default_factory=list)
    unchanged: int = 0
    cancelled: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.moved)

    def merge(self, other: ImportReport) -> None:
        self.added += other.added
        self.updated += other.updated
        self.removed += other.removed
        self.moved += other.moved
        self.duplicates += other.duplicates
        self.skipped += other.skipped
        self.unchanged += other.unchanged
        self.cancelled = self.cancelled or other.cancelled


def document_id(key: str) -> str:
    """A short stable id from the document's key (its path, or ``corpus/NAME`` if bundled)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
