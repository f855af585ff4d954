"""What the window tests share: the real window opened on a fresh data dir, and a search."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.paths import DataPaths
from app.ui.main_window import MainWindow

INDEXING_TIMEOUT = 60_000
TIMEOUT = 10_000


def open_window(qtbot: QtBot, data: DataPaths) -> MainWindow:
    """The window on ``data``, the bundled articles indexed and the first one open."""
    window = MainWindow(data, start_indexing=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        window.indexer.start(bundled=True, refresh=True)
    window.show()
    qtbot.waitExposed(window)
    # the list is read in the search thread, then the first document opens
    qtbot.waitUntil(lambda: window.current_document() is not None, timeout=TIMEOUT)
    return window


def search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    """Type ``query`` in the search box and wait for its answer in the list."""
    with qtbot.waitSignal(window.searchAnswered, timeout=TIMEOUT):
        window.search_edit.setText(query)
