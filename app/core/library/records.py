"""What the library hands out: document records, import reports, ids, and the callback types.

Plain values, no database: the search index, the workspace and the window import them
without opening anything.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

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

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "source": self.source,
            "date": self.date,
            "words": self.words,
        }


# The columns of ``documents`` that make a DocumentRecord, in its field order.
RECORD_COLUMNS = "id, path, title, source, date, words, reading_minutes, sha256"


def record_from_row(row: sqlite3.Row | tuple[object, ...]) -> DocumentRecord:
    return DocumentRecord(*row)


@dataclass
class ImportReport:
    """What an import or refresh did, for the user."""

    added: list[DocumentRecord] = field(default_factory=list)
    updated: list[DocumentRecord] = field(default_factory=list)
    removed: list[DocumentRecord] = field(default_factory=list)
    skipped: list[DocumentSkipped] = field(default_factory=list)
    unchanged: int = 0
    cancelled: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def merge(self, other: ImportReport) -> None:
        self.added += other.added
        self.updated += other.updated
        self.removed += other.removed
        self.skipped += other.skipped
        self.unchanged += other.unchanged
        self.cancelled = self.cancelled or other.cancelled


def document_id(key: str) -> str:
    """A short stable id from the document's key (its path, or ``corpus/NAME`` if bundled)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
