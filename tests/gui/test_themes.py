"""Themes colour the whole window, not only the reader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.notes.delegate import warning_colour
from app.ui.settings import UiSettings
from app.ui.themes import MIN_CONTRAST, THEME_CHOICES, THEME_NAMES, THEMES, contrast, warning_text
from app.ui.window_actions import build_actions
from app.ui.window_palette import window_palette


@pytest.fixture
def window(window: MainWindow) -> Iterator[MainWindow]:
    yield window
    window.set_theme("light")  # the application palette outlives the window


def background(view: QAbstractItemView) -> int:
    """Lightness of what the list is drawn on (its viewport's background role)."""
    return view.viewport().palette().color(view.viewport().backgroundRole()).lightness()


def panes(window: MainWindow) -> list[QAbstractItemView]:
    notes = window.notes_panel.focus_chain()[0]  # the list of the document's notes
    assert isinstance(notes, QAbstractItemView)
    return [window.library_pane.table, notes, window.library_pane.results]


def test_dark_theme_darkens_the_library_and_the_notes_and_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    themes = {a.data(): a for a in window.actions_.themes.actions()}
    themes["light"].trigger()
    # Qt passes a new application palette on to the widgets through the event loop.
    qtbot.waitUntil(lambda: all(background(v) > 200 for v in panes(window)))
    themes["dark"].trigger()
    qtbot.waitUntil(lambda: all(background(v) < 80 for v in panes(window)))
    text = window.library_pane.table.palette().color(window.library_pane.table.foregroundRole())
    assert text.lightness() > 180  # light text on the dark list, not black on black
    assert window.palette().color(window.backgroundRole()).lightness() < 80
    themes["sepia"].trigger()
    table = window.library_pane.table.viewport()
    sepia = THEMES["sepia"].background
    qtbot.waitUntil(lambda: table.palette().color(table.backgroundRole()).name() == sepia)
    themes["light"].trigger()
    qtbot.waitUntil(lambda: all(background(v) > 200 for v in panes(window)))
    assert QApplication.palette().color(QApplication.palette().ColorRole.Base).lightness() > 200


def test_one_list_of_themes_for_the_menu_and_the_settings(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert [a.data() for a in build_actions(window).themes.actions()] == list(THEME_CHOICES)
    settings = UiSettings(tmp_path / "settings.ini")
    for name in THEME_CHOICES:
        settings.theme = name
        assert settings.theme == name
    settings.theme = "neon"
    assert settings.theme == "system"


@pytest.mark.parametrize("name", THEME_NAMES)
def test_the_warning_red_is_readable_on_every_themes_pages_and_panels(name: str) -> None:
    theme = THEMES[name]
    red = warning_text(theme.dark)
    assert contrast(red, theme.background) >= MIN_CONTRAST
    assert contrast(red, theme.panel) >= MIN_CONTRAST
    # Widgets only know their palette: it must lead them to the same red.
    assert warning_colour(window_palette(theme)).name() == red


def test_the_notes_warnings_turn_light_in_the_dark_theme(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.notes_panel.editor
    editor.set_status("Not saved: the disk is full.")
    labels = (editor.orphan_label, editor.tag_error, editor.status_label)
    for name in ("dark", "light"):
        window.set_theme(name)
        red = warning_text(THEMES[name].dark)
        qtbot.waitUntil(lambda r=red: all(f"color: {r};" in w.styleSheet() for w in labels))
