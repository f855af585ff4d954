"""Search in the window: the search bar, the answers in the library pane, and opening a result.

The window asks it to open, clear or run a search again; it tells the window which document
or note the reader wants through signals, and marks the query's words in the reader.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from app.core.search.query_terms import query_phrases
from app.ui.library.pane import LibraryPane
from app.ui.reader.view import ReaderView
from app.ui.search.bar import SearchBar
from app.ui.search.results import ResultItem
from app.ui.workers.search_service import SearchService


class SearchController(QObject):
    answerShown = Signal(object)  # SearchAnswer actually shown in the list
    documentWanted = Signal(str)  # doc id: a result was chosen; the window opens it
    noteWanted = Signal(str)  # note id, in the document just opened: select it
    scopeChanged = Signal(str)

    def __init__(
        self,
        service: SearchService,
        pane: LibraryPane,
        reader: ReaderView,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self._pane = pane
        self._reader = reader
        self.bar = SearchBar(service, pane, window)
        window.addToolBar(self.bar)
        self.bar.answerShown.connect(self.answerShown)
        self.bar.resultChosen.connect(self.open_result)
        self.bar.cleared.connect(lambda: reader.set_search_terms(set()))
        self.bar.leaveRequested.connect(reader.setFocus)
        self.bar.scopeChanged.connect(self.scopeChanged)
        pane.resultActivated.connect(self.open_result)

    def focus_chain(self) -> list[QWidget]:
        """The search box, then its scope and where it looks, in Tab order."""
        return [self.bar.edit, self.bar.scope_combo, self.bar.place_combo]

    def focus(self) -> None:
        self.bar.focus()

    def clear(self) -> None:
        """Empty the query: the library is back in the pane, the reader's marks go."""
        self.bar.clear()

    def scope(self) -> str:
        return self.bar.scope()

    def set_scope(self, scope: str) -> None:
        self.bar.set_scope(scope)

    def set_document_titles(self, titles: dict[str, str]) -> None:
        self.bar.set_document_titles(titles)

    def set_group(self, key: str, label: str, doc_ids: frozenset[str] | None) -> None:
        """The list shows this group (None ids: all documents): searches look within it
        until the reader widens them; a query shown is searched again in the new place."""
        self.bar.set_group(key, label, doc_ids)

    def widen(self) -> None:
        """Search the whole library again; the list keeps the group it shows."""
        self.bar.widen()

    def rerun(self) -> None:
        """The library changed: search again for what is typed, if anything."""
        if self.bar.query():
            self.bar.run()

    def open_top_result(self) -> None:
        self.bar.open_top_result()

    def open_result(self, item: ResultItem) -> None:
        """Open a result's document; a note is selected, a document's matches marked."""
        self.documentWanted.emit(item.doc_id)
        if item.kind == "note":
            self.noteWanted.emit(item.id)
        else:
            phrases = query_phrases(self.bar.query())
            # A long document opens at its best passage, not at its first match.
            self._reader.set_search_terms(self.bar.terms, phrases=phrases, at=item.offset)
        # Reading comes next: PgDn and the arrows must scroll the text, not the query.
        self._reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_list(self) -> None:
        """Esc in the reader: back to the results of the search, or to the library."""
        self._pane.focus_list(Qt.FocusReason.ShortcutFocusReason)

    def detach(self) -> None:
        """Drop answers still in flight (the window is closing its stores)."""
        self.bar.detach()
