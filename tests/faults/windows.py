"""The real window for fault tests, closed exactly once (closing twice is not a user path)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from app.core.paths import DataPaths
from app.ui.main_window import MainWindow

INDEXING_TIMEOUT = 60_000
TIMEOUT = 10_000


@contextmanager
def window_on(qtbot: QtBot, data: DataPaths) -> Iterator[MainWindow]:
    """A window on ``data`` without a startup indexing job (tests start the jobs they need)."""
    window = MainWindow(data, start_indexing=False)
    try:
        window.show()
        qtbot.waitExposed(window)
        yield window
    finally:
        window.notes_panel.autosaver.retry_timer.stop()
        window.close()
        # Destroyed now, while Qt is up: left to interpreter shutdown, PySide can crash.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
