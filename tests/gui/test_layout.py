"""The first window's proportions: titles readable in the list, several notes in view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from app.ui.library.model import TITLE
from app.ui.main_window import MainWindow, default_size


@pytest.mark.parametrize(
    ("screen", "most"),
    [(QSize(1400, 900), QSize(1300, 820)), (QSize(1920, 1080), QSize(1750, 980))],
)
def test_the_first_window_takes_most_of_the_screen(screen: QSize, most: QSize) -> None:
    size = default_size(screen)
    assert most.width() <= size.width() < screen.width()
    assert most.height() <= size.height() < screen.height()


def test_titles_and_notes_get_the_room(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1316, 828)  # the first window on a 1400×900 screen
    qtbot.waitUntil(lambda: window.width() == 1316)
    library, reader, notes = window.splitter.sizes()
    assert reader > library > notes
    table = window.library_pane.table
    # the title is the list's main column: well over a third of it
    assert table.columnWidth(TITLE) >= 0.45 * table.viewport().width()
    panel = window.notes_panel
    for n in range(8):
        window.notes.add(window.current_document() or "", f"Note {n}")
    panel.reload()
    # the list of notes is the larger part of the panel, not three notes and an editor
    assert panel.list_view.height() > panel.editor.height()
