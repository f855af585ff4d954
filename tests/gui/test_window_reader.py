"""The window and the reader together: status messages and phrase hits from a search."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from tests.gui.window_support import TIMEOUT


def test_highlight_with_nothing_selected_says_why_in_the_status_bar(window: MainWindow) -> None:
    window.statusBar().clearMessage()
    window.reader.browser.setFocus()
    window.actions_.highlight.trigger()  # Ctrl+Shift+H in the menu
    assert "select a passage" in window.statusBar().currentMessage()


def test_a_phrase_search_marks_the_phrase_whole(qtbot: QtBot, window: MainWindow) -> None:
    window.search_bar.edit.setText('"Sergueï Lavrov"')
    qtbot.waitUntil(lambda: window.library_pane.top_result() is not None, timeout=TIMEOUT)
    window.open_top_result()
    qtbot.waitUntil(lambda: window.reader.hit_count() > 0, timeout=TIMEOUT)
    assert window.reader.current_hit().split() == ["Sergueï", "Lavrov"]
    assert window.reader.hits_bar.count.text().startswith("Search match 1 of ")
