"""Bringing documents in and out of the library from the window, and reading its list.

Import (dialogs, dropped files, another instance's request), refresh, changes seen in the
library's watched folders and removal go to the indexing process or the library; the list
is read in the search thread, and only the answer to the latest request is passed on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from app.core.documents.formats import SUPPORTED_SUFFIXES
from app.core.errors import CarnetError
from app.core.groups import Group
from app.core.i18n import tr
from app.core.index_messages import IndexReport
from app.core.library.store import DocumentRecord
from app.core.workspace import Workspace
from app.ui.errors import show_error
from app.ui.library.folder_watcher import FolderWatcher
from app.ui.library.import_status import removal_done, removal_question
from app.ui.library.indexing_status import IndexingStatus
from app.ui.library.model import missing_file
from app.ui.library.pane import LibraryPane
from app.ui.workers.index_runner import IndexRunner
from app.ui.workers.search_service import SearchService

REMOVED_MS = 10_000


def document_filter() -> str:
    """The file dialog's filters: every format the loader reads, then all files."""
    patterns = " ".join(f"*{s}" for s in sorted(SUPPORTED_SUFFIXES))
    documents = tr("Documents ({patterns})").format(patterns=patterns)
    everything = tr("All files (*)")
    return f"{documents};;{everything}"


def dropped_paths(mime: QMimeData) -> list[str]:
    """The local files and folders among what was dropped on the window."""
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]


class ImportController(QObject):
    # list[DocumentRecord], the latest list asked for, and its record_groups (or None)
    recordsLoaded = Signal(object, object)

    def __init__(
        self,
        workspace: Workspace,
        service: SearchService,
        pane: LibraryPane,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._service = service
        self._pane = pane
        self._window = window
        self._request = 0
        self.indexer = IndexRunner(str(workspace.paths.root), window)
        self.status = IndexingStatus(window, self.indexer)
        service.libraryLoaded.connect(self._loaded)
        self.watcher = FolderWatcher(
            workspace.library, workspace.paths.root, workspace.corpus_dir, self
        )
        self.watcher.foldersChanged.connect(self._folders_changed)
        self.watcher.incomplete.connect(self._watch_incomplete)
        self.indexer.busyChanged.connect(self.watcher.set_busy)
        self._roots: list[Path] | None = None
        self.indexer.finished.connect(self._watch_roots)
        self._watch_roots()

    # ---- the list ------------------------------------------------------------------

    def reload(self) -> None:
        """Ask for the library's list; it is read and sorted in the search thread."""
        self._request = self._service.load_library(*self._pane.sort_spec())

    def _loaded(
        self, request: int, records: list[DocumentRecord], by_records: list[Group] | None
    ) -> None:
        if request == self._request:  # else an older answer: a newer reload is on its way
            self.recordsLoaded.emit(records, by_records)

    # ---- bringing documents in ---------------------------------------------------------

    def import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window, tr("Import documents"), str(Path.home()), document_filter()
        )
        if files:
            self.start_import(files)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, tr("Import a folder"), str(Path.home())
        )
        if folder:
            self.start_import([folder])

    def start_import(self, paths: list[str]) -> None:
        self.status.start_import(paths)

    def import_dropped(self, mime: QMimeData) -> bool:
        """Import what was dropped; False if nothing in it was a local file."""
        paths = dropped_paths(mime)
        if paths:
            self.start_import(paths)
        return bool(paths)

    def refresh(self) -> None:
        """Read the library's folders again for new and changed files."""
        self.indexer.start(refresh=True)

    # ---- watched folders ---------------------------------------------------------------

    def _watch_roots(self, report: IndexReport | None = None) -> None:
        """Watch the library's folders; walked again only when the imported ones change."""
        roots = self._workspace.library.roots()
        if roots != self._roots:
            self._roots = roots
            self.watcher.watch_library()
        if report is not None and self.watcher.watched():
            # Ready before the first save (starting Python costs the child about a second);
            # after the first job, so the two do not start side by side.
            self.indexer.warm_up()

    def _folders_changed(self, folders: list[str]) -> None:
        self.indexer.start(watched=folders)

    def _watch_incomplete(self) -> None:
        """Too many folders to watch: the library is read again each time the window is
        activated, so changes in the unwatched ones are still seen, only later."""
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._activated)

    def _activated(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and not self.indexer.is_busy():
            self.refresh()

    # ---- and out -----------------------------------------------------------------------

    def remove(self, doc_id: str) -> None:
        """Remove a document from the library once the user agrees; its notes stay."""
        library = self._workspace.library
        record = library.find(doc_id)
        if record is None:
            return
        # Library.remove keeps the file and excludes it from refreshes; notes stay in the
        # notes store, which never deletes a note for a document leaving the library.
        notes = len(self._workspace.notes.list(doc_id))
        answer = QMessageBox.question(
            self._window,
            tr("Remove from Library"),
            removal_question(record.title, notes),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            library.remove(doc_id)
        except CarnetError as exc:
            show_error(self._window, exc)
            return
        self._window.statusBar().showMessage(removal_done(record.title, notes), REMOVED_MS)
        self.reload()
        self.indexer.start()  # apply the removal to the index

    def show_in_folder(self, doc_id: str) -> None:
        record = self._workspace.library.find(doc_id)
        if record is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(record.path).parent)))

    def open_original(self, doc_id: str) -> None:
        """Open the document's own file in the system's default application (a PDF in a
        PDF viewer); a missing file is said so instead."""
        record = self._workspace.library.find(doc_id)
        if record is None:
            return
        if record.missing or not Path(record.path).is_file():
            self._window.statusBar().showMessage(missing_file(record.path), REMOVED_MS)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(record.path))

    # ---- closing -----------------------------------------------------------------------

    def detach(self) -> None:
        """Stop the indexing process; lists and reports still on their way are dropped."""
        self._service.libraryLoaded.disconnect(self._loaded)
        self.watcher.stop()
        self.status.detach()
        self.indexer.stop()
