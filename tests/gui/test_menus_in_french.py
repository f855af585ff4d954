"""The window's menus, the shortcuts table and the About box in French and in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.ui.about_dialog import about_text, carnet_version
from app.ui.shortcuts_dialog import show_shortcuts
from app.ui.window_actions import WindowActions, build_actions, build_menus

NBSP = "\u00a0"


def _menus(qtbot: QtBot) -> tuple[QMainWindow, WindowActions]:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = build_actions(window)
    build_menus(window, actions)
    return window, actions


def _titles(window: QMainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_menus_in_french_with_mnemonics_unique_in_each_menu(qtbot: QtBot) -> None:
    set_language("fr")
    window, a = _menus(qtbot)
    assert _titles(window) == ["&Fichier", "É&dition", "&Affichage", "A&ller", "Aid&e"]
    assert a.import_files.text() == "&Importer des fichiers…"
    assert a.quit.text() == "&Quitter"
    assert a.about.text() == "À &propos de Carnet"
    assert [t.text() for t in a.themes.actions()] == [
        "Suivre le s&ystème",
        "&Clair",
        "&Sépia",
        "S&ombre",
    ]
    # Alt+letter must reach one entry: no two in a menu (or in the bar) share a mnemonic.
    menus: list[QWidget] = [window.menuBar()]
    checked = 0
    while menus:
        menu = menus.pop()
        texts = [x.text() for x in menu.actions() if x.text()]
        letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
        assert len(letters) == len(set(letters)) == len(texts), texts
        checked += 1
        menus += [x.menu() for x in menu.actions() if x.menu() is not None]
    assert checked == 7  # the bar, its five menus and View → Theme


def test_menus_in_english(qtbot: QtBot) -> None:
    window, a = _menus(qtbot)
    assert _titles(window) == ["&File", "&Edit", "&View", "&Go", "&Help"]
    assert a.import_files.text() == "&Import Files…"
    assert a.about.text() == "&About Carnet"


def test_shortcuts_keep_their_keys_in_french(qtbot: QtBot) -> None:
    set_language("fr")
    window, a = _menus(qtbot)
    dialog = show_shortcuts(window, a.shortcut_rows())
    table = dialog.findChild(QTableWidget)
    assert table is not None
    assert dialog.windowTitle() == "Raccourcis clavier"
    header = table.horizontalHeaderItem(1)
    assert header is not None and header.text() == "Touches"
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Chercher dans la bibliothèque"] == "Ctrl+K"
    assert (
        rows["Ouvrir le premier résultat de la recherche"] == "Entrée (dans le champ de recherche)"
    )
    dialog.close()


@pytest.mark.parametrize(
    ("code", "licence", "where"),
    [
        (
            "fr",
            "Logiciel libre sous licence MIT.",
            f"Votre bibliothèque, vos notes et l’index sont dans{NBSP}: ",
        ),
        ("en", "Free software under the MIT licence.", "Your library, notes and index are in: "),
    ],
)
def test_about_shows_version_licence_and_the_data_directory(
    tmp_path: Path, code: str, licence: str, where: str
) -> None:
    set_language(code)
    data_dir = tmp_path / "données & notes"
    text = about_text(data_dir)
    assert f"Version {carnet_version()}" in text
    assert licence in text
    # The path is escaped: the box shows rich text.
    assert f"{where}{str(data_dir).replace('&', '&amp;')}" in text
