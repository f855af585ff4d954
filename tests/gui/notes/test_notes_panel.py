"""NotesPanel: autosave, save points, storage failures, delete/undo, anchors, All notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.core.notes import Note, NotesDiskFullError, NotesStore, anchor_at
from app.core.paths import DataPaths
from app.ui.notes.model import OrphanRole
from app.ui.notes.panel import NotesPanel
from app.ui.notes.service import ChangeKind, NoteChange, NotesService

TEXT = (
    "Antony Blinken et Sergueï Lavrov se sont rencontrés à Genève. "
    "Les négociations sur l'Ukraine n'ont pas abouti, mais le dialogue continue."
)
DOC = "doc-geneve"
FULL = "Notes cannot be saved: the disk is full. Free some space and try again."


def type_into(qtbot: QtBot, widget: QPlainTextEdit | QLineEdit, text: str) -> None:
    """Type like a user; QTest only has keys for ASCII, so accented letters are inserted."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        elif isinstance(widget, QPlainTextEdit):
            widget.insertPlainText(char)
        else:
            widget.insert(char)


def type_text(qtbot: QtBot, panel: NotesPanel, text: str) -> None:
    type_into(qtbot, panel.editor.body, text)


def failing(
    real: Callable[..., Note], times: int, calls: list[dict[str, Any]]
) -> Callable[..., Note]:
    """``real`` that raises the disk-full error for its first ``times`` calls."""

    def fake(*args: Any, **kwargs: Any) -> Note:
        calls.append(kwargs)
        if len(calls) <= times:
            raise NotesDiskFullError(FULL)
        return real(*args, **kwargs)

    return fake


def test_typed_text_is_saved_without_an_explicit_save(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    panel.set_document(DOC, TEXT)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        panel.new_note_action.trigger()
    note = panel.current_note()
    assert note is not None and note.anchor is None and note.doc_id == DOC
    qtbot.waitUntil(panel.editor.body.hasFocus, timeout=1000)
    type_text(qtbot, panel, "Relire la dépêche")
    assert panel.editor.status_label.text() == "Saving…"
    qtbot.waitUntil(lambda: store.get(note.id).text == "Relire la dépêche", timeout=3000)
    qtbot.waitUntil(lambda: panel.editor.status_label.text() == "Saved", timeout=1000)


def test_nothing_is_written_when_nothing_changed(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = store.add(DOC, "alpha", tags=["x"], color="blue")
    b = store.add(DOC, "beta")
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(store, "update", failing(store.update, 0, calls))
    panel.set_document(DOC, TEXT)
    panel.select_note(a.id)
    panel.select_note(b.id)
    type_text(qtbot, panel, "!")
    qtbot.keyClick(panel.editor.body, Qt.Key.Key_Backspace)  # typed and undone
    assert panel.flush()
    panel.set_document(None)
    assert calls == []
    assert store.get(a.id) == a


def test_switching_note_saves_immediately(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    a = store.add(DOC, "")
    b = store.add(DOC, "deux")
    panel.set_document(DOC, TEXT)
    panel.select_note(a.id)
    type_text(qtbot, panel, "un")
    panel.select_note(b.id)  # no waiting: leaving a note is a save point
    assert store.get(a.id).text == "un"
    assert panel.editor.body.toPlainText() == "deux"


def test_switching_document_saves_immediately(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    a = store.add(DOC, "")
    store.add("other", "ailleurs")
    panel.set_document(DOC, TEXT)
    panel.select_note(a.id)
    type_text(qtbot, panel, "avant de partir")
    panel.set_document("other", "autre texte")
    assert store.get(a.id).text == "avant de partir"
    assert panel.model.rowCount() == 1 and panel.current_note() is None


def test_flush_saves_text_tags_and_colour(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    a = store.add(DOC, "")
    panel.set_document(DOC, TEXT)
    panel.select_note(a.id)
    type_text(qtbot, panel, "corps")
    type_into(qtbot, panel.editor.tags, "#diplomatie, genève ukraine")
    with qtbot.waitSignal(panel.notesChanged, timeout=1000) as changed:
        panel.editor.color_buttons["green"].click()
        assert panel.flush()
    (change,) = changed.args
    saved = store.get(a.id)
    assert (change.kind, change.doc_id, change.note) == (ChangeKind.EDITED, DOC, saved)
    assert saved.text == "corps"
    assert saved.tags == ("diplomatie", "genève", "ukraine")
    assert saved.color == "green"
    panel.editor.color_buttons[None].click()
    assert panel.flush()
    assert store.get(a.id).color is None


def test_disk_full_keeps_text_and_retries_until_saved(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = store.add(DOC, "")
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(store, "update", failing(store.update, 2, calls))
    panel.autosaver.retry_timer.setInterval(50)
    panel.set_document(DOC, TEXT)
    panel.select_note(a.id)
    with qtbot.waitSignal(panel.saveFailed, timeout=3000) as failed:
        type_text(qtbot, panel, "ne pas perdre")
    assert failed.args == [FULL]
    assert panel.editor.body.toPlainText() == "ne pas perdre"
    assert panel.editor.status_label.text() == f"Not saved: {FULL}"
    assert not panel.flush()  # second failure: still pending, still shown
    assert panel.editor.body.toPlainText() == "ne pas perdre"
    # The retry timer gets it through once the disk has room again.
    qtbot.waitUntil(lambda: store.get(a.id).text == "ne pas perdre", timeout=3000)
    assert panel.editor.status_label.text() == "Saved"
    assert len(calls) == 3


def test_failed_edit_survives_switching_note_and_document(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = store.add(DOC, "")
    b = store.add(DOC, "b")
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(store, "update", failing(store.update, 4, calls))
    panel.set_document(DOC, TEXT)
    panel.select_note(a.id)
    type_text(qtbot, panel, "précieux")
    with qtbot.waitSignal(panel.saveFailed, timeout=1000):
        panel.select_note(b.id)
    with qtbot.waitSignal(panel.saveFailed, timeout=1000):
        panel.set_document("other")
    panel.set_document(DOC, TEXT)  # third failure
    panel.select_note(a.id)  # fourth
    assert panel.editor.body.toPlainText() == "précieux"  # shown from the pending edit
    assert store.get(a.id).text == ""
    panel.editor.focus_body()  # cursor to the end
    type_into(qtbot, panel.editor.body, " !")  # the next edit retries, and now succeeds
    assert panel.flush()
    assert store.get(a.id).text == "précieux !"
    assert len(calls) == 5


def test_delete_and_undo(qtbot: QtBot, panel: NotesPanel, store: NotesStore) -> None:
    a = store.add(DOC, "à garder", anchor=anchor_at(TEXT, 0, 14))
    panel.set_document(DOC, TEXT)
    panel.show()
    qtbot.waitExposed(panel)
    panel.select_note(a.id)
    with qtbot.waitSignal(panel.notesChanged, timeout=1000) as trashed:
        panel.delete_action.trigger()
    assert trashed.args[0].kind is ChangeKind.TRASHED and trashed.args[0].count_delta == -1
    assert store.get(a.id).trashed
    assert panel.model.rowCount() == 0 and panel.undo_bar.isVisible()
    assert "trash" in panel.undo_label.text()
    with qtbot.waitSignal(panel.notesChanged, timeout=1000) as changed:
        qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].kind is ChangeKind.RESTORED and changed.args[0].doc_id == DOC
    assert not store.get(a.id).trashed
    assert panel.model.row_of(a.id) == 0 and not panel.undo_bar.isVisible()
    assert not panel.undo_delete()  # nothing left to undo


def test_delete_key_in_the_list(qtbot: QtBot, panel: NotesPanel, store: NotesStore) -> None:
    a = store.add(DOC, "x")
    panel.set_document(DOC, TEXT)
    panel.show()
    qtbot.waitExposed(panel)
    panel.select_note(a.id)
    panel.activateWindow()
    panel.list_view.setFocus()
    qtbot.waitUntil(panel.list_view.hasFocus, timeout=1000)
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        qtbot.keyClick(panel.list_view, Qt.Key.Key_Delete)
    assert store.get(a.id).trashed
    assert panel.undo_delete()


def test_anchored_note_stores_the_exact_quote(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    panel.set_document(DOC, TEXT)
    start = TEXT.index("Les négociations")
    end = start + len("Les négociations sur l'Ukraine")
    with qtbot.waitSignal(panel.notesChanged, timeout=1000) as changed:
        note = panel.create_anchored_note(start, end, with_note=True, color="yellow")
    stored = store.get(note.id)
    assert changed.args[0] == NoteChange(ChangeKind.ADDED, DOC, note.id, stored)
    assert stored.anchor is not None
    assert stored.anchor.quote == "Les négociations sur l'Ukraine"
    assert (stored.anchor.start, stored.anchor.end, stored.color) == (start, end, "yellow")
    assert panel.current_note() == note
    assert "Les négociations sur l'Ukraine" in panel.editor.quote_label.text()
    # A plain highlight is listed but not selected.
    other = panel.create_anchored_note(0, 6, with_note=False)
    assert panel.current_note() == note
    assert panel.model.row_of(other.id) == 0  # ordered by position


def test_orphans_are_marked(qtbot: QtBot, panel: NotesPanel, store: NotesStore) -> None:
    a = store.add(DOC, "perdue", anchor=anchor_at(TEXT, 0, 14))
    store.reanchor_document(DOC, "Un texte entièrement réécrit.")
    panel.set_document(DOC, "Un texte entièrement réécrit.")
    panel.show()
    assert panel.model.index(0).data(OrphanRole) is True
    panel.select_note(a.id)
    assert panel.editor.orphan_label.isVisible()
    assert "not found" in panel.editor.orphan_label.text()
    qtbot.waitExposed(panel)
    panel.grab()  # paints the orphan row through the delegate


def test_user_selection_emits_note_activated(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    store.add(DOC, "one")
    b = store.add(DOC, "two")
    panel.set_document(DOC, TEXT)
    panel.show()
    qtbot.waitExposed(panel)
    rect = panel.list_view.visualRect(panel.model.index(panel.model.row_of(b.id)))
    with qtbot.waitSignal(panel.noteActivated, timeout=1000) as activated:
        qtbot.mouseClick(panel.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [b.id]
    assert panel.current_note() == b


def test_all_notes_search_is_french_and_opens_notes(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    hit = store.add(DOC, "Les négociations reprennent")
    store.add("other", "Rien à voir")
    panel.set_document_titles({DOC: "Genève", "other": "Autre"})
    panel.show()
    view = panel.all_notes
    with qtbot.waitSignal(view.resultsShown, timeout=3000):
        panel.show_all_notes()
    assert view.model.rowCount() == 2
    with qtbot.waitSignal(view.resultsShown, timeout=3000):
        view.set_query("negociation")
    assert [n.id for n in view.model.notes()] == [hit.id]
    qtbot.waitExposed(panel)
    rect = view.view.visualRect(view.model.index(0))
    with qtbot.waitSignal(panel.openNoteRequested, timeout=1000) as opened:
        qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [DOC, hit.id]
    with qtbot.waitSignal(view.resultsShown, timeout=3000):
        view.set_query("introuvable")
    assert view.model.rowCount() == 0 and "introuvable" in view.message.text()


def test_note_is_there_in_a_new_window(qtbot: QtBot, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    store = NotesStore(paths)
    first = NotesPanel(NotesService(store))
    qtbot.addWidget(first)
    first.set_document(DOC, TEXT)
    first.new_note_action.trigger()
    type_text(qtbot, first, "écrit juste avant de quitter")
    first.close()  # closing saves what was typed
    store.close()

    reopened = NotesStore(paths)
    try:
        second = NotesPanel(NotesService(reopened))
        qtbot.addWidget(second)
        second.set_document(DOC, TEXT)
        assert second.model.rowCount() == 1
        note = second.model.note_at(0)
        assert note is not None and note.text == "écrit juste avant de quitter"
    finally:
        reopened.close()


def test_ctrl_z_in_the_notes_list_undoes_a_deletion_but_not_in_the_editor(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    a = store.add(DOC, "à garder", anchor=anchor_at(TEXT, 0, 14))
    b = store.add(DOC, "autre")
    panel.set_document(DOC, TEXT)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.select_note(a.id)
    panel.list_view.setFocus()
    qtbot.waitUntil(panel.list_view.hasFocus, timeout=1000)
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        qtbot.keyClick(panel.list_view, Qt.Key.Key_Delete)
    assert store.get(a.id).trashed
    # After a deletion the focus sits on the Undo button: Ctrl+Z there undoes it.
    assert panel.focusWidget() is panel.undo_button
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        qtbot.keyClick(panel.undo_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not store.get(a.id).trashed
    assert panel.model.row_of(a.id) == 0 and not panel.undo_bar.isVisible()

    # Deleted again, then back in the list: Ctrl+Z from the list.
    panel.select_note(a.id)
    panel.delete_action.trigger()
    panel.list_view.setFocus()
    qtbot.waitUntil(panel.list_view.hasFocus, timeout=1000)
    with qtbot.waitSignal(panel.notesChanged, timeout=1000):
        qtbot.keyClick(panel.list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not store.get(a.id).trashed

    # In the note editor Ctrl+Z undoes typing, never a deletion.
    panel.select_note(b.id)
    panel.delete_action.trigger()
    panel.select_note(a.id)
    panel.editor.body.setFocus()
    qtbot.waitUntil(panel.editor.body.hasFocus, timeout=1000)
    type_text(qtbot, panel, "!")
    assert panel.editor.body.toPlainText() == "!à garder"
    qtbot.keyClick(panel.editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.editor.body.toPlainText() == "à garder"
    assert store.get(b.id).trashed
