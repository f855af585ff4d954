"""The sidebar of groups in the real window: collections made, filled by dragging,
chosen, renamed and deleted; statuses set from the list; the choice kept across launches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.core.paths import DataPaths
from app.ui.library import collection_dialogs
from app.ui.library import pane as pane_module
from app.ui.library.model import DOC_ID_ROLE, RECORD_ROLE, STATUS, TITLE
from app.ui.main_window import MainWindow
from tests.gui.library.collections_support import (
    action,
    drop_rows,
    key_named,
    listed,
    sidebar_rows,
)
from tests.gui.window_support import TIMEOUT, open_window


def make_collection(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, name: str, parent: str = ""
) -> str:
    """Through the sidebar's menu and its name dialog (answered with ``name``)."""
    monkeypatch.setattr(collection_dialogs, "ask_collection_name", lambda *_a, **_k: name)
    sidebar = window.library_pane.sidebar
    if parent:
        action(sidebar.context_menu(key_named(sidebar, parent)), "New Sub-collection…").trigger()
    else:
        action(sidebar.context_menu(None), "New Collection…").trigger()
    return key_named(sidebar, name)


def test_a_collection_made_filled_by_dragging_and_chosen(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    pane, sidebar = window.library_pane, window.library_pane.sidebar
    everything = listed(pane)
    key = make_collection(monkeypatch, window, "Thèse")
    assert sidebar_rows(sidebar)["Thèse"] == "0"
    assert window.statusBar().currentMessage() == "Collection “Thèse” created."

    drop_rows(pane, [0, 2, 4], key)
    dragged = {pane.proxy.index(row, TITLE).data(DOC_ID_ROLE) for row in (0, 2, 4)}
    assert window.statusBar().currentMessage() == "3 documents added to “Thèse”."
    assert sidebar_rows(sidebar)["Thèse"] == "3"
    assert window.notes.collection_documents("Thèse") == dragged

    with qtbot.waitSignal(pane.groupChosen, timeout=TIMEOUT) as chosen:
        sidebar.setCurrentIndex(sidebar.sidebar_model.index_of(key))
    assert chosen.args == [key, "Thèse", dragged]
    assert listed(pane) == dragged
    # The text filter narrows within the group, never outside it.
    title = pane.proxy.index(0, TITLE).data()
    pane.filter_edit.setText(title)
    assert listed(pane) <= dragged and len(listed(pane)) >= 1
    pane.filter_edit.clear()

    # Remove one from the chosen collection, from the list's own menu.
    record = pane.proxy.index(0, TITLE).data(RECORD_ROLE)
    action(pane.document_menu(record), "Remove from “Thèse”").trigger()
    assert listed(pane) == dragged - {record.id}
    assert sidebar_rows(sidebar)["Thèse"] == "2"

    sidebar.choose("all")
    assert listed(pane) == everything


def test_sub_collection_menu_add_rename_and_delete(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    pane, sidebar = window.library_pane, window.library_pane.sidebar
    thesis = make_collection(monkeypatch, window, "Thèse")
    chapter = make_collection(monkeypatch, window, "Chapitre 1", parent="Thèse")
    assert sidebar.sidebar_model.group(chapter).parent == thesis  # type: ignore[union-attr]

    # Several documents selected, added through "Add to Collection ▸ Chapitre 1".
    first, second = (pane.proxy.index(row, TITLE) for row in (1, 3))
    pane.table.selectionModel().select(
        first,
        pane.table.selectionModel().SelectionFlag.ClearAndSelect
        | pane.table.selectionModel().SelectionFlag.Rows,
    )
    pane.table.selectionModel().select(
        second,
        pane.table.selectionModel().SelectionFlag.Select
        | pane.table.selectionModel().SelectionFlag.Rows,
    )
    ids = {first.data(DOC_ID_ROLE), second.data(DOC_ID_ROLE)}
    menu = pane.document_menu(first.data(RECORD_ROLE))
    action(menu, "Add to Collection", "    Chapitre 1").trigger()
    assert sidebar_rows(sidebar)["Chapitre 1"] == "2"
    assert sidebar_rows(sidebar)["Thèse"] == "2"  # a parent shows its children's too

    # Renamed in place: the row's editor, typed into, Enter.
    sidebar.rename(chapter)
    editor = sidebar.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.setText("Chapitre premier")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Chapitre premier" in sidebar_rows(sidebar), timeout=TIMEOUT)
    assert window.notes.collection_documents("Chapitre premier") == ids

    # A name taken: said in the status bar, the row keeps its name.
    sidebar.sidebar_model.setData(sidebar.sidebar_model.index_of(chapter), "thèse")
    assert window.statusBar().currentMessage() == "There is already a collection named “Thèse”."
    assert "Chapitre premier" in sidebar_rows(sidebar)

    # Deleted once confirmed: its documents stay; the chosen group falls back to All.
    sidebar.choose(thesis)
    monkeypatch.setattr(collection_dialogs, "confirm_delete", lambda *_a: True)
    action(sidebar.context_menu(thesis), "Delete…").trigger()
    assert "Thèse" not in sidebar_rows(sidebar)
    assert "Chapitre premier" in sidebar_rows(sidebar)  # moved to the top level
    assert sidebar.chosen_key() == "all"
    assert ids <= listed(pane)
    assert window.statusBar().currentMessage() == (
        "Collection “Thèse” deleted; its documents stay in the library."
    )


def test_mark_as_finished_moves_the_document_to_the_finished_list(
    window: MainWindow,
) -> None:
    pane, sidebar = window.library_pane, window.library_pane.sidebar
    before = sidebar_rows(sidebar)
    index = pane.proxy.index(2, TITLE)
    record = index.data(RECORD_ROLE)
    menu = pane.document_menu(record)
    mark = action(menu, "Mark As", "Unread")
    assert mark.isChecked()
    action(menu, "Mark As", "Finished").trigger()
    after = sidebar_rows(sidebar)
    assert after["Finished"] == str(int(before["Finished"]) + 1)
    assert after["Unread"] == str(int(before["Unread"]) - 1)
    row = pane.model.row_of(record.id)
    assert pane.model.index(row, STATUS).data() == "Finished"
    sidebar.choose(key_named(sidebar, "Finished"))
    assert record.id in listed(pane)
    assert action(pane.document_menu(record), "Mark As", "Finished").isChecked()


def test_the_chosen_group_is_there_again_on_the_next_launch(
    qtbot: QtBot, data: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data)
    key = make_collection(monkeypatch, window, "Ukraine")
    drop_rows(window.library_pane, [1], key)
    window.library_pane.sidebar.choose(key)
    chosen = listed(window.library_pane)
    assert len(chosen) == 1
    window.close()

    again = open_window(qtbot, data)
    assert again.library_pane.sidebar.chosen_key() == key
    assert listed(again.library_pane) == chosen
    again.notes.delete_collection("Ukraine")
    again.close()

    # The collection gone meanwhile: All documents, not an empty list.
    third = open_window(qtbot, data)
    assert third.library_pane.sidebar.chosen_key() == "all"
    assert len(listed(third.library_pane)) > 1
    third.close()


def test_the_new_collection_row_makes_one_with_a_click(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    sidebar = window.library_pane.sidebar
    monkeypatch.setattr(collection_dialogs, "ask_collection_name", lambda *_a, **_k: "Lectures")
    row = next(
        sidebar.sidebar_model.index(r, 0, sidebar.sidebar_model.index(2, 0))
        for r in range(sidebar.sidebar_model.rowCount(sidebar.sidebar_model.index(2, 0)))
        if sidebar.sidebar_model.index(r, 0, sidebar.sidebar_model.index(2, 0)).data()
        == "New Collection…"
    )
    sidebar.scrollTo(row)
    qtbot.mouseClick(
        sidebar.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.visualRect(row).center()
    )
    assert sidebar_rows(sidebar)["Lectures"] == "0"
    assert sidebar.chosen_key() == "all"  # the row is an action, not a group to choose


def test_statuses_from_the_reader_and_first_notes_update_the_counts(
    qtbot: QtBot, window: MainWindow
) -> None:
    sidebar = window.library_pane.sidebar
    before = sidebar_rows(sidebar)
    doc_id = window.library_pane.proxy.index(3, TITLE).data(DOC_ID_ROLE)
    state = window.notes.set_status(doc_id, "finished")  # as the reader does at the end
    window.reader_controller.readingChanged.emit(doc_id, state)
    finished = str(int(before["Finished"]) + 1)
    qtbot.waitUntil(lambda: sidebar_rows(sidebar)["Finished"] == finished, timeout=TIMEOUT)
    window.open_document(doc_id)
    window.notes_panel.new_note()
    window.notes_panel.editor.body.setPlainText("Une première note.")
    window.notes_panel.flush()
    with_notes = str(int(before["With notes"]) + 1)
    qtbot.waitUntil(lambda: sidebar_rows(sidebar)["With notes"] == with_notes, timeout=TIMEOUT)


def test_the_sidebar_shows_every_row_until_the_reader_moves_the_split(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    pane, sidebar = window.library_pane, window.library_pane.sidebar
    window.resize(1200, 900)
    make_collection(monkeypatch, window, "Thèse")
    for n in range(1, 7):  # more rows than a fixed share of the pane would show
        make_collection(monkeypatch, window, f"Chapitre {n}", parent="Thèse")
    qtbot.waitUntil(lambda: sidebar.verticalScrollBar().maximum() == 0, timeout=TIMEOUT)
    total = sum(pane.splitter.sizes())
    assert pane.splitter.sizes()[0] <= total // 2  # the list keeps at least half
    # A split the reader chose stays as they left it, new rows or not.
    pane.splitter.splitterMoved.emit(80, 1)
    pane.splitter.setSizes([80, total - 80])
    make_collection(monkeypatch, window, "Ukraine")
    assert pane.splitter.sizes()[0] == 80


def test_the_groups_the_records_make_come_from_the_search_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One pass over 50,000 records is ~45 ms: it is done where the list is read and
    # sorted, never on the GUI thread when the list arrives.
    def on_gui_thread(*_a: object, **_k: object) -> None:
        raise AssertionError("record_groups ran on the GUI thread")

    monkeypatch.setattr(pane_module, "record_groups", on_gui_thread)
    with qtbot.waitSignal(window.libraryReloaded, timeout=TIMEOUT):
        window.reload_library()
    rows = sidebar_rows(window.library_pane.sidebar)
    assert rows["All documents"] == "5" and rows["Bundled articles"] == "5"


def test_switching_documents_refreshes_the_sidebar_once(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The document left and the one opened are both told of; the shelf is read once.
    refreshes: list[None] = []
    monkeypatch.setattr(window.library_pane, "refresh_groups", lambda: refreshes.append(None))
    current = window.current_document()
    other = next(r.id for r in window.library.all() if r.id != current)
    window.open_document(other)
    qtbot.waitUntil(lambda: bool(refreshes), timeout=TIMEOUT)
    QCoreApplication.processEvents()  # anything else already queued runs now
    assert len(refreshes) == 1
