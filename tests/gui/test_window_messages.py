"""What the window tells its reader: the status bar, removing a document, the title, About."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import app
from app.core.index_messages import IndexReport, SkippedFile
from app.ui.library.import_status import import_summary
from app.ui.main_window import MainWindow
from tests.gui.window_support import INDEXING_TIMEOUT, TIMEOUT


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_first_words_to_a_new_user_are_plain(window: MainWindow) -> None:
    assert status(window) == "5 documents added to your library."


def test_a_refresh_that_changes_nothing_says_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    draft = tmp_path / "brouillon.txt"
    draft.write_text("Brouillon\n\nPremière version.\n", "utf-8")
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        window.start_import([str(draft)])
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)

    def refresh() -> list[str]:
        said.clear()
        with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
            window.actions_.refresh.trigger()
        return [message for message in said if message]  # "" is a message timing out

    draft.write_text("Brouillon\n\nSeconde version.\n", "utf-8")
    assert refresh() == ["1 document updated."]  # a refresh that finds a change says so
    assert refresh() == []  # and one that finds none says nothing


@pytest.mark.parametrize(
    ("report", "said"),
    [
        (IndexReport(added=("a",)), "1 document added to your library."),
        (
            IndexReport(added=("a", "b"), updated=("c",)),
            "2 documents added to your library, 1 updated.",
        ),
        (IndexReport(updated=("c",), removed=("d", "e")), "1 document updated, 2 removed."),
        (
            IndexReport(skipped=(SkippedFile("/x/rapport.pdf", "PDF is not supported"),)),
            "1 file skipped: rapport.pdf (PDF is not supported).",
        ),
        (
            IndexReport(added=("a",), skipped=(SkippedFile("/x/a", "r"),) * 3),
            "1 document added to your library. 3 files skipped.",
        ),
        (IndexReport(messages=("The search index was rebuilt.",)), "The search index was rebuilt."),
        (IndexReport(unchanged=5, indexed=0), ""),
    ],
)
def test_import_summary_reads_as_a_sentence(report: IndexReport, said: str) -> None:
    assert import_summary(report) == said


def test_remove_asks_first_and_says_what_it_removed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = window.current_document()
    assert doc_id is not None
    title = window.library.find(doc_id).title
    window.notes.add(doc_id, "Une note à garder.")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Any:
        def question(_parent: object, _title: str, text: str, *args: object) -> Any:
            asked.append(text)
            return button

        return staticmethod(question)

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    window.actions_.remove_document.trigger()
    assert title in asked[-1] and "1 note" in asked[-1]
    assert window.library.find(doc_id) is not None  # cancelled: nothing removed

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    window.actions_.remove_document.trigger()
    assert window.library.find(doc_id) is None
    assert status(window) == f"Removed “{title}” from the library; its file and 1 note are kept."
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 4, timeout=TIMEOUT)
    assert [n.text for n in window.notes.list(doc_id)] == ["Une note à garder."]


def test_the_title_names_the_open_document(qtbot: QtBot, window: MainWindow) -> None:
    doc_id = window.current_document()
    assert doc_id is not None
    title = window.library.find(doc_id).title
    assert window.windowTitle() == f"{title} — Carnet"
    other = next(
        window.library_pane.model.record(r)
        for r in range(5)
        if window.library_pane.model.record(r).id != doc_id
    )
    window.open_document(other.id)
    assert window.windowTitle() == f"{other.title} — Carnet"
    window.show_no_document()
    assert window.windowTitle() == "Carnet"


def test_about_shows_the_version(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "about", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    window.actions_.about.trigger()
    assert f"Version {app.__version__}" in shown[0]
