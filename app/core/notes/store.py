"""NotesStore: the SQLite notes database (WAL, full sync, one transaction per change).

Opening checks the file (quick_check, or integrity_check after an unclean exit), restores
a damaged file from the newest sound backup, and takes at most one backup a day. A
read-only data directory still opens, for reading.
"""

from __future__ import annotations

import builtins
import logging
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from app.core.dates import now_iso
from app.core.notes import collections as shelf
from app.core.notes import database, reading, recovery
from app.core.notes.anchoring import Anchor, anchor_for_quote, relocate, text_hash
from app.core.notes.errors import (
    NoteNotFound,
)
from app.core.notes.model import (
    COLUMNS,
    Note,
    ReanchorReport,
    clean_color,
    clean_tags,
    clean_text,
    new_id,
    note_from_row,
    note_to_row,
)
from app.core.notes.order import BY_POSITION_SQL, NEWEST_FIRST_SQL
from app.core.notes.shelf_store import ShelfMethods

if TYPE_CHECKING:
    from app.core.notes.exchange import NotesImportReport
    from app.core.notes.shelf_exchange import Shelf
from app.core.notes.search import NoteHit, NoteResults, NoteSearcher
from app.core.paths import DataPaths

log = logging.getLogger(__name__)


class NotesStore(ShelfMethods):
    """A reader's notes. Methods raise NotesError subclasses with user-facing messages."""

    def __init__(self, paths: DataPaths, *, read_only: bool = False) -> None:
        self.paths = paths
        self.recovery_message: str | None = None
        self._lock = threading.RLock()
        self._searcher = NoteSearcher()
        self._notes_cache: builtins.list[Note] = []
        self._notes_version: tuple[int, int] | None = None
        self._marker: recovery.OpenMarker | None = None
        self._closed = False
        if not read_only:
            paths.ensure()
        self.read_only = read_only or not database.probe_writable(paths.root)
        if self.read_only:
            self._conn = database.open_read_only(paths)
        else:
            opened = database.open_writable(paths)
            self._conn, self._marker = opened.conn, opened.marker
            self.recovery_message = opened.recovery_message

    def backup_now(self) -> Path:
        """Take a backup now (before an import, or on demand), whatever the day's count."""
        self._require_writable()
        with self._lock, self._guard(writing=True):
            return recovery.take_backup(self._conn, self.paths.backups_dir, datetime.now(UTC))

    # --- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._conn.close()
            if self._marker is not None:
                self._marker.remove()

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _read(self, sql: str, params: Sequence[Any] = ()) -> builtins.list[Note]:
        with self._lock, self._guard(writing=False):
            return [note_from_row(r) for r in self._conn.execute(sql, params)]

    def _fetch(self, conn: sqlite3.Connection, note_id: str) -> Note:
        row = conn.execute(f"SELECT {COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise NoteNotFound(note_id)
        return note_from_row(row)

    # --- notes --------------------------------------------------------------------------------

    def add(
        self,
        doc_id: str,
        text: str,
        *,
        tags: Sequence[str] = (),
        anchor: Anchor | None = None,
        color: str | None = None,
    ) -> Note:
        stamp = now_iso()
        note = Note(
            id=new_id(),
            doc_id=doc_id,
            text=clean_text(text),
            tags=clean_tags(tags),
            created=stamp,
            updated=stamp,
            color=clean_color(color),
            anchor=anchor,
        )
        with self._tx() as conn:
            conn.execute(database.INSERT, note_to_row(note))
        return note

    def add_for_quote(  # noqa: PLR0917 - the documented API takes tags, color positionally
        self,
        doc_id: str,
        doc_text: str,
        quote: str,
        text: str,
        tags: Sequence[str] = (),
        color: str | None = None,
    ) -> Note:
        """A note anchored to the first occurrence of ``quote`` (QuoteNotFound if absent)."""
        anchor = anchor_for_quote(doc_text, quote)
        return self.add(doc_id, text, tags=tags, anchor=anchor, color=color)

    def update(
        self,
        note_id: str,
        *,
        text: str | None = None,
        tags: Sequence[str] | None = None,
        color: str | None = None,
    ) -> Note:
        """Change what is given; ``color=""`` removes the highlight colour."""
        with self._tx() as conn:
            old = self._fetch(conn, note_id)
            new = replace(
                old,
                text=old.text if text is None else clean_text(text),
                tags=old.tags if tags is None else clean_tags(tags),
                color=old.color if color is None else clean_color(color),
            )
            if new == old:
                return old
            new = replace(new, updated=now_iso())
            conn.execute(database.UPSERT, note_to_row(new))
        return new

    def get(self, note_id: str) -> Note:
        with self._lock, self._guard(writing=False):
            return self._fetch(self._conn, note_id)

    def list(
        self, doc_id: str | None = None, *, include_trashed: bool = False
    ) -> builtins.list[Note]:
        where, params = [], []
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if not include_trashed:
            where.append("trashed = 0")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self._read(f"SELECT {COLUMNS} FROM notes {clause} {BY_POSITION_SQL}", params)

    def _set_trashed(self, note_id: str, trashed: bool) -> None:
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE notes SET trashed = ?, updated = ? WHERE id = ?",
                (int(trashed), now_iso(), note_id),
            )
            if cur.rowcount == 0:
                raise NoteNotFound(note_id)

    def trash(self, note_id: str) -> None:
        self._set_trashed(note_id, True)

    def restore(self, note_id: str) -> None:
        self._set_trashed(note_id, False)

    def list_trash(self) -> builtins.list[Note]:
        return self._read(f"SELECT {COLUMNS} FROM notes WHERE trashed = 1 {NEWEST_FIRST_SQL}")

    def empty_trash(self) -> int:
        with self._tx() as conn:
            return conn.execute("DELETE FROM notes WHERE trashed = 1").rowcount

    def count_by_document(self) -> dict[str, int]:
        with self._lock, self._guard(writing=False):
            rows = self._conn.execute(
                "SELECT doc_id, count(*) FROM notes WHERE trashed = 0 GROUP BY doc_id"
            )
            return {doc_id: int(n) for doc_id, n in rows}

    # --- anchors, search, merge ---------------------------------------------------------------

    def reanchor_document(self, doc_id: str, new_text: str) -> ReanchorReport:
        """Follow the document's new text; notes whose passage is gone are kept as orphans.

        ``updated`` is left alone: it records the reader's edits, which win merges.
        """
        digest = text_hash(new_text)
        kept = moved = fuzzy = orphaned = 0
        with self._tx() as conn:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM notes WHERE doc_id = ? AND quote IS NOT NULL "
                "AND (text_hash IS NOT ? OR orphan = 1)",
                (doc_id, digest),
            ).fetchall()
            for note in map(note_from_row, rows):
                assert note.anchor is not None  # selected with quote IS NOT NULL
                new = relocate(note.anchor, new_text, digest=digest)
                if new is None:
                    # Keep the old anchor (and hash) so a later version can find it again.
                    orphaned += 1
                    conn.execute("UPDATE notes SET orphan = 1 WHERE id = ?", (note.id,))
                    continue
                if new.quote != note.anchor.quote:
                    fuzzy += 1
                elif new.start != note.anchor.start:
                    moved += 1
                else:
                    kept += 1
                conn.execute(database.UPSERT, note_to_row(replace(note, anchor=new, orphan=False)))
        return ReanchorReport(kept=kept, moved=moved, fuzzy=fuzzy, orphaned=orphaned)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> builtins.list[NoteHit]:
        """Notes matching ``query`` with the documents' French analysis; never raises on syntax.

        The ranked hits ``[offset:offset + limit]``; ``search_page`` gives the total with them.
        """
        return self.search_page(query, limit, offset).hits

    def search_page(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        *,
        doc_ids: frozenset[str] | None = None,
    ) -> NoteResults:
        """One page of ranked hits and ``total``, the number of all matching notes.

        ``doc_ids``: only the notes of these documents (a collection searched on its own).
        """
        notes = self._live_notes()
        if doc_ids is not None:
            notes = [n for n in notes if n.doc_id in doc_ids]
        return self._searcher.search(notes, query, limit, offset)

    def search_total(self, query: str) -> int:
        """How many notes match ``query`` (all of them, not a page)."""
        return self.search_page(query, 0).total

    def _live_notes(self) -> builtins.list[Note]:
        """All notes out of the trash, re-read only when the database changed.

        Reading 2,000 notes back into objects took most of a search (~20 ms) while typing;
        ``data_version`` moves when another connection commits, ``total_changes`` when
        this one does.
        """
        with self._lock, self._guard(writing=False):
            version = (
                int(self._conn.execute("PRAGMA data_version").fetchone()[0]),
                self._conn.total_changes,
            )
        if version != self._notes_version:
            self._notes_cache = self.list()
            self._notes_version = version
        return self._notes_cache

    def merge_export(self, notes: Sequence[Note], organised: Shelf) -> NotesImportReport:
        """An export merged in one transaction: notes, collections and reading states."""
        from app.core.notes.exchange import NotesImportReport  # noqa: PLC0415 - a cycle

        with self._tx() as conn:
            added, updated, unchanged = database.merge(conn, notes)
            filed = shelf.merge(conn, organised.collections, organised.members)
            r_added, r_updated, _ = reading.merge(conn, organised.reading)
        return NotesImportReport(
            added=added,
            updated=updated,
            unchanged=unchanged,
            collections_added=filed.added,
            collections_updated=filed.updated,
            documents_filed=filed.documents_added,
            reading_added=r_added,
            reading_updated=r_updated,
        )

    def merge_notes(self, notes: Sequence[Note]) -> tuple[int, int, int]:
        """Insert or update notes by id, newer ``updated`` wins; (added, updated, unchanged)."""
        with self._tx() as conn:
            return database.merge(conn, notes)
