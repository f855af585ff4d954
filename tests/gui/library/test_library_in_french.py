"""The library list, its status messages and its progress bar in French and in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language, tr_noop
from app.core.index_messages import IndexProgress, IndexReport, SkippedFile
from app.core.library.records import DocumentRecord
from app.core.wording import Wording
from app.ui.library.import_status import import_summary, importing, removal_done
from app.ui.library.indexing_status import IndexingStatus
from app.ui.library.model import DATE, NOTES, SOURCE, TITLE, WORDS
from app.ui.library.pane import LibraryPane
from app.ui.workers.index_runner import IndexRunner

NBSP, NNBSP = "\u00a0", "\u202f"


def record(doc_id: str, title: str, day: str | None) -> DocumentRecord:
    return DocumentRecord(
        id=doc_id,
        path=f"/bibliothèque/{doc_id}.txt",
        title=title,
        source="lemonde",
        date=day,
        words=1234,
        reading_minutes=6,
        sha256=doc_id,
    )


# Alphabetical order of the French dates shown ("1 févr.", "15 janv.", "3 déc.", "9 août")
# is not their order in time: a list sorting on what it shows would get it wrong.
RECORDS = [
    record("b", "Budget", "2022-02-01"),
    record("a", "Agriculture", "2022-01-15"),
    record("d", "Diplomatie", "2023-08-09"),
    record("c", "Climat", "2021-12-03"),
    record("x", "Sans date", None),
]


def build_pane(qtbot: QtBot, language: str) -> LibraryPane:
    set_language(language)  # before the widgets: labels are translated as they are built
    pane = LibraryPane()
    qtbot.addWidget(pane)
    pane.set_records(RECORDS, {"b": 2, "a": 1})
    return pane


def column(pane: LibraryPane, col: int) -> list[str]:
    proxy = pane.proxy
    return [str(proxy.index(row, col).data() or "") for row in range(proxy.rowCount())]


LIST_WORDS = {
    "fr": {
        "headers": ["Titre", "Source", "Date", "Mots", "Notes"],
        "placeholder": "Filtrer par titre ou par source",
        "day": "1 févr. 2022",
        "words": f"1{NNBSP}234",
        "menu": ["&Ouvrir l’original", "Afficher dans le &gestionnaire de fichiers"],
    },
    "en": {
        "headers": ["Title", "Source", "Date", "Words", "Notes"],
        "placeholder": "Filter by title or source",
        "day": "Feb 1, 2022",
        "words": "1,234",
        "menu": ["Open &Original", "Show in File &Manager"],
    },
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_list_speaks_the_language(qtbot: QtBot, language: str) -> None:
    words = LIST_WORDS[language]
    pane = build_pane(qtbot, language)
    shown = [
        pane.proxy.headerData(c, Qt.Orientation.Horizontal)
        for c in (TITLE, SOURCE, DATE, WORDS, NOTES)
    ]
    assert shown == words["headers"]
    assert pane.filter_edit.placeholderText() == words["placeholder"]
    row = pane.model.row_of("b")
    assert pane.model.index(row, DATE).data() == words["day"]
    assert pane.model.index(row, WORDS).data() == words["words"]
    assert pane.model.index(row, NOTES).data() == "2"
    actions = pane.document_menu(RECORDS[0]).actions()
    assert [a.text() for a in actions] == words["menu"]


@pytest.mark.parametrize(
    ("language", "by_date"),
    [
        ("fr", ["3 déc. 2021", "15 janv. 2022", "1 févr. 2022", "9 août 2023", ""]),
        ("en", ["Dec 3, 2021", "Jan 15, 2022", "Feb 1, 2022", "Aug 9, 2023", ""]),
    ],
)
def test_the_date_column_sorts_by_the_day_not_by_its_words(
    qtbot: QtBot, language: str, by_date: list[str]
) -> None:
    pane = build_pane(qtbot, language)
    pane.table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
    assert column(pane, DATE) == by_date
    assert column(pane, TITLE) == ["Climat", "Agriculture", "Budget", "Diplomatie", "Sans date"]
    pane.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
    # Newest first; a document without a date still comes last.
    assert column(pane, DATE) == [*reversed(by_date[:-1]), ""]


def test_status_sentences_in_french() -> None:
    set_language("fr")
    assert importing(1) == "Importation de 1 élément…"
    assert importing(1200) == f"Importation de 1{NNBSP}200 éléments…"
    report = IndexReport(added=("a", "b"), updated=("c",), moved=("d", "e"))
    said = "2 documents ajoutés à votre bibliothèque, 1 mis à jour, 2 déplacés."
    assert import_summary(report) == said
    assert import_summary(IndexReport(updated=("c",))) == "1 document mis à jour."
    missing = IndexReport(missing=("a", "b"))
    assert import_summary(missing) == (
        f"2 documents manquants (leurs fichiers ont disparu{NNBSP}; les notes sont conservées)."
    )
    empty = Wording(tr_noop("the file is empty"))
    skipped = IndexReport(skipped=(SkippedFile("/x/vide.txt", "the file is empty", empty),))
    assert import_summary(skipped) == f"1 fichier ignoré{NBSP}: vide.txt (le fichier est vide)."
    assert removal_done("Budget", 3) == (
        f"«{NBSP}Budget{NBSP}» retiré de la bibliothèque{NNBSP}; son fichier et ses 3 notes"
        " sont conservés."
    )


def test_status_sentences_in_english() -> None:
    assert importing(1) == "Importing 1 item…"
    assert importing(1200) == "Importing 1,200 items…"
    report = IndexReport(added=("a", "b"), updated=("c",), moved=("d", "e"))
    assert import_summary(report) == "2 documents added to your library, 1 updated, 2 moved."
    empty = Wording(tr_noop("the file is empty"))
    skipped = IndexReport(skipped=(SkippedFile("/x/vide.txt", "the file is empty", empty),))
    assert import_summary(skipped) == "1 file skipped: vide.txt (the file is empty)."
    assert removal_done("Budget", 1) == (
        "Removed “Budget” from the library; its file and 1 note are kept."
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "fr",
            (
                f"Lecture 3 sur 12{NNBSP}000…",
                f"Indexation 1{NNBSP}200 sur 10{NNBSP}000…",
                "1 document ajouté à votre bibliothèque.",
            ),
        ),
        (
            "en",
            (
                "Reading 3 of 12,000…",
                "Indexing 1,200 of 10,000…",
                "1 document added to your library.",
            ),
        ),
    ],
)
def test_the_status_bar_counts_the_work_in_the_language(
    qtbot: QtBot, tmp_path: Path, language: str, said: tuple[str, str, str]
) -> None:
    reading, indexing, summary = said
    set_language(language)
    window = QMainWindow()
    qtbot.addWidget(window)
    runner = IndexRunner(str(tmp_path), window)  # never started: its signals are emitted here
    status = IndexingStatus(window, runner)
    runner.progress.emit(IndexProgress("reading", 3, 12_000, "a.txt"))
    assert status.progress.text() == reading
    runner.progress.emit(IndexProgress("indexing", 1200, 10_000, "Budget"))
    assert status.progress.text() == indexing
    runner.finished.emit(IndexReport(added=("a",)))
    assert window.statusBar().currentMessage() == summary
