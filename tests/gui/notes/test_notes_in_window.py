"""The window follows each note change from NotesService's signal, reading nothing again."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.ui.library.model import NOTES
from app.ui.main_window import MainWindow
from app.ui.reader.marks import MARK_ID
from tests.gui.reader_support import marks, select


def notes_cell(window: MainWindow, doc_id: str) -> str:
    model = window.library_pane.model
    return str(model.index(model.row_of(doc_id), NOTES).data())


def test_highlight_trash_and_undo_reach_the_reader_and_the_count_without_rereading(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = window.current_document()
    assert doc_id is not None and notes_cell(window, doc_id) == ""

    def reread(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("every note or count read again after one change")

    monkeypatch.setattr(window.notes, "list", reread)
    monkeypatch.setattr(window.notes, "count_by_document", reread)
    text = window.reader.text
    start = text.rindex("Blinken")
    select(window.reader, start, start + len("Blinken"))
    window.reader.request_highlight(False)
    note = window.notes_panel.model.note_at(0)
    assert note is not None
    assert marks(window.reader, "note") == [("Blinken", note.id)]
    assert notes_cell(window, doc_id) == "1"

    assert window.notes_panel.delete_note(note.id)
    assert marks(window.reader, "note") == []
    assert notes_cell(window, doc_id) == ""

    assert window.notes_panel.undo_delete()
    assert marks(window.reader, "note") == [("Blinken", note.id)]
    assert notes_cell(window, doc_id) == "1"


def test_a_colour_picked_in_the_editor_recolours_only_that_highlight(
    qtbot: QtBot, window: MainWindow
) -> None:
    text = window.reader.text
    start = text.rindex("Blinken")
    select(window.reader, start, start + len("Blinken"))
    window.reader.request_highlight(True)  # with a note: selected, editor focused
    panel = window.notes_panel
    note = panel.current_note()
    assert note is not None

    def colour() -> str:
        (mark,) = [
            s
            for s in window.reader.browser.extraSelections()
            if s.format.stringProperty(MARK_ID) == note.id
        ]
        return mark.format.background().color().name()

    before = colour()
    with qtbot.waitSignal(panel.notesChanged, timeout=2000):
        panel.editor.color_buttons["blue"].click()
        panel.flush()
    assert colour() != before
