"""The notes database's plumbing shared by the store's parts: locking, errors, transactions."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from app.core.db.transaction import write_transaction
from app.core.notes.errors import read_only_error, storage_error
from app.core.paths import DataPaths


class StoreBase:
    """What every part of ``NotesStore`` works through; ``NotesStore.__init__`` sets it up."""

    paths: DataPaths
    read_only: bool
    _conn: sqlite3.Connection
    _lock: threading.RLock

    def _require_writable(self) -> None:
        if self.read_only:
            raise read_only_error(self.paths.root)

    @contextmanager
    def _guard(self, *, writing: bool) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            raise storage_error(exc, self.paths.root, writing=writing) from exc

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is saved, or none of it."""
        self._require_writable()
        with self._lock, self._guard(writing=True), write_transaction(self._conn) as conn:
            yield conn
