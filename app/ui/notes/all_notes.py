"""All notes: every note across documents, searchable with the library's French matching."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from app.core.errors import NotesError
from app.core.notes import NotesStore
from app.ui.notes.delegate import NoteDelegate
from app.ui.notes.model import DocIdRole, NoteIdRole, NotesListModel, newest_first_key

SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 500


class AllNotesView(QWidget):
    """A searchable list of every note; activating one asks the window to open it."""

    openNoteRequested = Signal(str, str)

    def __init__(self, store: NotesStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText("Search all notes")
        self.search_field.setAccessibleName("Search all notes")
        self.search_field.setClearButtonEnabled(True)
        self.model = NotesListModel(self, sort_key=newest_first_key, show_documents=True)
        self.view = QListView(self)
        self.view.setAccessibleName("All notes")
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
        """Run the current query again: all notes newest first, or the search's best matches."""
        self._search_timer.stop()
        query = self.search_field.text().strip()
        try:
            if query:
                notes = [hit.note for hit in self._store.search(query, SEARCH_LIMIT)]
            else:
                notes = sorted(self._store.list(), key=newest_first_key)
        except NotesError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.model.set_notes(notes)
        if not notes:
            self.message.setText(f"No note matches “{query}”." if query else "No notes yet.")
        self.message.setVisible(not notes)

    def _activated(self, index: QModelIndex) -> None:
        # A double-click also sends ``clicked``: only keyboard activation is handled here.
        if QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openNoteRequested.emit(str(index.data(DocIdRole)), str(index.data(NoteIdRole)))
