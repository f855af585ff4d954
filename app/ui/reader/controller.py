"""Which document is in the reader: opening one with its notes, the first on launch, none.

Opening a document shows its text in the reader and its notes beside it, goes back to
where it was left, and selects its row in the library; the reader holds which one is open.
Opening, leaving and reading to the end are written as the document's reading status
(``ReadingRecord``); ``readingChanged`` tells the list and the sidebar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.groups import Group
from app.core.library.store import DocumentRecord
from app.core.workspace import Workspace
from app.ui.library.pane import LibraryPane
from app.ui.notes.panel import NotesPanel
from app.ui.notes.service import NoteChange
from app.ui.reader.reading_record import ReadingRecord
from app.ui.reader.view import ReaderView
from app.ui.search.controller import SearchController
from app.ui.settings_keeper import SettingsKeeper


class ReaderController(QObject):
    documentShown = Signal(object)  # DocumentRecord now in the reader, or None
    documentOpened = Signal(str)  # doc id, once it is shown
    libraryListed = Signal()  # the library's list was shown anew
    readingChanged = Signal(str, object)  # doc id, its ReadingState: opened, left, finished
    statusMessage = Signal(str, int)  # text, milliseconds (0: until replaced)

    def __init__(
        self,
        workspace: Workspace,
        reader: ReaderView,
        *,
        pane: LibraryPane,
        notes_panel: NotesPanel,
        search: SearchController,
        keeper: SettingsKeeper,
    ) -> None:
        super().__init__(reader)
        self._workspace = workspace
        self._reader = reader
        self._pane = pane
        self._notes_panel = notes_panel
        self._search = search
        self._keeper = keeper
        self._reading = ReadingRecord(workspace.notes, reader, self)
        self._reading.readingChanged.connect(self.readingChanged)
        self._reading.statusMessage.connect(self.statusMessage)
        # Positions are kept in the notes store now: the settings' old ones move there once.
        keeper.keep_positions_in(self._reading)

    def current(self) -> str | None:
        """The document in the reader (the reader holds it; this asks)."""
        return self._reader.document_id()

    def show_records(
        self, records: list[DocumentRecord], by_records: list[Group] | None = None
    ) -> None:
        """The library's list, read anew: shown, and the reader follows what it holds.

        ``by_records``: the groups the records alone make, computed with them off the GUI
        thread (``groups.record_groups``); None to compute them here."""
        counts = self._workspace.notes.count_by_document()
        self._pane.set_records(records, counts, presorted=True, by_records=by_records)
        titles = {r.id: r.title for r in records}
        self._notes_panel.set_document_titles(titles)
        self._search.set_document_titles(titles)
        known = {r.id for r in records}
        current = self.current()
        if current is None:
            wanted = self._keeper.last_document()
            first = wanted if wanted in known else (records[0].id if records else None)
            if first is not None:
                # Turns of their own, not added to this one: the text page is shown and
                # sized first (the first show of the browser costs a few ms), then the
                # document is typeset and painted in the next turn.
                QTimer.singleShot(0, lambda: self._show_page_then_open(first))
        elif current not in known:
            self.show_nothing()
        self.libraryListed.emit()

    def _show_page_then_open(self, doc_id: str) -> None:
        if self.current() is None:
            self._reader.show_page()
            QTimer.singleShot(0, lambda: self._open_first(doc_id))

    def _open_first(self, doc_id: str) -> None:
        if self.current() is None and not self._pane.select_document(doc_id):
            self._reader.clear()  # it left the library meanwhile: the hint, not a blank page

    def show_nothing(self) -> None:
        """The reader's empty state: nothing open (the document left the library)."""
        self._keeper.remember_position()
        self._reader.clear()
        self._notes_panel.set_document(None)
        self.documentShown.emit(None)

    def open(self, doc_id: str, *, again: bool = False) -> None:
        """Show ``doc_id`` and its notes; ``again``: the open one anew, its text changed."""
        if doc_id == self.current() and not again:
            return
        library = self._workspace.library
        record = library.find(doc_id)
        if record is None:
            return
        self._keeper.remember_position()
        text = library.text(doc_id)
        self._notes_panel.set_document(doc_id, text)
        self._reader.show_document(record, text, library.blocks(doc_id))
        self._reader.set_note_highlights(self._workspace.notes.list(doc_id))
        self._keeper.document_opened(doc_id)
        self._reading.opened(doc_id)
        self._pane.select_document(doc_id, emit=False)
        self.documentShown.emit(record)
        self.documentOpened.emit(doc_id)

    def note_changed(self, change: NoteChange) -> None:
        """One note changed: its highlight and its document's count follow, nothing is re-read."""
        if change.doc_id == self.current():
            if change.previous_id is not None:
                self._reader.remove_note_highlight(change.previous_id)
            if change.note is None:
                self._reader.remove_note_highlight(change.note_id)
            else:
                self._reader.add_note_highlight(change.note)
        self._pane.change_note_count(change.doc_id, change.count_delta)
