"""The left pane: groups above the library table with its filter (results during a query).

The sidebar of groups chooses which documents the table lists; search results replace
the table, not the sidebar, as the search looks within the chosen group. The table's
view settings are in ``document_table``, the results page in ``results_page``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.groups import ALL, Group, groups, record_groups
from app.core.i18n import tr
from app.core.library.store import DocumentRecord
from app.core.notes.reading import ReadingState
from app.ui.library.columns import header_state, restore_header_state
from app.ui.library.document_table import new_document_table
from app.ui.library.model import (
    DOC_ID_ROLE,
    RECORD_ROLE,
    TITLE,
    DocumentFilterProxy,
    DocumentListModel,
)
from app.ui.library.results_page import ResultsPage
from app.ui.library.shelf_controller import ShelfController
from app.ui.library.shelf_menu import add_shelf_actions
from app.ui.library.sidebar import GroupSidebar
from app.ui.search.results import ResultItem

LIBRARY_PAGE, RESULTS_PAGE = 0, 1


class LibraryPane(QWidget):
    documentActivated = Signal(str)  # doc id
    resultActivated = Signal(object)  # ResultItem
    suggestionClicked = Signal(str)
    moreResultsWanted = Signal(int)  # offset: the results list was scrolled to its end
    openOriginalRequested = Signal(str)  # doc id: its file, in the system's application
    showInFolderRequested = Signal(str)  # doc id
    # The sidebar's choice: key, label, the documents' ids (None: the whole library).
    groupChosen = Signal(str, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentListModel(self)
        self.proxy = DocumentFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # The document shown in the reader. Selection follows it; filtering or re-sorting
        # the list moves the current row around, which must never open anything.
        self._chosen: str | None = None
        self._quiet = False
        self._shelf: ShelfController | None = None
        self._told: str | None = None  # the group last announced by groupChosen
        self._by_records: list[Group] | None = None  # the groups the records alone make
        self.sidebar = GroupSidebar(self)
        self.sidebar.groupChosen.connect(lambda _key: self._apply_group())

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(tr("Filter by title or source"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(tr("Filter documents"))
        self.filter_edit.textChanged.connect(self._filter_changed)

        self.table = new_document_table(self, self.proxy)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._row_activated)
        self.table.customContextMenuRequested.connect(self._document_menu_requested)

        self.results_page = ResultsPage(self)
        self.results_page.resultActivated.connect(self.resultActivated)
        self.results_page.suggestionClicked.connect(self.suggestionClicked)
        self.results_page.moreResultsWanted.connect(self.moreResultsWanted)
        # The page's children by their old names: callers and tests reach them here.
        self.results_model = self.results_page.results_model
        self.summary = self.results_page.summary
        self.suggestion = self.results_page.suggestion
        self.results = self.results_page.results

        library_page = QWidget(self)
        lay = QVBoxLayout(library_page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.filter_edit)
        lay.addWidget(self.table)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(library_page)
        self.stack.addWidget(self.results_page)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        # Until the reader moves the split (or a saved one is restored), the sidebar is as
        # tall as its rows, up to half the pane: a fixed share either hid "Collections"
        # behind a scroll bar or left a short tree in a tall box.
        self._split_chosen = False
        self.splitter.splitterMoved.connect(self._split_moved)
        self.sidebar.sidebar_model.modelReset.connect(self.fit_sidebar)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 0, 6)
        outer.addWidget(self.splitter)

    def restore_split(self, state: QByteArray) -> None:
        """The split the reader left (``SettingsKeeper``); the sidebar is no longer fitted."""
        self._split_chosen = self.splitter.restoreState(state)

    def _split_moved(self, _pos: int, _index: int) -> None:
        self._split_chosen = True

    def fit_sidebar(self) -> None:
        """The sidebar as tall as its rows (at most half the pane), unless the reader chose."""
        if self._split_chosen:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        wanted = min(self.sidebar.content_height(), total // 2)
        self.splitter.setSizes([wanted, total - wanted])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_sidebar()

    def document_menu(self, record: DocumentRecord) -> QMenu:
        """The context menu of one document's row; a missing file cannot be opened."""
        menu = QMenu(self)
        original = menu.addAction(tr("Open &Original"))
        original.setEnabled(not record.missing)
        original.triggered.connect(lambda: self.openOriginalRequested.emit(record.id))
        folder = menu.addAction(tr("Show in File &Manager"))
        folder.triggered.connect(lambda: self.showInFolderRequested.emit(record.id))
        if self._shelf is not None:
            selected = self.selected_doc_ids()
            add_shelf_actions(
                menu,
                shelf=self._shelf,
                collections=self.sidebar.sidebar_model.collections(),
                chosen=self.sidebar.chosen_group(),
                doc_ids=selected if record.id in selected else [record.id],
                status=self.model.status(record.id),
                parent=self,
            )
        return menu

    def selected_doc_ids(self) -> list[str]:
        """The documents selected in the list, in its order (else the current one)."""
        rows = self.table.selectionModel().selectedRows(TITLE)
        ids = [i.data(DOC_ID_ROLE) for i in sorted(rows, key=lambda i: i.row())]
        current = self.current_doc_id()
        return ids or ([current] if current else [])

    # ---- groups --------------------------------------------------------------------

    def attach_shelf(self, shelf: ShelfController) -> None:
        """Collections and statuses are read from, and written through, ``shelf``."""
        self._shelf = shelf
        shelf.changed.connect(self.refresh_groups)
        side = self.sidebar
        side.createWanted.connect(shelf.create_collection)
        side.renameWanted.connect(shelf.rename_collection)
        side.deleteWanted.connect(shelf.delete_collection)
        side.documentsDropped.connect(shelf.add_to_collection)
        side.moveWanted.connect(shelf.move_collection)
        self.refresh_groups()

    def refresh_groups(self) -> None:
        """Counts, statuses and the chosen group's documents read again (after a change)."""
        if self._shelf is None:
            return
        shelf = self._shelf.shelf(self.model.records(), self.model.note_counts())
        self.model.set_reading_states(shelf.states or {})
        if self._by_records is None:  # they change with the library's list only
            self._by_records = record_groups(shelf.records, shelf.roots, shelf.corpus)
        self.sidebar.set_groups(groups(shelf, by_records=self._by_records))
        self._apply_group()

    def choose_group(self, key: str) -> None:
        """Show ``key``'s documents (All documents when it is not, or no longer, a group)."""
        self.sidebar.choose(key)

    def _apply_group(self) -> None:
        group = self.sidebar.chosen_group()
        ids = None if group is None or group.key == ALL else group.doc_ids
        if group is not None and ids == self.proxy.group() and self._told == group.key:
            return
        with self._quietly():
            self.proxy.set_group(ids)
        self._show_chosen()
        if group is not None:
            self._told = group.key
            self.groupChosen.emit(group.key, group.label, ids)

    def header_state(self) -> QByteArray:
        return header_state(self.table.horizontalHeader())

    def restore_header_state(self, state: QByteArray) -> None:
        restore_header_state(self.table.horizontalHeader(), state)

    def _document_menu_requested(self, pos: QPoint) -> None:
        record = self.table.indexAt(pos).data(RECORD_ROLE)
        if isinstance(record, DocumentRecord):
            menu = self.document_menu(record)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.table.viewport().mapToGlobal(pos))

    # ---- library -------------------------------------------------------------------

    def set_records(
        self,
        records: list[DocumentRecord],
        note_counts: dict[str, int],
        *,
        presorted: bool = False,
        states: Mapping[str, ReadingState] | None = None,
        by_records: list[Group] | None = None,
    ) -> None:
        """Show these records; ``by_records``, their ``record_groups`` when already made."""
        with self._quietly():
            self.model.set_records(records, note_counts, presorted=presorted, states=states)
        self._by_records = by_records
        self.refresh_groups()
        self._show_chosen()

    def change_note_count(self, doc_id: str, delta: int) -> None:
        """One document gained (or lost) ``delta`` notes: only its Notes cell changes."""
        self.model.change_note_count(doc_id, delta)

    def sort_spec(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the list is sorted by, for reading it already sorted."""
        return self.model.sort_spec()

    def current_doc_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(DOC_ID_ROLE) if index.isValid() else None

    def select_document(self, doc_id: str, *, emit: bool = True) -> bool:
        """Make ``doc_id``'s whole row the selected, current one; ``emit`` opens it too."""
        row = self.model.row_of(doc_id)
        if row < 0:
            return False
        self._chosen = doc_id
        index = self.proxy.mapFromSource(self.model.index(row, TITLE))
        if not index.isValid():
            with self._quietly():
                self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, TITLE))
        if not index.isValid():
            # Outside the group chosen in the sidebar: it opens, no row of it is selected.
            self._show_chosen()
            if emit:
                self.documentActivated.emit(doc_id)
            return True
        # Never block the selection model's signals: the view repaints from them, and a
        # blocked change left the previous row painted as selected beside the new one.
        if emit:
            self._select(index)
        else:
            with self._quietly():
                self._select(index)
        return True

    def _select(self, index: QModelIndex) -> None:
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Moves of the current row inside this block open nothing."""
        quiet, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = quiet

    def _filter_changed(self, text: str) -> None:
        with self._quietly():
            self.proxy.set_filter_text(text)
        self._show_chosen()

    def _show_chosen(self) -> None:
        """Select the open document's row if it is in the list, else nothing."""
        row = self.model.row_of(self._chosen) if self._chosen else -1
        index = self.proxy.mapFromSource(self.model.index(row, TITLE)) if row >= 0 else None
        with self._quietly():
            if index is not None and index.isValid():
                self._select(index)
            else:
                selection = self.table.selectionModel()
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)

    def step_document(self, delta: int) -> None:
        rows = self.proxy.rowCount()
        if not rows:
            return
        current = self.table.currentIndex()
        row = (current.row() + delta) % rows if current.isValid() else 0
        self._select(self.proxy.index(row, TITLE))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self._chosen = current.data(DOC_ID_ROLE)
            self.documentActivated.emit(self._chosen)

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self._chosen = index.data(DOC_ID_ROLE)
            self.documentActivated.emit(self._chosen)

    # ---- search results ------------------------------------------------------------

    def show_library(self) -> None:
        self.stack.setCurrentIndex(LIBRARY_PAGE)

    def show_results(
        self,
        items: list[ResultItem],
        documents: int,
        notes: int,
        suggestion: str | None,
        error: str | None,
        *,
        within: str | None = None,
    ) -> None:
        """The first page of results; ``documents`` and ``notes`` count them all; ``within``:
        the group searched, named in the summary."""
        self.results_page.set_results(items, documents, notes, suggestion, error, within=within)
        self.stack.setCurrentIndex(RESULTS_PAGE)
        self.results_page.start_at_top()

    def add_results_page(self, offset: int, items: list[ResultItem]) -> None:
        """A later page of the results shown, as the list is scrolled."""
        self.results_page.add_results_page(offset, items)

    def showing_results(self) -> bool:
        return self.stack.currentIndex() == RESULTS_PAGE

    def focus_list(self, reason: Qt.FocusReason) -> None:
        """The focus to the list in view: the search results, else the library table."""
        (self.results if self.showing_results() else self.table).setFocus(reason)

    def focus_chain(self) -> list[QWidget]:
        """The pane's widgets in Tab order: groups, filter, library table, search results."""
        return [self.sidebar, self.filter_edit, self.table, self.results]

    def focus_results(self) -> None:
        """Down from the search box: into the results."""
        self.results.setFocus()

    def top_result(self) -> ResultItem | None:
        return self.results_page.top_result()
