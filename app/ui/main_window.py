"""Carnet's main window: it assembles the library pane, reader and notes panel, and closes them.

The data directory is opened once, as a ``Workspace``. Search (``SearchController``),
importing and the library's list (``ImportController``), the document in the reader
(``ReaderController``) and what is remembered between launches (``SettingsKeeper``) each
have their own home; the window builds them, lays them out, wires the menus to them,
and closes them.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QWidget,
)

from app.core.errors import CarnetError
from app.core.i18n import tr
from app.core.index_messages import IndexReport
from app.core.library.store import DocumentRecord
from app.core.notes.pages import NotePages
from app.core.paths import DataPaths
from app.core.workspace import Workspace
from app.ui.about_dialog import show_about
from app.ui.errors import show_error
from app.ui.language_menu import LanguageMenu
from app.ui.library.import_controller import ImportController
from app.ui.library.pane import LibraryPane
from app.ui.library.shelf_controller import ShelfController
from app.ui.notes.export_dialog import export_notes
from app.ui.notes.panel import NotesPanel
from app.ui.notes.service import NoteChange, NotesService
from app.ui.notes.state_label import notes_state_label
from app.ui.reader.controller import ReaderController
from app.ui.reader.navigation import ReaderNavigation
from app.ui.reader.view import ReaderView
from app.ui.search.controller import SearchController
from app.ui.search.results import ResultItem
from app.ui.settings import UiSettings
from app.ui.settings_keeper import SettingsKeeper, default_size
from app.ui.shortcuts_dialog import show_shortcuts
from app.ui.single_instance import Request
from app.ui.themes import THEMES
from app.ui.unsaved_note import quit_losing_unsaved_note
from app.ui.window_actions import build_actions, build_menus
from app.ui.window_palette import window_palette
from app.ui.workers.search_service import SearchService

__all__ = ["APP_NAME", "MainWindow", "default_size"]

log = logging.getLogger(__name__)

APP_NAME = "Carnet"


class MainWindow(QMainWindow):
    libraryReloaded = Signal()
    searchAnswered = Signal(object)  # SearchAnswer actually shown
    documentOpened = Signal(str)

    def __init__(self, paths: DataPaths, *, start_indexing: bool = True) -> None:
        super().__init__()
        self.paths = paths
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        # One way in to the data: the notes open read-only, or recovered, as it decides.
        self.workspace = Workspace(paths)
        self.library = self.workspace.library
        self.notes = self.workspace.notes
        self.search_service = SearchService(paths, self, corpus_dir=self.workspace.corpus_dir)
        self._closed = False
        # One refresh of the sidebar for all the changes of one turn: switching documents
        # tells of the one left and of the one opened, and each refresh reads the shelf.
        self._groups_refresh = QTimer(self)
        self._groups_refresh.setSingleShot(True)
        self._groups_refresh.setInterval(0)
        self._groups_refresh.timeout.connect(self._refresh_groups)

        self.library_pane = LibraryPane(self)
        self.reader = ReaderView(self)
        # Notes change through one door; the panel, reader and library follow its signal.
        pages = NotePages(self.library.paged_texts)  # "p. 12" on notes of PDFs
        self.notes_service = NotesService(self.notes, self, pages=pages)
        self.notes_panel = NotesPanel(self.notes_service, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (self.library_pane, self.reader, self.notes_panel):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        settings = UiSettings(paths.settings_file)
        self.language_menu = LanguageMenu(settings, self)
        self.restart_requested = False
        """Set when closing to restart in a new language; ``application.run`` relaunches."""
        self.actions_ = build_actions(self)
        build_menus(self, self.actions_, self.language_menu)
        self.search_controller = SearchController(
            self.search_service, self.library_pane, self.reader, self
        )
        self.search_bar = self.search_controller.bar
        self.import_controller = ImportController(
            self.workspace, self.search_service, self.library_pane, self
        )
        self.indexer = self.import_controller.indexer
        self.indexing_status = self.import_controller.status
        self.settings_keeper = SettingsKeeper(
            settings,
            self,
            splitter=self.splitter,
            pane=self.library_pane,
            reader=self.reader,
            search=self.search_controller,
        )
        self.settings = self.settings_keeper.settings
        self.reader_controller = ReaderController(
            self.workspace,
            self.reader,
            pane=self.library_pane,
            notes_panel=self.notes_panel,
            search=self.search_controller,
            keeper=self.settings_keeper,
        )
        self.navigation = ReaderNavigation(
            self.reader,
            self.library.toc,
            go_to_page=self.actions_.go_to_page,
            contents=self.actions_.contents,
            parent=self,
        )
        self._build_status_bar()
        self.shelf = ShelfController(self.notes, self.library, self)
        self.library_pane.choose_group(self.settings.group)
        self.library_pane.attach_shelf(self.shelf)
        self._connect()
        self._set_tab_order()
        self.settings_keeper.restore(self.set_theme)
        self.reload_library()
        if start_indexing:
            self.indexer.start(bundled=True, refresh=True)

    # ---- construction ----------------------------------------------------------------

    def _build_status_bar(self) -> None:
        """The notes' state, when not as usual, and what happened opening the data."""
        state = self.workspace.notes_state
        startup_message = " ".join(self.workspace.messages)
        self.notes_label = notes_state_label(state, startup_message, self)
        self.statusBar().addPermanentWidget(self.notes_label)
        if startup_message:
            self.statusBar().showMessage(startup_message)
            if self.notes.recovery_message:
                self._recovery_box = show_error(self, startup_message, tr("Notes recovered"))

    @property
    def search_edit(self) -> QLineEdit:
        """The search box (typing in it searches)."""
        return self.search_bar.edit

    @property
    def scope_combo(self) -> QComboBox:
        """What the search looks through: documents, notes or both."""
        return self.search_bar.scope_combo

    def _connect(self) -> None:
        a = self.actions_
        a.import_files.triggered.connect(self.import_controller.import_files)
        a.import_folder.triggered.connect(self.import_controller.import_folder)
        a.refresh.triggered.connect(self.import_controller.refresh)
        a.export_md.triggered.connect(lambda: self.export_notes("md"))
        a.export_json.triggered.connect(lambda: self.export_notes("json"))
        on_open = self._on_open_document
        a.remove_document.triggered.connect(lambda: on_open(self.import_controller.remove))
        a.show_in_folder.triggered.connect(lambda: on_open(self.import_controller.show_in_folder))
        a.open_original.triggered.connect(lambda: on_open(self.import_controller.open_original))
        a.open_original.setEnabled(False)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self.reader.open_find)
        a.find_next.triggered.connect(self.reader.next_hit)
        a.find_previous.triggered.connect(self.reader.previous_hit)
        a.highlight.triggered.connect(self.reader.highlight_selection)
        a.highlight_with_note.triggered.connect(
            lambda: self.reader.highlight_selection(with_note=True)
        )
        a.new_note.triggered.connect(self.notes_panel.new_note)
        a.delete_note.triggered.connect(self.notes_panel.delete_selected)
        a.undo_delete.triggered.connect(self.notes_panel.undo_delete)
        a.focus_search.triggered.connect(self.search_controller.focus)
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
        a.back_to_results.triggered.connect(self.search_controller.back_to_list)
        a.shortcuts.triggered.connect(lambda: show_shortcuts(self, a.shortcut_rows()))
        a.about.triggered.connect(lambda: show_about(self, self.paths.root))
        a.themes.triggered.connect(lambda action: self.set_theme(action.data()))
        self.language_menu.restartWanted.connect(self.restart)
        self.language_menu.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 10000))

        search = self.search_controller
        search.answerShown.connect(self.searchAnswered)
        search.documentWanted.connect(self.open_document)
        search.noteWanted.connect(self._select_note)
        self.search_service.damaged.connect(self.indexing_status.rebuild_damaged_index)
        self.import_controller.recordsLoaded.connect(self.reader_controller.show_records)
        self.reader_controller.documentShown.connect(self._show_title)
        self.reader_controller.documentShown.connect(self.navigation.document_shown)
        self.reader_controller.documentOpened.connect(self.documentOpened)
        self.reader_controller.libraryListed.connect(self.libraryReloaded)
        self.reader_controller.statusMessage.connect(self.statusBar().showMessage)

        self.library_pane.documentActivated.connect(self.open_document)
        self.library_pane.openOriginalRequested.connect(self.import_controller.open_original)
        self.library_pane.showInFolderRequested.connect(self.import_controller.show_in_folder)
        self.library_pane.groupChosen.connect(self._group_chosen)
        self.shelf.message.connect(lambda m: self.statusBar().showMessage(m, 10000))
        self.shelf.failed.connect(lambda m: self.statusBar().showMessage(m, 15000))
        # A status changed in the reader, a document's first note: the sidebar's counts
        # follow, read once the handlers of the change have all run.
        self.reader_controller.readingChanged.connect(self._groups_may_have_changed)
        self.notes_service.changed.connect(self._note_changed)

        self.reader.highlightRequested.connect(self._highlight_requested)
        self.reader.noteClicked.connect(self.notes_panel.select_note)
        self.reader.statusMessage.connect(lambda msg: self.statusBar().showMessage(msg, 10000))
        # The reader re-resolves "system" first (connected earlier), then the window follows.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._apply_window_palette)
        self.notes_panel.noteActivated.connect(self.reader.select_note)
        self.notes_service.changed.connect(self.reader_controller.note_changed)
        self.notes_panel.openNoteRequested.connect(self.open_note)
        self.notes_panel.saveFailed.connect(lambda msg: self.statusBar().showMessage(msg))

        self.indexer.finished.connect(self._index_finished)

    def _set_tab_order(self) -> None:
        """Tab walks the window as it reads: search, list, reader, notes, editor, tags."""
        pane, panel = self.library_pane, self.notes_panel
        chain = [
            *self.search_controller.focus_chain(),
            *pane.focus_chain(),
            *self.reader.focus_chain(),
            *panel.focus_chain(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ---- library ---------------------------------------------------------------------

    def reload_library(self) -> None:
        """Ask for the library's list; it is read and sorted in the search thread."""
        self.import_controller.reload()

    def _group_chosen(self, key: str, label: str, doc_ids: frozenset[str] | None) -> None:
        """The sidebar's choice is remembered; the search looks within it."""
        self.settings.group = key
        self.search_controller.set_group(key, label, doc_ids)

    def _note_changed(self, change: NoteChange) -> None:
        if change.count_delta:  # a document's first note, or its last one gone
            self._groups_may_have_changed()

    def _groups_may_have_changed(self, *_: object) -> None:
        self._groups_refresh.start()  # started again, it still fires once

    def _refresh_groups(self) -> None:
        if not self._closed:  # the stores are closed with the window
            self.library_pane.refresh_groups()

    def show_no_document(self) -> None:
        """The reader's empty state: nothing open (the document left the library)."""
        self.reader_controller.show_nothing()

    def open_document(self, doc_id: str, *, again: bool = False) -> None:
        """Show ``doc_id`` and its notes; ``again``: the open one anew, its text changed."""
        self.reader_controller.open(doc_id, again=again)

    def current_document(self) -> str | None:
        """The document in the reader (the reader holds it; the window asks)."""
        return self.reader_controller.current()

    def _show_title(self, record: DocumentRecord | None) -> None:
        self.setWindowTitle(f"{record.title} — {APP_NAME}" if record is not None else APP_NAME)
        # A missing document still shows its text and notes, but has no file to open.
        self.actions_.open_original.setEnabled(record is not None and not record.missing)

    def start_import(self, paths: list[str]) -> None:
        """Import files and folders in the indexing process, with progress below."""
        self.import_controller.start_import(paths)

    def handle_request(self, request: Request) -> None:
        """What another ``python main.py`` asked for: come to the front, open, import."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        for doc_id in request.open:
            if self.library.find(doc_id) is None:
                message = tr("No document with the id “{doc_id}”.").format(doc_id=doc_id)
                self.statusBar().showMessage(message, 10000)
                continue
            self.clear_search()
            self.open_document(doc_id)
        if request.paths:
            self.start_import(request.paths)

    def _on_open_document(self, act: Callable[[str], None]) -> None:
        """Do ``act`` (remove, show in folder, open original) on the document in the reader."""
        doc_id = self.current_document()
        if doc_id is not None:
            act(doc_id)

    # ---- drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.import_controller.import_dropped(event.mimeData()):
            event.acceptProposedAction()

    # ---- indexing --------------------------------------------------------------------

    def _index_finished(self, report: IndexReport) -> None:
        """The library changed: list it again, show the open text anew, search again."""
        self.reload_library()
        current = self.current_document()
        if current is not None and current in report.updated:
            self.open_document(current, again=True)  # its text changed (notes re-anchored)
        self.search_controller.rerun()  # results may have changed

    # ---- search ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_controller.focus()

    def clear_search(self) -> None:
        self.search_controller.clear()

    def open_top_result(self) -> None:
        self.search_controller.open_top_result()

    def open_result(self, item: ResultItem) -> None:
        """Open a search result as Enter or a click on it does."""
        self.search_controller.open_result(item)

    def _select_note(self, note_id: str) -> None:
        """A note chosen among the results, in the document just opened."""
        self.reader.select_note(note_id)
        self.notes_panel.select_note(note_id)

    def open_note(self, doc_id: str, note_id: str) -> None:
        """A note chosen under All notes: its document, and the note in it."""
        self.open_document(doc_id)
        self.notes_panel.show_document_tab()
        self._select_note(note_id)

    def show_all_notes(self) -> None:
        self.notes_panel.show_all_notes()

    # ---- notes -----------------------------------------------------------------------

    def _highlight_requested(self, start: int, end: int, with_note: bool) -> None:
        try:
            self.notes_panel.create_anchored_note(start, end, with_note=with_note)
        except CarnetError as exc:
            self.statusBar().showMessage(str(exc), 10000)

    def export_notes(self, fmt: str) -> None:
        """File → Export Notes as Markdown ("md") or as a JSON backup ("json")."""
        export_notes(self, self.workspace, fmt, self.notes_panel.flush)

    # ---- view ------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        """Theme the reader and, from the same table, the whole application around it."""
        self.reader.set_theme(name)
        self._apply_window_palette()
        self.settings_keeper.remember_theme(name)
        for action in self.actions_.themes.actions():
            action.setChecked(action.data() == name)

    def _apply_window_palette(self) -> None:
        # effective_theme(): "system" resolved by the reader to light or dark
        QApplication.setPalette(window_palette(THEMES[self.reader.effective_theme()]))

    # ---- quitting --------------------------------------------------------------------

    def restart(self) -> None:
        """Close as on quit (notes flushed, settings saved); ``run`` then starts Carnet anew."""
        self.restart_requested = True
        if not self.close():  # the user chose to stay (a note could not be saved)
            self.restart_requested = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:  # closing twice (Ctrl+Q then the window manager) is harmless
            event.accept()
            return
        saved = self.notes_panel.flush()
        if not saved and not quit_losing_unsaved_note(self, self.notes_panel.last_save_error()):
            event.ignore()
            return
        self.settings_keeper.save()
        # Answers still in flight from the search thread must not reach closed stores.
        self.search_controller.detach()
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._apply_window_palette)
        QApplication.setPalette(QPalette())  # the palette is the application's, not ours
        self.indexer.finished.disconnect(self._index_finished)
        self.import_controller.detach()
        self.search_service.shutdown()
        self.workspace.close()
        self._closed = True
        super().closeEvent(event)
