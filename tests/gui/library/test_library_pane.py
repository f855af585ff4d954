"""The library list in the real window: one whole row selected, and filtering opens nothing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPaintEvent, QRegion
from pytestqt.qtbot import QtBot

from app.core.collation import fold
from app.ui.library.model import COLUMNS, DATE, DOC_ID_ROLE, TITLE
from app.ui.main_window import MainWindow
from tests.gui.window_support import TIMEOUT, search


def selected_rows(window: MainWindow) -> dict[int, int]:
    """Row -> number of its cells selected."""
    cells: dict[int, int] = {}
    for index in window.library_pane.table.selectionModel().selectedIndexes():
        cells[index.row()] = cells.get(index.row(), 0) + 1
    return cells


def assert_one_whole_row_is_the_open_document(window: MainWindow) -> None:
    table = window.library_pane.table
    current = table.currentIndex()
    assert current.isValid()
    assert current.data(DOC_ID_ROLE) == window.current_document()
    visible = sum(not table.horizontalHeader().isSectionHidden(c) for c in range(len(COLUMNS)))
    assert selected_rows(window) == {current.row(): len(COLUMNS)} or selected_rows(window) == {
        current.row(): visible
    }


def test_opening_from_search_selects_that_whole_row_only(qtbot: QtBot, window: MainWindow) -> None:
    first = window.current_document()
    search(qtbot, window, "lavrov")
    items = [
        window.library_pane.results_model.item(r)
        for r in range(window.library_pane.results_model.rowCount())
    ]
    other = next(item for item in items if item.doc_id != first)
    window.open_result(other)
    window.clear_search()
    assert window.current_document() == other.doc_id
    assert_one_whole_row_is_the_open_document(window)


def test_opening_elsewhere_repaints_the_row_left(qtbot: QtBot, window: MainWindow) -> None:
    """The row of the document left is drawn unselected (it stayed blue, half-repainted)."""
    table = window.library_pane.table
    old = table.currentIndex()
    old_rect = table.visualRect(old).united(table.visualRect(old.siblingAtColumn(DATE)))
    other_row = (old.row() + 2) % window.library_pane.proxy.rowCount()
    other = window.library_pane.proxy.index(other_row, TITLE).data(DOC_ID_ROLE)
    table.viewport().repaint()  # paints already due happen now, not in the recording
    painted = QRegion()

    class Spy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            nonlocal painted
            if isinstance(event, QPaintEvent):
                painted = painted.united(event.region())
            return False

    spy = Spy()
    table.viewport().installEventFilter(spy)
    window.open_note(other, "no-such-note")  # as from All notes: the library stays in view
    qtbot.waitUntil(lambda: painted.contains(old_rect.center()), timeout=TIMEOUT)
    table.viewport().removeEventFilter(spy)
    assert window.current_document() == other
    assert_one_whole_row_is_the_open_document(window)


def test_sorting_keeps_one_whole_row_selected(qtbot: QtBot, window: MainWindow) -> None:
    table = window.library_pane.table
    table.setCurrentIndex(window.library_pane.proxy.index(3, TITLE))
    qtbot.waitUntil(lambda: window.current_document() == table.currentIndex().data(DOC_ID_ROLE))
    opened = window.current_document()
    table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
    table.sortByColumn(TITLE, Qt.SortOrder.DescendingOrder)
    assert window.current_document() == opened
    assert_one_whole_row_is_the_open_document(window)


def test_typing_in_the_filter_opens_nothing(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.library_pane
    opened = window.current_document()
    others = [pane.model.record(r) for r in range(5) if pane.model.record(r).id != opened]
    # another document's title, typed key by key: the open one is filtered out on the way
    qtbot.keyClicks(pane.filter_edit, fold(others[-1].title))  # keyClicks takes ASCII
    assert [pane.proxy.index(r, TITLE).data() for r in range(pane.proxy.rowCount())] == [
        others[-1].title
    ]
    assert window.current_document() == opened
    assert window.reader.document_id() == opened
    assert not pane.table.selectionModel().hasSelection()
    # cleared: the open document is the selected row again
    pane.filter_edit.clear()
    assert window.current_document() == opened
    assert_one_whole_row_is_the_open_document(window)


def test_filtering_keeps_the_open_document_selected_while_it_shows(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.library_pane
    opened = window.current_document()
    record = pane.model.record(pane.model.row_of(opened))
    qtbot.keyClicks(pane.filter_edit, fold(record.title).split()[0])
    assert window.current_document() == opened
    assert_one_whole_row_is_the_open_document(window)


def test_only_the_latest_list_asked_for_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    shown: list[int] = []
    window.libraryReloaded.connect(lambda: shown.append(window.library_pane.model.rowCount()))
    window.reload_library()
    window.reload_library()  # the first answer is now out of date
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=TIMEOUT)
    # The search thread answers in order: once a third answer is in, the first is long past.
    with qtbot.waitSignal(window.libraryReloaded, timeout=TIMEOUT):
        window.reload_library()
    assert shown == [5, 5]
