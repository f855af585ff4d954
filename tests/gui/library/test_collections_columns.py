"""The list's Status and Last read columns: shown as read, sorted by the real values,
and an older saved header (five columns) does not squeeze the title with them."""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.core.groups import Group
from app.core.i18n import set_language
from app.core.library.records import DocumentRecord
from app.core.notes.reading import ReadingState
from app.ui.library.model import LAST_READ, SOURCE, STATUS, TITLE, WORDS, DocumentListModel
from app.ui.library.pane import LibraryPane
from app.ui.library.sidebar_model import COUNT, SidebarModel


def record(doc_id: str, title: str) -> DocumentRecord:
    return DocumentRecord(doc_id, f"/docs/{doc_id}.txt", title, None, None, 10, 1, doc_id)


RECORDS = [record("a", "Agriculture"), record("b", "Budget"), record("c", "Climat")]
# "1 févr." sorts before "9 janv." as text, after it in time.
STATES = {
    "a": ReadingState("a", "finished", last_read="2022-02-01T10:00:00Z"),
    "b": ReadingState("b", "reading", last_read="2022-01-09T10:00:00Z"),
}


def shown(model: DocumentListModel, column: int) -> list[str]:
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def test_status_and_last_read_sort_by_their_real_values(qtmodeltester: object) -> None:
    set_language("fr")
    model = DocumentListModel()
    model.set_records(RECORDS, {}, states=STATES)
    assert shown(model, STATUS) == ["Terminé", "En cours", ""]  # unread left blank
    model.sort(LAST_READ, Qt.SortOrder.AscendingOrder)
    assert shown(model, TITLE) == ["Budget", "Agriculture", "Climat"]  # never read: last
    assert shown(model, LAST_READ)[:2] == ["9 janv. 2022", "1 févr. 2022"]
    model.sort(LAST_READ, Qt.SortOrder.DescendingOrder)
    assert shown(model, TITLE) == ["Agriculture", "Budget", "Climat"]
    model.sort(STATUS, Qt.SortOrder.AscendingOrder)
    assert shown(model, TITLE) == ["Climat", "Budget", "Agriculture"]  # unread, reading, …
    model.set_reading_states({"c": ReadingState("c", "finished")})
    assert shown(model, STATUS) == ["Terminé", "", ""]
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_a_header_saved_before_the_new_columns_keeps_them_hidden(qtbot: QtBot) -> None:
    old = QTableView()
    qtbot.addWidget(old)
    old.setModel(QStandardItemModel(0, 5))  # Title, Source, Date, Words, Notes
    old.horizontalHeader().resizeSection(SOURCE, 123)
    old.horizontalHeader().setSectionHidden(WORDS, False)  # the reader had shown Words
    pane = LibraryPane()
    qtbot.addWidget(pane)
    pane.restore_header_state(old.horizontalHeader().saveState())
    header = pane.table.horizontalHeader()
    assert [header.isSectionHidden(c) for c in (WORDS, STATUS, LAST_READ)] == [
        False,
        True,
        True,
    ]
    assert header.sectionSize(SOURCE) == 123
    header.setSectionHidden(STATUS, False)  # from the header's menu, then saved
    again = LibraryPane()
    qtbot.addWidget(again)
    again.restore_header_state(pane.header_state())
    assert not again.table.horizontalHeader().isSectionHidden(STATUS)
    assert again.table.horizontalHeader().sectionSize(STATUS) > 40  # readable, not 0


def test_the_sidebar_model_keeps_its_rows_when_only_counts_change(
    qtmodeltester: object,
) -> None:
    def shelf(thesis: frozenset[str]) -> list[Group]:
        return [
            Group("all", "library", "All documents", frozenset("abc")),
            Group("smart:unread", "smart", "Unread", frozenset("ab")),
            Group("collection:1", "collection", "Thèse", thesis),
            Group("collection:2", "collection", "Chapitre 1", frozenset("a"), "collection:1"),
        ]

    set_language("en")
    model = SidebarModel()
    model.set_groups(shelf(frozenset("a")))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    kept = QPersistentModelIndex(model.index_of("collection:1"))
    model.set_groups(shelf(frozenset("abc")))
    assert kept.isValid() and kept.data() == "Thèse"
    assert model.index_of("collection:1", COUNT).data() == "3"
    assert model.index_of("collection:2").parent() == model.index_of("collection:1")
