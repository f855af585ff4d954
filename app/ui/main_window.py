"""Carnet's main window: document list, reader and notes panel over one data directory.

The window only wires widgets to the core: reading goes through the library, notes through
the notes store (saves take well under a millisecond, so on the GUI thread), search through
a worker thread, and importing and indexing through a child process.
"""

from __future__ import annotations

import html
import importlib.metadata
import itertools
import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

import app
from app.core.errors import CarnetError
from app.core.files import write_text_atomic
from app.core.library.store import DocumentRecord, Library
from app.core.notes.errors import NotesStorageError, read_only_error
from app.core.notes.exchange import render_export
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths, bundled_corpus_dir
from app.core.search.query_terms import query_phrases
from app.ui.errors import show_error
from app.ui.library.import_status import (
    removal_done,
    removal_question,
)
from app.ui.library.indexing_status import IndexingStatus
from app.ui.library.pane import LibraryPane
from app.ui.notes.panel import NotesPanel
from app.ui.notes.service import NoteChange
from app.ui.plain_text import tooltip
from app.ui.reader.view import ReaderView
from app.ui.search.bar import SearchBar
from app.ui.search.results import ResultItem
from app.ui.settings import UiSettings
from app.ui.shortcuts_dialog import show_shortcuts
from app.ui.single_instance import Request
from app.ui.themes import THEMES
from app.ui.window_actions import build_actions, build_menus
from app.ui.window_palette import window_palette
from app.ui.workers.index_runner import IndexRunner
from app.ui.workers.search_service import SearchService

log = logging.getLogger(__name__)

APP_NAME = "Carnet"
# Library, reader, notes: the list wide enough for two-line titles beside the source and
# date (~210 px of title at 1400 px, ~350 at 1920), the reader a comfortable column.
PANE_SHARES = (0.34, 0.42, 0.24)
MAX_DEFAULT_SIZE = QSize(1800, 1150)  # on big screens a window, not a wall


def default_size(screen: QSize) -> QSize:
    """The first window: most of the screen, leaving the desktop visible around it."""
    return QSize(
        min(round(screen.width() * 0.94), MAX_DEFAULT_SIZE.width()),
        min(round(screen.height() * 0.92), MAX_DEFAULT_SIZE.height()),
    )


def carnet_version() -> str:
    """The installed package's version, else the source tree's (run from a checkout)."""
    try:
        return importlib.metadata.version("carnet")
    except importlib.metadata.PackageNotFoundError:
        return app.__version__


class MainWindow(QMainWindow):
    libraryReloaded = Signal()
    searchAnswered = Signal(object)  # SearchAnswer actually shown
    documentOpened = Signal(str)

    def __init__(self, paths: DataPaths, *, start_indexing: bool = True) -> None:
        super().__init__()
        self.paths = paths
        paths.ensure()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.settings = UiSettings(paths.settings_file)
        self.library = Library(paths.library_db, bundled_corpus_dir())
        self.notes = self._open_notes()
        self.indexer = IndexRunner(str(paths.root), self)
        self.search_service = SearchService(paths, self)
        self._library_request = 0
        self._closed = False

        self.library_pane = LibraryPane(self)
        self.reader = ReaderView(self)
        self.notes_panel = NotesPanel(self.notes, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (self.library_pane, self.reader, self.notes_panel):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.actions_ = build_actions(self)
        build_menus(self, self.actions_)
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self._set_tab_order()
        self._restore_settings()
        self.reload_library()
        if start_indexing:
            self.indexer.start(bundled=True, refresh=True)

    # ---- construction ----------------------------------------------------------------

    def _open_notes(self) -> NotesStore:
        """The notes store, and what the user must hear about how it opened."""
        self.startup_message: str | None = None
        self.notes_state: str | None = None  # short form for the status bar
        try:
            store = NotesStore(self.paths)
        except NotesStorageError as exc:
            # A full or unwritable data dir: reading still works; saving says why it can't.
            self.startup_message, self.notes_state = str(exc), "Notes: read-only"
            return NotesStore(self.paths, read_only=True)
        if store.recovery_message:
            # A damaged notes file was set aside (and restored from a backup if any).
            self.startup_message, self.notes_state = store.recovery_message, "Notes recovered"
        elif store.read_only:
            self.startup_message = str(read_only_error(self.paths.root))
            self.notes_state = "Notes: read-only"
        return store

    def _build_toolbar(self) -> None:
        self.search_bar = SearchBar(self.search_service, self.library_pane, self)
        self.search_edit = self.search_bar.edit
        self.scope_combo = self.search_bar.scope_combo
        self.addToolBar(self.search_bar)

    def _build_status_bar(self) -> None:
        self.indexing_status = IndexingStatus(self, self.indexer)
        # Permanent: indexing messages replace the temporary text a second after start,
        # but the reader must still be able to see that their notes are not as usual.
        self.notes_label = QLabel(self.notes_state or "", self)
        self.notes_label.setAccessibleName("Notes state")
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.setToolTip(tooltip(self.startup_message or ""))
        self.notes_label.setVisible(self.notes_state is not None)
        self.statusBar().addPermanentWidget(self.notes_label)
        if self.startup_message:
            self.statusBar().showMessage(self.startup_message)
            if self.notes.recovery_message:
                self._recovery_box = show_error(self, self.startup_message, "Notes recovered")

    def _connect(self) -> None:
        a = self.actions_
        a.import_files.triggered.connect(self.import_files)
        a.import_folder.triggered.connect(self.import_folder)
        a.refresh.triggered.connect(lambda: self.indexer.start(refresh=True))
        a.export_md.triggered.connect(lambda: self.export_notes("md"))
        a.export_json.triggered.connect(lambda: self.export_notes("json"))
        a.remove_document.triggered.connect(self.remove_current_document)
        a.show_in_folder.triggered.connect(self.show_current_in_folder)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self.reader.open_find)
        a.find_next.triggered.connect(self.reader.next_hit)
        a.find_previous.triggered.connect(self.reader.previous_hit)
        a.highlight.triggered.connect(self.reader.highlight_action.trigger)
        a.highlight_with_note.triggered.connect(self.reader.highlight_with_note_action.trigger)
        a.new_note.triggered.connect(self.notes_panel.new_note_action.trigger)
        a.delete_note.triggered.connect(self.notes_panel.delete_action.trigger)
        a.undo_delete.triggered.connect(self.notes_panel.undo_delete)
        a.focus_search.triggered.connect(self.search_bar.focus)
        a.zoom_in.triggered.connect(self.reader.zoom_in)
        a.zoom_out.triggered.connect(self.reader.zoom_out)
        a.zoom_reset.triggered.connect(self.reader.zoom_reset)
        a.all_notes.triggered.connect(self.show_all_notes)
        a.next_document.triggered.connect(lambda: self.library_pane.step_document(1))
        a.previous_document.triggered.connect(lambda: self.library_pane.step_document(-1))
        a.back_to_library.triggered.connect(self.clear_search)
        # Esc only while the focus is in the reader, where its find bar, when open, claims
        # Esc first (ReaderView.event); in the search box Esc clears the query.
        self.removeAction(a.back_to_results)
        a.back_to_results.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reader.addAction(a.back_to_results)
        a.back_to_results.triggered.connect(self.back_to_list)
        a.shortcuts.triggered.connect(lambda: show_shortcuts(self, a.shortcut_rows()))
        a.about.triggered.connect(self.show_about)
        a.themes.triggered.connect(lambda action: self.set_theme(action.data()))

        bar = self.search_bar
        bar.answerShown.connect(self.searchAnswered)
        bar.resultChosen.connect(self.open_result)
        bar.cleared.connect(lambda: self.reader.set_search_terms(set()))
        bar.leaveRequested.connect(self.reader.setFocus)
        bar.scopeChanged.connect(lambda scope: setattr(self.settings, "scope", scope))
        self.search_service.damaged.connect(self.indexing_status.rebuild_damaged_index)
        self.search_service.libraryLoaded.connect(self._library_loaded)

        self.library_pane.documentActivated.connect(self.open_document)
        self.library_pane.resultActivated.connect(self.open_result)

        self.reader.highlightRequested.connect(self._highlight_requested)
        self.reader.noteClicked.connect(self.notes_panel.select_note)
        self.reader.statusMessage.connect(lambda msg: self.statusBar().showMessage(msg, 10000))
        self.reader.zoomChanged.connect(self._remember_zoom)
        # The reader re-resolves "system" first (connected earlier), then the window follows.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._apply_window_palette)
        self.notes_panel.noteActivated.connect(self.reader.select_note)
        self.notes_panel.notesChanged.connect(self._notes_changed)
        self.notes_panel.openNoteRequested.connect(self.open_note)
        self.notes_panel.saveFailed.connect(lambda msg: self.statusBar().showMessage(msg))

        self.indexer.finished.connect(self._index_finished)

    def _set_tab_order(self) -> None:
        """Tab walks the window as it reads: search, list, reader, notes, editor, tags."""
        pane, panel = self.library_pane, self.notes_panel
        chain = [
            self.search_edit,
            self.scope_combo,
            pane.filter_edit,
            pane.table,
            pane.results,
            self.reader.browser,
            *panel.focus_chain(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _restore_settings(self) -> None:
        s = self.settings
        if s.geometry is not None:
            self.restoreGeometry(s.geometry)
        else:
            self.resize(default_size(self.screen().availableGeometry().size()))
        if s.window_state is not None:
            self.restoreState(s.window_state)
        if s.splitter is not None:
            self.splitter.restoreState(s.splitter)
        else:
            width = self.width()
            self.splitter.setSizes([round(width * share) for share in PANE_SHARES])
        if s.library_header is not None:
            self.library_pane.restore_header_state(s.library_header)
        if s.font_size:
            self.reader.set_font_size(s.font_size)
        self.set_theme(s.theme)
        self.search_bar.set_scope(s.scope)

    # ---- library ---------------------------------------------------------------------

    def reload_library(self) -> None:
        """Ask for the library's list; it is read and sorted in the search thread."""
        self._library_request = self.search_service.load_library(
            *self.library_pane.model.sort_spec()
        )

    def _library_loaded(self, request: int, records: list[DocumentRecord]) -> None:
        if request != self._library_request:
            return  # an older answer: a newer reload is on its way
        self.library_pane.set_records(records, self.notes.count_by_document(), presorted=True)
        titles = {r.id: r.title for r in records}
        self.notes_panel.set_document_titles(titles)
        self.search_bar.set_document_titles(titles)
        known = {r.id for r in records}
        current = self.current_document()
        if current is None:
            wanted = self.settings.last_document
            first = wanted if wanted in known else (records[0].id if records else None)
            if first is not None:
                # Its own turn of the event loop: typesetting is not added to this one.
                QTimer.singleShot(0, lambda: self._open_first(first))
        elif current not in known:
            self.show_no_document()
        self.libraryReloaded.emit()

    def show_no_document(self) -> None:
        """The reader's empty state: nothing open (the document left the library)."""
        self._remember_position()
        self.reader.clear()
        self.notes_panel.set_document(None)
        self.setWindowTitle(APP_NAME)

    def _open_first(self, doc_id: str) -> None:
        if self.current_document() is None:
            self.library_pane.select_document(doc_id)

    def open_document(self, doc_id: str, *, again: bool = False) -> None:
        """Show ``doc_id`` and its notes; ``again``: the open one anew, its text changed."""
        if doc_id == self.current_document() and not again:
            return
        record = self.library.find(doc_id)
        if record is None:
            return
        self._remember_position()
        text = self.library.text(doc_id)
        self.notes_panel.set_document(doc_id, text)
        self.reader.show_document(record, text, self.library.blocks(doc_id))
        self.reader.set_note_highlights(self.notes.list(doc_id))
        self.reader.restore_position(self.settings.position(doc_id))
        self.settings.last_document = doc_id
        self.library_pane.select_document(doc_id, emit=False)
        self.setWindowTitle(f"{record.title} — {APP_NAME}")
        self.documentOpened.emit(doc_id)

    def _remember_position(self) -> None:
        doc_id = self.current_document()
        if doc_id is not None:
            self.settings.set_position(doc_id, self.reader.reading_position())

    def current_document(self) -> str | None:
        """The document in the reader (the reader holds it; the window asks)."""
        return self.reader.document_id()

    def import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Import documents",
            str(Path.home()),
            "Documents (*.txt *.md *.markdown *.html *.htm);;All files (*)",
        )
        if files:
            self.start_import(files)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder", str(Path.home()))
        if folder:
            self.start_import([folder])

    def start_import(self, paths: list[str]) -> None:
        self.indexing_status.start_import(paths)

    def handle_request(self, request: Request) -> None:
        """What another ``python main.py`` asked for: come to the front, open, import."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        for doc_id in request.open:
            if self.library.find(doc_id) is None:
                self.statusBar().showMessage(f"No document with id {doc_id!r}.", 10000)
                continue
            self.clear_search()
            self.open_document(doc_id)
        if request.paths:
            self.start_import(request.paths)

    def remove_current_document(self) -> None:
        doc_id = self.current_document()
        if doc_id is None:
            return
        record = self.library.find(doc_id)
        if record is None:
            return
        # Library.remove keeps the file and excludes it from refreshes; notes stay in the
        # notes store, which never deletes a note for a document leaving the library.
        notes = len(self.notes.list(doc_id))
        answer = QMessageBox.question(
            self,
            "Remove from Library",
            removal_question(record.title, notes),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.library.remove(doc_id)
        except CarnetError as exc:
            show_error(self, exc)
            return
        self.statusBar().showMessage(removal_done(record.title, notes), 10000)
        self.reload_library()
        self.indexer.start()  # apply the removal to the index

    def show_current_in_folder(self) -> None:
        doc_id = self.current_document()
        record = self.library.find(doc_id) if doc_id is not None else None
        if record is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(record.path).parent)))

    # ---- drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    # ---- indexing --------------------------------------------------------------------

    def _index_finished(self, report: dict[str, object]) -> None:
        """The library changed: list it again, show the open text anew, search again."""
        updated = list(report.get("updated", []))  # type: ignore[call-overload]
        self.reload_library()
        current = self.current_document()
        if current is not None and current in updated:
            self.open_document(current, again=True)  # its text changed (notes re-anchored)
        if self.search_bar.query():
            self.search_bar.run()  # results may have changed

    # ---- search ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_bar.focus()

    def clear_search(self) -> None:
        self.search_bar.clear()

    def open_top_result(self) -> None:
        self.search_bar.open_top_result()

    def open_result(self, item: ResultItem) -> None:
        self.open_document(item.doc_id)
        if item.kind == "note":
            self.reader.select_note(item.id)
            self.notes_panel.select_note(item.id)
        else:
            self.reader.set_search_terms(
                self.search_bar.terms, phrases=query_phrases(self.search_bar.query())
            )
        # Reading comes next: PgDn and the arrows must scroll the text, not the query.
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_list(self) -> None:
        """Esc in the reader: back to the results of the search, or to the library."""
        self.library_pane.focus_list(Qt.FocusReason.ShortcutFocusReason)

    def open_note(self, doc_id: str, note_id: str) -> None:
        self.open_document(doc_id)
        self.notes_panel.show_document_tab()
        self.reader.select_note(note_id)
        self.notes_panel.select_note(note_id)

    def show_all_notes(self) -> None:
        self.notes_panel.show_all_notes()

    # ---- notes -----------------------------------------------------------------------

    def _highlight_requested(self, start: int, end: int, with_note: bool) -> None:
        try:
            self.notes_panel.create_anchored_note(start, end, with_note=with_note)
        except CarnetError as exc:
            self.statusBar().showMessage(str(exc), 10000)

    def _notes_changed(self, change: NoteChange) -> None:
        """One note changed: its highlight and its document's count follow, nothing is re-read."""
        if change.doc_id == self.current_document():
            if change.previous_id is not None:
                self.reader.remove_note_highlight(change.previous_id)
            if change.note is None:
                self.reader.remove_note_highlight(change.note_id)
            else:
                self.reader.add_note_highlight(change.note)
        self.library_pane.change_note_count(change.doc_id, change.count_delta)

    def export_notes(self, fmt: str) -> None:
        suffix = "md" if fmt == "md" else "json"
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export notes",
            str(Path.home() / f"carnet-notes.{suffix}"),
            "Markdown (*.md)" if fmt == "md" else "JSON (*.json)",
        )
        if not path:
            return
        self.notes_panel.flush()
        try:
            documents = {r.id: r for r in self.library.all()}
            text, _ = render_export(self.notes, documents, fmt)
            write_text_atomic(Path(path), text)
        except CarnetError as exc:
            show_error(self, exc)
            return
        self.statusBar().showMessage(f"Notes exported to {path}", 8000)

    # ---- view ------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        """Theme the reader and, from the same table, the whole application around it."""
        self.reader.set_theme(name)
        self._apply_window_palette()
        self.settings.theme = name
        for action in self.actions_.themes.actions():
            action.setChecked(action.data() == name)

    def _apply_window_palette(self) -> None:
        # effective_theme(): "system" resolved by the reader to light or dark
        QApplication.setPalette(window_palette(THEMES[self.reader.effective_theme()]))

    def _remember_zoom(self, size: float) -> None:
        self.settings.font_size = size

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Carnet",
            f"<b>Carnet</b><br>Version {html.escape(carnet_version())}<br><br>"
            "A reading notebook: read, search and annotate your documents."
            f"<br><br>Data: {html.escape(str(self.paths.root))}",
        )

    # ---- quitting --------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:  # closing twice (Ctrl+Q then the window manager) is harmless
            event.accept()
            return
        saved = self.notes_panel.flush()
        if not saved:
            answer = QMessageBox.warning(
                self,
                "Unsaved note",
                "Your last note edit could not be saved:\n"
                f"{self.notes_panel.last_save_error() or 'the notes store refused it'}.\n\n"
                "Quit anyway and lose it, or stay and copy it somewhere safe?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        self._remember_position()
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter = self.splitter.saveState()
        self.settings.library_header = self.library_pane.header_state()
        self.settings.sync()
        # Answers still in flight from the search thread must not reach closed stores.
        self.search_bar.detach()
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._apply_window_palette)
        QApplication.setPalette(QPalette())  # the palette is the application's, not ours
        self.search_service.libraryLoaded.disconnect(self._library_loaded)
        self.indexer.finished.disconnect(self._index_finished)
        self.indexing_status.detach()
        self.indexer.stop()
        self.search_service.shutdown()
        self.notes.close()
        self.library.close()
        self._closed = True
        super().closeEvent(event)
