"""The search-results page of the left pane: summary, spelling suggestion, results list.

It replaces the library table during a query (``LibraryPane`` switches between the two);
a click on one of a book's passages opens the result at that passage.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import tr
from app.ui.search.results import (
    RESULT_ROLE,
    ResultItem,
    SearchResultDelegate,
    SearchResultsModel,
    results_summary,
    suggestion_html,
)


class ResultsPage(QWidget):
    resultActivated = Signal(object)  # ResultItem, at the passage clicked if any
    suggestionClicked = Signal(str)
    moreResultsWanted = Signal(int)  # offset: the results list was scrolled to its end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results_model = SearchResultsModel(self)
        self.results_model.moreWanted.connect(self.moreResultsWanted)

        self.suggestion = QLabel(self)
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.suggestion.linkActivated.connect(self.suggestionClicked)
        self.suggestion.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.results = QListView(self)
        self.results.setModel(self.results_model)
        self.results.setItemDelegate(SearchResultDelegate(self.results))
        self.results.setAccessibleName(tr("Search results"))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setUniformItemSizes(False)
        self.results.activated.connect(self._result_activated)
        self.results.clicked.connect(self._result_clicked)
        # Where the last click landed: `clicked` says which row, not which passage in it.
        self._pressed_at = QPoint()
        self.results.viewport().installEventFilter(self)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.summary)
        lay.addWidget(self.suggestion)
        lay.addWidget(self.results)

    def set_results(
        self,
        items: list[ResultItem],
        documents: int,
        notes: int,
        suggestion: str | None,
        error: str | None,
        *,
        within: str | None = None,
    ) -> None:
        """The first page of results, its summary (or ``error``) and the suggestion if any."""
        self.results_model.set_items(items, documents + notes)
        if error:
            self.summary.setText(error)
        else:
            # "No results." for none
            self.summary.setText(results_summary(documents, notes, within))
        if suggestion:
            self.suggestion.setText(suggestion_html(suggestion))
            self.suggestion.show()
        else:
            self.suggestion.clear()
            self.suggestion.hide()

    def start_at_top(self) -> None:
        """The first result current and in view; called once the page is the one shown."""
        if self.results_model.rowCount():
            self.results.setCurrentIndex(self.results_model.index(0, 0))
        self.results.scrollToTop()

    def add_results_page(self, offset: int, items: list[ResultItem]) -> None:
        """A later page of the results shown, as the list is scrolled."""
        self.results_model.add_page(offset, items)

    def top_result(self) -> ResultItem | None:
        return self.results_model.item(0) if self.results_model.rowCount() else None

    def _result_activated(self, index: QModelIndex) -> None:
        item = index.data(RESULT_ROLE)
        if item is not None:
            self.resultActivated.emit(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = event.type() == QEvent.Type.MouseButtonPress
        if pressed and isinstance(event, QMouseEvent) and watched is self.results.viewport():
            self._pressed_at = event.position().toPoint()
        return super().eventFilter(watched, event)

    def _result_clicked(self, index: QModelIndex) -> None:
        """A click opens the result; on one of a book's passages, at that passage."""
        item = index.data(RESULT_ROLE)
        if item is None:
            return
        delegate = self.results.itemDelegate()
        if isinstance(delegate, SearchResultDelegate):
            option = QStyleOptionViewItem()
            option.initFrom(self.results)
            option.rect = self.results.visualRect(index)
            option.widget = self.results
            passage = delegate.passage_at(option, index, self._pressed_at)
            if passage is not None:
                item = item.at_passage(passage)
        self.resultActivated.emit(item)
