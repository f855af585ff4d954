"""The search box and scope above the window, and the answers it puts in the library pane.

Typing waits for a short pause, then asks the search thread for the first page; the
results list asks for the next pages as it is scrolled, within the same documents. Answers
to requests since replaced (typing fast, a newer query, another group) are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolBar, QWidget

from app.core.i18n import tr, tr_noop
from app.ui.library.pane import LibraryPane
from app.ui.search.place import SearchPlaceCombo
from app.ui.search.results import ResultItem
from app.ui.search.scopes import SCOPE_LABELS
from app.ui.workers.search_service import SearchAnswer, SearchService

SEARCH_DEBOUNCE_MS = 180
PLACEHOLDER = tr_noop("Search the library  (Ctrl+K)")
PLACEHOLDER_WITHIN = tr_noop("Search in “{group}”  (Ctrl+K)")


class SearchBar(QToolBar):
    answerShown = Signal(object)  # SearchAnswer, its first page or a later one
    resultChosen = Signal(object)  # ResultItem: Enter opens the top result
    cleared = Signal()  # the query was emptied: the library is back
    leaveRequested = Signal()  # Esc: the reader takes the focus
    scopeChanged = Signal(str)

    def __init__(self, service: SearchService, pane: LibraryPane, parent: QWidget) -> None:
        super().__init__(tr("Search"), parent)
        self._service = service
        self._pane = pane
        self._latest_request = 0  # the first page of the query typed last
        self._more_request = 0  # a later page of the query shown
        self._shown_request = 0  # the first page now in the list
        self._titles: dict[str, str] = {}
        # Where the query typed last looks, so its later pages look in the same documents.
        self._asked_only: frozenset[str] | None = None
        self._asked_within: str | None = None
        self.terms: frozenset[str] = frozenset()  # analysed words of the query shown
        self.setObjectName("search-toolbar")
        self.setMovable(False)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(tr(PLACEHOLDER))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(tr("Search"))
        self.edit.setMinimumWidth(320)
        self.edit.setMaximumWidth(640)
        self.edit.installEventFilter(self)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setAccessibleName(tr("Search scope"))
        for key, label in SCOPE_LABELS.items():
            self.scope_combo.addItem(tr(label), key)
        self.addWidget(QLabel(" ", self))
        self.addWidget(self.edit)
        self.addWidget(self.scope_combo)
        self.place_combo = SearchPlaceCombo(self)
        # A hidden widget's action must hide too, or the toolbar keeps its room.
        self._place_action = self.addWidget(self.place_combo)
        self._place_action.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)

        self.edit.textChanged.connect(self._edited)
        self.edit.returnPressed.connect(self.open_top_result)
        self.scope_combo.currentIndexChanged.connect(self._scope_changed)
        self.place_combo.placeChanged.connect(self._place_changed)
        self._timer.timeout.connect(self.run)
        service.answered.connect(self._answered)
        pane.moreResultsWanted.connect(self._more_wanted)
        pane.suggestionClicked.connect(self.edit.setText)

    def set_document_titles(self, titles: dict[str, str]) -> None:
        """Titles of documents, for the notes among the results."""
        self._titles = titles

    def query(self) -> str:
        return self.edit.text().strip()

    def scope(self) -> str:
        return str(self.scope_combo.currentData())

    def set_scope(self, scope: str) -> None:
        self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(scope)))

    def set_group(self, key: str, label: str, doc_ids: frozenset[str] | None) -> None:
        """The list shows this group (None ids: all documents); searches look within it."""
        self.place_combo.set_group(key, label, doc_ids)

    def widen(self) -> None:
        """Search the whole library; the list keeps its group."""
        self.place_combo.widen()

    def within(self) -> str | None:
        """The group searched, by name; None: the whole library."""
        return self.place_combo.within()

    def _place_changed(self) -> None:
        self._place_action.setVisible(self.place_combo.count() > 0)
        within = self.place_combo.within()
        placeholder = PLACEHOLDER if within is None else PLACEHOLDER_WITHIN
        self.edit.setPlaceholderText(tr(placeholder).format(group=within))
        if self.query():
            self.run()  # the same words, in the new place; the old answer is dropped

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def _scope_changed(self) -> None:
        self.scopeChanged.emit(self.scope())
        if self.query():
            self.run()

    def _edited(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self.clear()

    def run(self) -> None:
        """Search now for what is typed (the first page)."""
        self._timer.stop()
        if self.query():
            self._more_request = 0
            self._asked_only = self.place_combo.only()
            self._asked_within = self.place_combo.within()
            self._latest_request = self._service.request(
                self.query(), self.scope(), only=self._asked_only
            )

    def _more_wanted(self, offset: int) -> None:
        if self._shown_request == self._latest_request and self.query():
            self._more_request = self._service.request(
                self.query(), self.scope(), offset, only=self._asked_only
            )

    def _answered(self, answer: SearchAnswer) -> None:
        if not self.query():
            return
        if answer.request == self._latest_request:
            self._show_first_page(answer)
        elif answer.request == self._more_request:
            self._pane.add_results_page(answer.offset, self._items(answer))
        else:
            return  # a newer query replaced this one while it ran
        self.answerShown.emit(answer)

    def _show_first_page(self, answer: SearchAnswer) -> None:
        self._shown_request = answer.request
        suggestion = None
        documents = 0
        if answer.documents is not None:
            suggestion = answer.documents.suggestion
            documents = answer.documents.total
            self.terms = answer.documents.terms
        self._pane.show_results(
            self._items(answer),
            documents,
            answer.notes_total,
            suggestion,
            answer.error,
            within=self._asked_within,
        )

    def _items(self, answer: SearchAnswer) -> list[ResultItem]:
        items = []
        if answer.documents is not None:
            items += [ResultItem.from_document(h) for h in answer.documents.hits]
        titles = self._titles
        items += [
            ResultItem.from_note(h, titles.get(h.note.doc_id, tr("Note"))) for h in answer.notes
        ]
        return items

    def clear(self) -> None:
        """Empty the box and show the library again; answers still in flight are dropped."""
        self._timer.stop()
        self._latest_request = self._more_request = self._shown_request = 0
        self.terms = frozenset()
        if self.edit.text():
            self.edit.blockSignals(True)
            self.edit.clear()
            self.edit.blockSignals(False)
        self._pane.show_library()
        self.cleared.emit()

    def detach(self) -> None:
        """Drop answers still in flight (the window is closing its stores)."""
        self._service.answered.disconnect(self._answered)

    def open_top_result(self) -> None:
        self._timer.stop()
        top = self._pane.top_result()
        if top is not None:
            self.resultChosen.emit(top)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.clear()
                self.leaveRequested.emit()
                return True
            if event.key() == Qt.Key.Key_Down and self._pane.showing_results():
                self._pane.focus_results()
                return True
        return super().eventFilter(watched, event)
