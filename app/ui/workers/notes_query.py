"""All-notes queries off the GUI thread: a QObject worker in its own QThread.

Listing or searching every note reads and analyses thousands of notes; done on the GUI
thread it stalled typing in the All-notes search field. SQLite wants one connection per
thread, so the worker opens its own read-only store. Requests carry an id: the view
shows only the answer to its latest request, so a slow old answer never overwrites a
newer one. The thread runs only while the All-notes list is on screen (started by the
first query, stopped by ``shutdown``), so no thread outlives the window.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.core.errors import NotesError
from app.core.notes import Note, NotesStore
from app.core.notes.order import newest_first
from app.core.paths import DataPaths

log = logging.getLogger(__name__)

SEARCH_LIMIT = 500


@dataclass(frozen=True)
class NotesAnswer:
    """The notes for one request: all of them newest first, or a search's best matches."""

    request: int
    query: str
    notes: tuple[Note, ...]
    error: str | None = None


def run_query(store: NotesStore | None, query: str, limit: int = SEARCH_LIMIT) -> list[Note]:
    """What the All-notes list shows for ``query`` (no store yet: no notes)."""
    if store is None:
        return []
    if query:
        return [hit.note for hit in store.search(query, limit)]
    return sorted(store.list(), key=newest_first)


class _NotesQueryWorker(QObject):
    answered = Signal(object)  # NotesAnswer

    def __init__(self, paths: DataPaths) -> None:
        super().__init__()
        self._paths = paths
        self._store: NotesStore | None = None

    def _open(self) -> NotesStore | None:
        if self._store is None and self._paths.notes_db.exists():
            self._store = NotesStore(self._paths, read_only=True)
        return self._store

    @Slot(int, str)
    def run(self, request: int, query: str) -> None:
        try:
            notes = run_query(self._open(), query)
        except NotesError as exc:
            log.warning("notes query failed: %s", exc)
            self.answered.emit(NotesAnswer(request, query, (), str(exc)))
            return
        self.answered.emit(NotesAnswer(request, query, tuple(notes)))

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = None


class NotesQueryService(QObject):
    """Owns the query thread; ``request()`` returns the id its answer will carry."""

    answered = Signal(object)  # NotesAnswer
    _requested = Signal(int, str)
    _closing = Signal()

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("carnet-notes-query")
        self._worker = _NotesQueryWorker(paths)
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.run)
        self._closing.connect(self._worker.close)
        self._worker.answered.connect(self.answered)
        self._last = 0

    def request(self, query: str) -> int:
        """Ask for the notes matching ``query`` ("" for all of them)."""
        if not self._thread.isRunning():
            self._thread.start()
        self._last += 1
        self._requested.emit(self._last, query)
        return self._last

    def latest(self) -> int:
        """The id of the latest request (0 before any)."""
        return self._last

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def shutdown(self) -> None:
        """Close the worker's store and stop the thread; the next request starts it again."""
        if self._thread.isRunning():
            self._closing.emit()
            self._thread.quit()
            self._thread.wait(5000)
