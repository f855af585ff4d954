"""Reading the library's tables, and the one way it writes: a transaction with plain errors.

The base of ``Library``: the importer and the index journal build on these reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.db.transaction import write_transaction
from app.core.documents.structure import Block, blocks_from_json
from app.core.documents.toc import TocEntry, toc_from_blocks, toc_from_json
from app.core.errors import DataDirError, DocumentNotFound
from app.core.i18n import tr
from app.core.library.records import (
    RECORD_COLUMNS,
    DocumentRecord,
    record_columns,
    record_from_row,
)


class Catalogue:
    """Reads of one open library database (``_db``, in autocommit mode)."""

    _db: sqlite3.Connection
    read_only: bool
    # What to SELECT for a record: an older library opened read-only lacks the new columns.
    _record_columns: str = RECORD_COLUMNS
    # The SQL condition for a document whose file is present (what the index holds).
    _present: str = "missing = 0"
    # The SQL condition for a paged document (libraries from before PDFs have none).
    _paged: str = "pages IS NOT NULL"

    def _adapt_to_unmigrated(self) -> None:
        """Read a library that could not be migrated (read-only) with defaults for new fields."""
        columns = {str(r[1]) for r in self._db.execute("PRAGMA table_info(documents)")}
        self._record_columns = record_columns(columns)
        if "missing" not in columns:
            self._present = "1"
        if "pages" not in columns:
            self._paged = "0"

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, its SQLite errors turned into ones a person can read."""
        try:
            with write_transaction(self._db):
                yield
        except sqlite3.OperationalError as exc:
            raise DataDirError(
                tr("Could not save the library: {error}. Is the disk full or read-only?").format(
                    error=exc
                )
            ) from exc

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def ids(self) -> frozenset[str]:
        """Every document's id: what a count within the library needs, without the records."""
        return frozenset(str(r[0]) for r in self._db.execute("SELECT id FROM documents"))

    def all(self) -> list[DocumentRecord]:
        rows = self._db.execute(f"SELECT {self._record_columns} FROM documents ORDER BY title")
        return [record_from_row(r) for r in rows]

    def get(self, doc_id: str) -> DocumentRecord:
        row = self._db.execute(
            f"SELECT {self._record_columns} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise DocumentNotFound(doc_id)
        return record_from_row(row)

    def find(self, doc_id: str) -> DocumentRecord | None:
        try:
            return self.get(doc_id)
        except DocumentNotFound:
            return None

    def text(self, doc_id: str) -> str:
        row = self._db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DocumentNotFound(doc_id)
        return str(row[0])

    def texts(self, doc_ids: Iterable[str]) -> dict[str, str]:
        return self._texts(doc_ids, "1")

    def paged_texts(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The texts of those of ``doc_ids`` that have pages (PDF): where a note names one.

        The others are not read at all: All notes over many documents asks for every one.
        """
        return self._texts(doc_ids, self._paged)

    def _texts(self, doc_ids: Iterable[str], condition: str) -> dict[str, str]:
        ids = list(doc_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(
            f"SELECT id, text FROM documents WHERE id IN ({marks}) AND {condition}", ids
        )
        return {str(i): str(t) for i, t in rows}

    def blocks(self, doc_id: str) -> tuple[Block, ...]:
        """The structure of the document's text; () when it has none (or is damaged)."""
        try:
            row = self._db.execute(
                "SELECT blocks, length(text) FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        except sqlite3.OperationalError:
            return ()  # a read-only library from before blocks: plain text is still fine
        if row is None:
            raise DocumentNotFound(doc_id)
        return blocks_from_json(row[0], int(row[1]))

    def toc(self, doc_id: str) -> tuple[TocEntry, ...]:
        """The document's contents: its own (PDF outline, EPUB nav), else its headings.

        One query for what decides it; the text is read only for heading titles.
        """
        try:
            row = self._db.execute(
                "SELECT toc, blocks, length(text) FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        except sqlite3.OperationalError:
            # A read-only library from before contents were stored: its headings, if any.
            return toc_from_blocks(self.text(doc_id), self.blocks(doc_id))
        if row is None:
            raise DocumentNotFound(doc_id)
        length = int(row[2])
        stored = toc_from_json(row[0], length)
        if stored:
            return stored
        blocks = blocks_from_json(row[1], length)
        if not any(b.kind == "heading" for b in blocks):
            return ()  # no headings: no need to read a book's text to say so
        return toc_from_blocks(self.text(doc_id), blocks)

    def roots(self) -> list[Path]:
        return [Path(r[0]) for r in self._db.execute("SELECT path FROM roots ORDER BY path")]

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", (key, value))
