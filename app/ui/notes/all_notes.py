"""All notes: every note across documents, searchable with the library's French matching.

The list is read and searched in a worker thread (``NotesQueryService``) each time it is
shown or the query changes; in between, the window's own changes are applied to it one
note at a time, as ``NotesService`` reports them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from app.core.i18n import tr
from app.core.notes import Note
from app.core.notes.order import newest_first
from app.core.paths import DataPaths
from app.ui.notes.delegate import NoteDelegate
from app.ui.notes.model import DocIdRole, NoteIdRole, NotesListModel
from app.ui.notes.service import ChangeKind, NoteChange
from app.ui.workers.notes_query import NotesAnswer, NotesQueryService

SEARCH_DELAY_MS = 200


class AllNotesView(QWidget):
    """A searchable list of every note; activating one asks the window to open it."""

    openNoteRequested = Signal(str, str)
    resultsShown = Signal()  # the answer to the latest query is in the list

    def __init__(
        self,
        paths: DataPaths,
        parent: QWidget | None = None,
        *,
        page_label: Callable[[Note], str] = lambda _note: "",
    ) -> None:
        super().__init__(parent)
        self.queries = NotesQueryService(paths, self)
        self.queries.answered.connect(self._answered)
        self._waiting = False  # a query is in flight: its answer may predate a change
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(tr("Search all notes"))
        self.search_field.setAccessibleName(tr("Search all notes"))
        self.search_field.setClearButtonEnabled(True)
        self.model = NotesListModel(
            self, sort_key=newest_first, show_documents=True, page_label=page_label
        )
        self.view = QListView(self)
        self.view.setAccessibleName(tr("All notes"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(NoteDelegate(self.view))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the query
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_field)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

        # Typing waits for a short pause, so each keystroke does not re-run the search.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self.refresh)
        self.view.clicked.connect(self._open)
        self.view.activated.connect(self._activated)

    def set_document_titles(self, titles: dict[str, str]) -> None:
        self.model.set_document_titles(titles)

    def set_query(self, query: str) -> None:
        """Search now (what typing in the field does after a pause)."""
        self.search_field.setText(query)
        self.refresh()

    def refresh(self) -> None:
        """Run the current query again in the worker: all notes newest first, or matches.

        Hidden, the list waits: it is read again when shown.
        """
        self._search_timer.stop()
        if not self.isVisible():
            return
        self._waiting = True
        self.queries.request(self.search_field.text().strip())

    def _answered(self, answer: NotesAnswer) -> None:
        if answer.request != self.queries.latest():
            return  # an older query: the answer to a newer one is on its way
        self._waiting = False
        if answer.error is not None:
            self.message.setText(answer.error)
            self.message.show()
            return
        self.model.set_notes(answer.notes)
        self._update_message()
        self.resultsShown.emit()

    def _update_message(self) -> None:
        query = self.search_field.text().strip()
        empty = self.model.rowCount() == 0
        if empty:
            self.message.setText(
                tr("No note matches “{query}”.").format(query=query)
                if query
                else tr("No notes yet.")
            )
        self.message.setVisible(empty)

    def apply_change(self, change: NoteChange) -> None:
        """Follow one change made in this window without reading every note again."""
        if not self.isVisible():
            return  # read again when shown
        if self._waiting or self.search_field.text().strip():
            # The answer in flight may have been read before this change, and whether a
            # note matches the query is the search's to say: ask again, off this thread.
            self.refresh()
            return
        if change.previous_id is not None:
            self.model.remove(change.previous_id)
        self.model.remove(change.note_id)  # an edit moves the note to the top
        if change.note is not None and change.kind is not ChangeKind.TRASHED:
            self.model.upsert(change.note)
        self._update_message()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # notes may have changed elsewhere (the command line, a merge)

    def hideEvent(self, event: QHideEvent) -> None:
        # The worker's thread runs only while the list is on screen: none outlives it.
        self.queries.shutdown()
        super().hideEvent(event)

    def _activated(self, index: QModelIndex) -> None:
        # A double-click also sends ``clicked``: only keyboard activation is handled here.
        if QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openNoteRequested.emit(str(index.data(DocIdRole)), str(index.data(NoteIdRole)))
