"""One data directory opened: the library, its search index and the notes, used by CLI and GUI."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.i18n import tr
from app.core.library.store import Cancelled, ImportReport, Library, Progress
from app.core.paths import DataPaths, bundled_corpus_dir
from app.core.search.damage import IndexDamagedError, damage_checked, rebuilt_message
from app.core.search.index import SearchIndex, SearchResults

if TYPE_CHECKING:
    from app.core.notes.store import NotesStore
    from app.core.search.index_update import IndexUpdate

log = logging.getLogger(__name__)

BUNDLED_META = "bundled-corpus-imported"


class Workspace:
    """Everything of one data directory, opened lazily; close it when done."""

    def __init__(self, paths: DataPaths, corpus_dir: Path | None = None) -> None:
        paths.ensure()
        self.paths = paths
        self.corpus_dir = corpus_dir if corpus_dir is not None else bundled_corpus_dir()
        self.library = Library(paths.library_db, self.corpus_dir)
        self.index = SearchIndex(paths.index_dir)
        self._index_open = False
        self._notes: NotesStore | None = None
        self.messages: list[str] = []
        """Things that happened on the way that the user should hear about."""
        self.notes_state: str | None = None
        """How the notes opened, in a few words, when not as usual ("Notes: read-only")."""

    def close(self) -> None:
        self.index.close()
        self.library.close()
        if self._notes is not None:
            self._notes.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def notes(self) -> NotesStore:
        """The notes store; read-only (and said so) when the data directory can't be written."""
        if self._notes is None:
            self._notes = self._open_notes()
        return self._notes

    def _open_notes(self) -> NotesStore:
        # Only when notes are used: `carnet search` never pays for opening them.
        from app.core.notes.errors import NotesStorageError, read_only_error  # noqa: PLC0415
        from app.core.notes.store import NotesStore  # noqa: PLC0415

        try:
            store = NotesStore(self.paths)
        except NotesStorageError as exc:
            # A full or unwritable data dir: reading still works; saving says why it can't.
            self._tell(str(exc), tr("Notes: read-only"))
            return NotesStore(self.paths, read_only=True)
        if store.recovery_message:
            # A damaged notes file was set aside (and restored from a backup if any).
            self._tell(store.recovery_message, tr("Notes recovered"))
        elif store.read_only:
            self._tell(str(read_only_error(self.paths.root)), tr("Notes: read-only"))
        return store

    def _tell(self, message: str, state: str) -> None:
        self.messages.append(message)
        self.notes_state = state

    def bring_in_bundled(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> ImportReport | None:
        """On a fresh data directory, the bundled corpus comes in first (once)."""
        if self.library.get_meta(BUNDLED_META) is not None or not self.corpus_dir.is_dir():
            return None
        report = self.library.add_paths([self.corpus_dir], progress, cancelled)
        if not report.cancelled:
            self.library.set_meta(BUNDLED_META, "1")
        return report

    def open_index(self) -> None:
        if self._index_open:
            return
        if self.index.open():
            # A new (or rebuilt) index is empty: everything in the library goes in again.
            self.library.mark_all_unindexed()
        if self.index.message:
            self.messages.append(self.index.message)
        self._index_open = True

    def sync_index(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> IndexUpdate:
        """Bring the index up to date with the library (only what changed is rewritten).

        Bytes garbled inside a segment can first fail while the writer merges it: the
        index is then rebuilt (see ``app.core.search.damage``).
        """
        self.open_index()
        try:
            return damage_checked(lambda: self.index.update(self.library, progress, cancelled))
        except IndexDamagedError as exc:
            return self.rebuild_index(progress, cancelled, reason=exc.reason)

    def rebuild_index(
        self,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        *,
        reason: str | None = None,
    ) -> IndexUpdate:
        """Throw a damaged index away and index the whole library again; the user is told.

        The one rebuild for the CLI, the indexing process and ``--rebuild`` (asked for by
        the window when its search thread found the index damaged).
        """
        message = rebuilt_message(reason)
        self.index.reset(message)
        self.library.mark_all_unindexed()
        self.messages.append(message)
        self._index_open = True
        return self.index.update(self.library, progress, cancelled)

    def import_paths(
        self,
        paths: list[Path],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Add files and folders, re-anchor notes on changed documents, update the index."""
        report = self.library.add_paths(paths, progress, cancelled)
        self.reanchor_notes(report)
        return report

    def refresh_folders(
        self,
        folders: list[str],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Read only these folders again (a watched folder changed); notes re-anchored."""
        # Here, not at the top: only a watched folder's change needs it, never a search.
        from app.core.library.folder_changes import refresh_folders  # noqa: PLC0415

        report = refresh_folders(self.library, folders, progress, cancelled)
        self.reanchor_notes(report)
        return report

    def reanchor_notes(self, report: ImportReport) -> None:
        """Notes follow a changed text: updated documents, and moves whose text changed."""
        changed = [r.id for r in report.updated]
        changed += [m.record.id for m in report.moved if m.text_changed]
        if not changed or not self.paths.notes_db.exists():
            return
        for doc_id in changed:
            self.notes.reanchor_document(doc_id, self.library.text(doc_id))

    def export_notes(
        self, fmt: str, doc_id: str | None = None, *, collection: str | None = None
    ) -> tuple[str, int]:
        """The notes as Markdown (``md``, pages cited) or a JSON backup, and how many;
        ``collection``: only the notes of that collection's documents."""
        from app.core.notes.exchange import render_export  # noqa: PLC0415 - notes only

        documents = {r.id: r for r in self.library.all()}
        return render_export(
            self.notes,
            documents,
            fmt,
            doc_id,
            texts_of=self.library.paged_texts,
            collection=collection,
        )

    def search(
        self, text: str, limit: int = 10, offset: int = 0, *, only: frozenset[str] | None = None
    ) -> SearchResults:
        """One page of results (see SearchIndex.search), within the documents ``only``
        when given (ids: a collection); a damaged index is rebuilt once."""
        self.open_index()

        def page() -> SearchResults:
            return self.index.search(text, self.library, limit, offset, only=only)

        try:
            return damage_checked(page)
        except IndexDamagedError as exc:  # a segment can be garbled past the open-time check
            self.rebuild_index(reason=exc.reason)
        return page()
