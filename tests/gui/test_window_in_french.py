"""The whole window in French and in English, and View → Language with its restart."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import NamedTuple

import pytest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from app.core.paths import DataPaths
from app.core.workspace import Workspace
from app.ui.application import restart_command
from app.ui.language import apply_language
from app.ui.language_menu import restart_question
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from app.ui.single_instance import Request
from app.ui.unsaved_note import unsaved_note_question
from tests.gui.window_support import open_window, search

NBSP = "\u00a0"
NNBSP = "\u202f"


@pytest.fixture
def qapp_speaking() -> Iterator[QApplication]:
    """The application; English (Carnet's and Qt's) is put back after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield app
    apply_language(app, "en")


def _menu(window: MainWindow, title: str) -> QMenu:
    menus = [a.menu() for a in window.menuBar().actions() if a.text() == title]
    assert len(menus) == 1 and isinstance(menus[0], QMenu), title
    return menus[0]


def _submenu(menu: QMenu, title: str) -> QMenu:
    found = [a.menu() for a in menu.actions() if a.text() == title]
    assert len(found) == 1 and isinstance(found[0], QMenu), [a.text() for a in menu.actions()]
    return found[0]


class Expected(NamedTuple):
    """What the window shows in one language."""

    titles: list[str]
    view: str
    language: str
    choices: list[str]
    missing: str
    question: str
    buttons: list[str]


FRENCH = Expected(
    titles=["&Fichier", "É&dition", "&Affichage", "A&ller", "Aid&e"],
    view="&Affichage",
    language="&Langue",
    choices=["Langue du &système", "&English", "&Français"],
    missing=f"Aucun document n’a l’identifiant «{NBSP}nulle-part{NBSP}».",
    question=f"Redémarrer Carnet maintenant pour utiliser la nouvelle langue{NNBSP}?",
    buttons=["&Oui", "&Non"],
)
ENGLISH = Expected(
    titles=["&File", "&Edit", "&View", "&Go", "&Help"],
    view="&View",
    language="Lan&guage",
    choices=["&System Language", "&English", "&Français"],
    missing="No document with the id “nulle-part”.",
    question="Restart Carnet now to use the new language?",
    buttons=["&Yes", "&No"],
)


@pytest.mark.parametrize(("code", "expected"), [("fr", FRENCH), ("en", ENGLISH)])
def test_the_window_speaks_the_language_chosen_at_start(
    qtbot: QtBot, qapp_speaking: QApplication, data: DataPaths, code: str, expected: Expected
) -> None:
    apply_language(qapp_speaking, code)
    window = open_window(qtbot, data)
    try:
        assert [a.text() for a in window.menuBar().actions()] == expected.titles
        languages = _submenu(_menu(window, expected.view), expected.language)
        assert [a.text() for a in languages.actions()] == expected.choices
        # Nothing chosen yet: the system's language is the one checked.
        assert [a.isChecked() for a in languages.actions()] == [True, False, False]

        window.handle_request(Request(open=["nulle-part"], paths=[]))
        assert window.statusBar().currentMessage() == expected.missing

        search(qtbot, window, "négociation")
        count = window.library_pane.results_model.rowCount()
        assert count > 1
        assert window.library_pane.summary.text() == f"{count} documents"

        box = restart_question(window)
        assert box.text() == expected.question
        assert [box.button(b).text() for b in (box.StandardButton.Yes, box.StandardButton.No)] == (
            expected.buttons
        )
        box.deleteLater()
    finally:
        window.close()


def test_choosing_french_remembers_it_and_restarts_through_the_normal_close(
    qtbot: QtBot, data: DataPaths
) -> None:
    window = open_window(qtbot, data)
    asked: list[object] = []

    def yes(parent: object) -> bool:
        asked.append(parent)
        return True

    window.language_menu.ask = yes
    # A note typed a moment ago, not yet autosaved: the restart must not lose it.
    text = window.reader.text
    note = window.notes_panel.create_anchored_note(0, 10, with_note=True)
    window.notes_panel.editor.body.setPlainText("Écrit juste avant de changer de langue")

    window.language_menu.choose("fr")

    assert asked == [window]
    assert window.restart_requested
    assert not window.isVisible()
    assert UiSettings(data.settings_file).language == "fr"
    with Workspace(data) as ws:
        saved = ws.notes.get(note.id)
        assert saved.text == "Écrit juste avant de changer de langue"
        assert saved.anchor is not None and saved.anchor.quote == text[:10]
    # The language menu of the next start has French checked.
    again = MainWindow(data, start_indexing=False)
    qtbot.addWidget(again)
    checked = [a.text() for a in again.language_menu.actions() if a.isChecked()]
    assert checked == ["&Français"]
    again.close()


def test_declining_the_restart_keeps_the_window_and_says_when_it_applies(
    qtbot: QtBot, window: MainWindow, data: DataPaths
) -> None:
    window.language_menu.ask = lambda parent: False
    window.language_menu.choose("fr")
    assert window.isVisible()
    assert not window.restart_requested
    assert window.statusBar().currentMessage() == (
        "The new language will be used the next time Carnet starts."
    )
    assert UiSettings(data.settings_file).language == "fr"


def test_a_choice_that_keeps_the_language_spoken_asks_nothing(
    window: MainWindow, data: DataPaths
) -> None:
    def never(parent: object) -> bool:
        raise AssertionError("no restart to offer: the language spoken stays English")

    window.language_menu.ask = never
    window.language_menu.choose("en")  # tests run with LANGUAGE=en: English already
    assert UiSettings(data.settings_file).language == "en"
    window.language_menu.choose(None)
    assert UiSettings(data.settings_file).language is None
    checked = [a.text() for a in window.language_menu.actions() if a.isChecked()]
    assert checked == ["&System Language"]
    assert window.isVisible()


def test_the_restart_runs_the_command_that_started_carnet() -> None:
    program, arguments = restart_command()
    assert program == sys.executable
    assert arguments == sys.orig_argv[1:]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "fr",
            (
                "Note non enregistrée",
                f"Votre dernière modification de note n’a pas pu être enregistrée{NBSP}:\n"
                "le disque est plein.\n\n"
                f"Quitter quand même et la perdre, ou rester et la copier en lieu sûr{NNBSP}?",
                "Annuler",
            ),
        ),
        (
            "en",
            (
                "Unsaved note",
                "Your last note edit could not be saved:\nle disque est plein.\n\n"
                "Quit anyway and lose it, or stay and copy it somewhere safe?",
                "Cancel",
            ),
        ),
    ],
)
def test_the_unsaved_note_question_in_both_languages(
    qtbot: QtBot, qapp_speaking: QApplication, code: str, expected: tuple[str, str, str]
) -> None:
    title, text, cancel = expected
    apply_language(qapp_speaking, code)
    box = unsaved_note_question(None, "le disque est plein")
    qtbot.addWidget(box)
    assert box.windowTitle() == title
    assert box.text() == text
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == cancel


def test_a_note_the_store_refused_keeps_the_window_open_unless_the_user_lets_it_go(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[str | None] = []

    def answer(quit_anyway: bool) -> Callable[[object, str | None], bool]:
        def ask(parent: object, why: str | None) -> bool:
            answers.append(why)
            return quit_anyway

        return ask

    monkeypatch.setattr(window.notes_panel, "flush", lambda: False)
    monkeypatch.setattr(window.notes_panel, "last_save_error", lambda: "disk full")
    monkeypatch.setattr("app.ui.main_window.quit_losing_unsaved_note", answer(False))
    window.language_menu.ask = lambda parent: True
    window.language_menu.choose("fr")  # a restart also goes through the question
    assert window.isVisible()
    assert not window.restart_requested
    monkeypatch.setattr("app.ui.main_window.quit_losing_unsaved_note", answer(True))
    window.close()
    assert not window.isVisible()
    assert answers == ["disk full", "disk full"]
