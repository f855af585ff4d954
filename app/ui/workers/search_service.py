"""Search off the GUI thread: a QObject living in its own QThread, with its own index reader.

Whoosh wants one Searcher per thread and SQLite one connection per thread, so the worker
opens its own library, index and notes connections. It also reads the library's list for
the window, which at 10,000 documents would otherwise stall the GUI thread. Requests
carry an id; the window drops answers to requests it has since replaced (typing fast
never shows stale results).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from app.core.errors import CarnetError
from app.core.groups import record_groups
from app.core.i18n import tr
from app.core.library.store import Library
from app.core.notes.search import NoteHit
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.core.search.damage import damage_checked, needs_rebuild
from app.core.search.index import SearchIndex, SearchResults
from app.ui.library.model import sorted_records
from app.ui.search.scopes import DEFAULT_SCOPE, DOCUMENT_SCOPES, NOTE_SCOPES

log = logging.getLogger(__name__)

PAGE = 50  # results per request: the list asks for the next page as it is scrolled


@dataclass
class SearchAnswer:
    request: int
    query: str
    scope: str
    documents: SearchResults | None = None
    notes: list[NoteHit] = field(default_factory=list)
    error: str | None = None
    offset: int = 0
    """Where this page starts in the combined ranking: documents first, then notes."""
    notes_total: int = 0
    only: frozenset[str] | None = None
    """The documents searched (a group's), the notes' included; None: the whole library."""


class _SearchWorker(QObject):
    answered = Signal(object)  # SearchAnswer
    damaged = Signal()  # the core found the index damaged or unbuilt: it needs a rebuild
    libraryLoaded = Signal(int, object, object)  # request, list[DocumentRecord], list[Group]

    def __init__(self, paths: DataPaths, corpus_dir: Path | None = None) -> None:
        super().__init__()
        self._paths = paths
        self._corpus_dir = corpus_dir.resolve() if corpus_dir is not None else None
        self._library: Library | None = None
        self._index: SearchIndex | None = None
        self._notes: NotesStore | None = None

    def _open_library(self) -> Library:
        if self._library is None:
            self._library = Library(self._paths.library_db)
        return self._library

    def _open(self) -> tuple[Library, SearchIndex]:
        self._open_library()
        assert self._library is not None
        if self._index is None:
            index = SearchIndex(self._paths.index_dir)
            # Never rebuild from here: the indexing process owns writes to the index.
            index.open(rebuild=False)
            self._index = index
        return self._library, self._index

    def _notes_store(self) -> NotesStore | None:
        if self._notes is None and self._paths.notes_db.exists():
            self._notes = NotesStore(self._paths, read_only=True)
        return self._notes

    @Slot(int, str, str, int, int, object)
    def search(  # noqa: PLR0917 - a queued slot gets the signal's arguments by position
        self,
        request: int,
        query: str,
        scope: str,
        offset: int,
        limit: int,
        only: frozenset[str] | None,
    ) -> None:
        """One page of ``limit`` results from ``offset``: documents, then notes after them;
        with ``only``, those of these documents alone."""
        answer = SearchAnswer(request, query, scope, offset=offset, only=only)
        try:
            documents = 0
            if scope in DOCUMENT_SCOPES:
                library, index = self._open()
                # Damage is the core's to name; this thread only says a rebuild is needed.
                answer.documents = damage_checked(
                    lambda: index.search(query, library, limit, offset, only=only),
                    release_files=False,
                )
                documents = answer.documents.total
            if scope in NOTE_SCOPES:
                store = self._notes_store()
                if store is not None:
                    wanted = limit - (len(answer.documents.hits) if answer.documents else 0)
                    page = store.search_page(
                        query, wanted, max(0, offset - documents), doc_ids=only
                    )
                    answer.notes, answer.notes_total = page.hits, page.total
        except CarnetError as exc:
            answer.error = str(exc)
            if needs_rebuild(exc):
                self._drop_index()  # reopen next time: the indexing process will rebuild it
                # Only the indexing process writes the index: ask the window to have it rebuilt.
                self.damaged.emit()
        except Exception as exc:  # a bug in a search must not kill the thread
            log.exception("search failed")
            answer.error = tr("The search failed ({error}).").format(error=type(exc).__name__)
        self.answered.emit(answer)

    def _drop_index(self) -> None:
        if self._index is not None:
            self._index.close()
        self._index = None

    @Slot(int, int, int)
    def load_library(self, request: int, column: int, order: int) -> None:
        """The library's records, sorted as the list shows them (10,000 rows: ~60 ms here)."""
        try:
            library = self._open_library()
            records = sorted_records(library.all(), column, Qt.SortOrder(order))
            # What the records alone say (all, bundled, folders, missing), grouped here:
            # one pass over 50,000 records is ~45 ms the GUI thread would otherwise spend.
            by_records = record_groups(records, library.roots(), self._corpus_dir)
        except CarnetError as exc:
            log.warning("could not read the library: %s", exc)
            records, by_records = [], None
        self.libraryLoaded.emit(request, records, by_records)

    @Slot()
    def warm_up(self) -> None:
        """Open the index before the first query: the first search otherwise pays for it."""
        try:
            _, index = self._open()
            damage_checked(
                lambda: index.search("carnet", self._open_library(), 1), release_files=False
            )
        except CarnetError as exc:
            log.info("index not ready yet: %s", exc)  # the indexing process is building it
            self._index = None

    @Slot()
    def close(self) -> None:
        for resource in (self._index, self._library, self._notes):
            if resource is not None:
                resource.close()
        self._index = self._library = self._notes = None


class SearchService(QObject):
    """Owns the search thread; ``request()`` returns the id the answer will carry."""

    answered = Signal(object)  # SearchAnswer
    damaged = Signal()  # a search hit a damaged index: rebuild it (in the indexing process)
    # request, list[DocumentRecord] in display order, their list[Group] (``record_groups``)
    libraryLoaded = Signal(int, object, object)
    _requested = Signal(int, str, str, int, int, object)
    _library_requested = Signal(int, int, int)
    _closing = Signal()
    _warming = Signal()

    def __init__(
        self, paths: DataPaths, parent: QObject | None = None, *, corpus_dir: Path | None = None
    ) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("carnet-search")
        self._worker = _SearchWorker(paths, corpus_dir)
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.search)
        self._library_requested.connect(self._worker.load_library)
        self._worker.libraryLoaded.connect(self.libraryLoaded)
        self._closing.connect(self._worker.close)
        self._worker.answered.connect(self.answered)
        self._worker.damaged.connect(self.damaged)
        self._thread.finished.connect(self._worker.deleteLater)
        self._warming.connect(self._worker.warm_up)
        self._thread.start()
        self._warming.emit()
        self._last = 0

    def request(
        self,
        query: str,
        scope: str = DEFAULT_SCOPE,
        offset: int = 0,
        limit: int = PAGE,
        *,
        only: frozenset[str] | None = None,
    ) -> int:
        """Ask for one page of results (within the documents ``only``, when given); the
        answer carries the id returned."""
        self._last += 1
        self._requested.emit(self._last, query, scope, offset, limit, only)
        return self._last

    def load_library(self, column: int, order: Qt.SortOrder) -> int:
        """Read the library off the GUI thread; the answer comes with ``libraryLoaded``."""
        self._last += 1
        self._library_requested.emit(self._last, column, order.value)
        return self._last

    def shutdown(self) -> None:
        self._closing.emit()
        self._thread.quit()
        self._thread.wait(5000)
