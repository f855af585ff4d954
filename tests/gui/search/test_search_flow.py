"""Searching in the real window: honest counts, the list goes on as one scrolls, and keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.paths import DataPaths
from app.core.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.workers.search_service import PAGE
from tests.conftest import CORPUS
from tests.gui.window_support import TIMEOUT, open_window, search

GENERATED = 2 * PAGE + 17


@pytest.fixture
def big_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The bundled articles and more small documents that all mention « tournesol »."""
    folder = tmp_path / "notes-de-lecture"
    folder.mkdir()
    for n in range(GENERATED):
        (folder / f"fiche-{n:03}.txt").write_text(
            f"Fiche {n}\n\nLe tournesol numéro {n} pousse au jardin.\n", "utf-8"
        )
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        ws.import_paths([folder])
        ws.sync_index()
    w = open_window(qtbot, data)
    yield w
    w.close()


def rows(window: MainWindow) -> int:
    return window.library_pane.results_model.rowCount()


def test_the_count_is_every_match_and_scrolling_loads_the_rest(
    qtbot: QtBot, big_window: MainWindow
) -> None:
    window = big_window
    search(qtbot, window, "tournesol")
    pane = window.library_pane
    assert pane.summary.text() == f"{GENERATED} documents"
    assert rows(window) < GENERATED  # a first page, not everything at once
    view = pane.results
    for _ in range(10):
        if rows(window) == GENERATED:
            break
        before = rows(window)
        view.scrollToBottom()
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum())  # as a reader dragging the scrollbar to the end
        qtbot.waitUntil(lambda before=before: rows(window) > before, timeout=TIMEOUT)
    assert rows(window) == GENERATED
    ids = {pane.results_model.item(r).doc_id for r in range(rows(window))}
    assert len(ids) == GENERATED  # no page twice
    assert not pane.results_model.canFetchMore()


def test_counts_name_documents_and_notes_apart(qtbot: QtBot, window: MainWindow) -> None:
    doc_id = window.current_document()
    assert doc_id is not None
    window.notes.add(doc_id, "Une note sur Lavrov et la diplomatie.")
    search(qtbot, window, "Lavrov")
    pane = window.library_pane
    documents = sum(pane.results_model.item(r).kind == "document" for r in range(rows(window)))
    assert documents > 1
    assert pane.summary.text() == f"{documents} documents · 1 note"
    assert rows(window) == documents + 1
    window.scope_combo.setCurrentIndex(window.scope_combo.findData("notes"))
    qtbot.waitUntil(lambda: pane.summary.text() == "1 note", timeout=TIMEOUT)


def test_enter_opens_the_top_result_and_the_reader_takes_the_keys(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    window.focus_search()
    search(qtbot, window, "negociations")
    top = window.library_pane.top_result()
    assert top is not None
    window.open_document(next(r.id for r in window.library.all() if r.id != top.doc_id))
    assert window.current_document() != top.doc_id
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.current_document() == top.doc_id
    browser = window.reader.browser
    assert QApplication.focusWidget() is browser
    bar = browser.verticalScrollBar()
    bar.setValue(0)
    qtbot.keyClick(browser, Qt.Key.Key_PageDown)
    assert bar.value() > 0


def test_esc_in_the_reader_returns_to_the_results(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    search(qtbot, window, "negociations")
    window.open_top_result()
    browser = window.reader.browser
    qtbot.waitUntil(lambda: QApplication.focusWidget() is browser)
    qtbot.keyClick(browser, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.library_pane.results
    assert window.library_pane.showing_results()  # the results are still there


def test_esc_closes_the_find_bar_first_then_returns(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    search(qtbot, window, "negociations")
    window.open_top_result()
    reader = window.reader
    reader.open_find()
    assert reader.is_find_open()
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Escape)
    assert not reader.is_find_open()
    assert QApplication.focusWidget() is reader.browser
    qtbot.keyClick(reader.browser, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.library_pane.results


def test_esc_in_the_reader_without_a_search_goes_to_the_library(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reader.browser)
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.library_pane.table
