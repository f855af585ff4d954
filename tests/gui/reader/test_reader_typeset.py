"""A long document is typeset in slices: the window never freezes, and every position-based
feature (notes, search hits, find, reading position, go to a note) works while it lands."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app.core.library.store import DocumentRecord
from app.core.notes import Note
from app.core.notes.anchoring import Anchor
from app.core.search.analysis import query_terms
from app.ui.reader.typeset import FIRST_SLICE_CHARS
from app.ui.reader.view import ReaderView
from tests.gui.reader_support import marks, shown_reader

TIMEOUT = 20_000
PARAGRAPH = (
    "Paragraphe {i} : le chef de la diplomatie s’entretenait avec son homologue, "
    "et la négociation reprenait lentement.\nUne deuxième ligne du même paragraphe.\n\n"
)
# About 20 slices: far more than the first one, so the end arrives well after the call.
LONG = "".join(PARAGRAPH.format(i=i) for i in range(4_000)) + "Fin : Zanzibar, enfin Zanzibar."
FAR = LONG.index("Paragraphe 3900 ")


def record() -> DocumentRecord:
    return DocumentRecord(
        id="long",
        path="/tmp/long.txt",
        title="Un long livre",
        source="",
        date="",
        words=len(LONG.split()),
        reading_minutes=120,
        sha256="0" * 64,
    )


def note_on(quote: str, at: int, n: int = 1) -> Note:
    start = LONG.index(quote, at)
    anchor = Anchor(quote, "", "", start, start + len(quote), "")
    return Note(f"{n:032x}", "long", "", (), "", "", anchor=anchor)


def top_offset(view: ReaderView) -> int:
    return view.qt_to_py(view.browser.top_position())


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    return shown_reader(qtbot)


def test_long_text_shows_its_first_screen_at_once_and_the_rest_in_slices(
    reader: ReaderView, qtbot: QtBot
) -> None:
    assert len(LONG) > 10 * FIRST_SLICE_CHARS
    reader.show_document(record(), LONG)
    # The call returns with the beginning in view and the rest still to come.
    assert not reader.is_typeset()
    doc = reader.browser.document()
    assert doc.firstBlock().text() == "Un long livre"
    assert "Paragraphe 0 : le chef" in doc.toPlainText()
    assert "Zanzibar" not in doc.toPlainText()
    with qtbot.waitSignal(reader.typesetFinished, timeout=TIMEOUT):
        pass
    assert reader.is_typeset()
    shown = doc.toPlainText()
    assert shown.split()[6:] == LONG.split()  # after title and source line: every word
    cursor = QTextCursor(doc)
    cursor.setPosition(reader.py_to_qt(LONG.index("Zanzibar")))
    cursor.setPosition(reader.py_to_qt(LONG.index("Zanzibar") + 8), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "Zanzibar"


def test_notes_and_going_to_a_note_while_typesetting(reader: ReaderView, qtbot: QtBot) -> None:
    reader.show_document(record(), LONG)
    near = note_on("le chef de la diplomatie", 0, 1)
    far = note_on("son homologue", FAR, 2)
    reader.set_note_highlights([near, far])
    assert reader.select_note(far.id)  # before its text is there
    assert not reader.is_typeset()
    with qtbot.waitSignal(reader.typesetFinished, timeout=TIMEOUT):
        pass
    assert sorted(marks(reader, "note")) == [("le chef de la diplomatie", near.id)]
    assert marks(reader, "note-current") == [("son homologue", far.id)]
    # The view went to the far note once it arrived.
    assert abs(top_offset(reader) - far.anchor.start) < 2_000  # type: ignore[union-attr]


def test_marks_reach_the_text_a_jump_goes_to_before_typesetting_ends(
    reader: ReaderView, qtbot: QtBot
) -> None:
    middle = note_on("son homologue", LONG.index("Paragraphe 1000 "), 3)
    reader.show_document(record(), LONG)
    reader.set_note_highlights([middle])
    assert reader.select_note(middle.id)
    assert marks(reader, "note-current") == [("", middle.id)]  # its text is not there yet
    qtbot.waitUntil(lambda: abs(top_offset(reader) - middle.anchor.start) < 2_000, timeout=TIMEOUT)  # type: ignore[union-attr]
    # Three quarters of the book are still to come: the jump landed on a marked note.
    assert not reader.is_typeset()
    assert marks(reader, "note-current") == [("son homologue", middle.id)]


def test_restoring_the_reading_position_while_typesetting(reader: ReaderView, qtbot: QtBot) -> None:
    reader.show_document(record(), LONG)
    reader.restore_position(FAR)
    assert reader.reading_position() == FAR
    with qtbot.waitSignal(reader.typesetFinished, timeout=TIMEOUT):
        pass
    qtbot.waitUntil(lambda: abs(top_offset(reader) - FAR) < 200, timeout=TIMEOUT)
    assert reader.reading_position() == FAR


def test_search_hits_and_find_while_typesetting(reader: ReaderView, qtbot: QtBot) -> None:
    reader.show_document(record(), LONG)
    reader.set_search_terms(query_terms("zanzibar"))
    assert reader.hit_count() == 2 and reader.current_hit_index() == 0
    reader.open_find()
    reader.find_bar.field.setText("enfin zanzibar")
    assert reader.find_count() == 1
    assert not reader.is_typeset()
    with qtbot.waitSignal(reader.typesetFinished, timeout=TIMEOUT):
        pass
    assert [t for t, _ in marks(reader, "hit")] == ["Zanzibar", "Zanzibar"]
    assert [t for t, _ in marks(reader, "find-current")] == ["enfin Zanzibar"]
    qtbot.waitUntil(lambda: top_offset(reader) > FAR, timeout=TIMEOUT)
    reader.close_find()
    reader.next_hit()
    assert reader.current_hit_index() == 1
    assert [t for t, _ in marks(reader, "hit-current")] == ["Zanzibar"]


def test_a_new_document_stops_the_slices_of_the_previous_one(
    reader: ReaderView, qtbot: QtBot
) -> None:
    reader.show_document(record(), LONG)
    short = DocumentRecord("s", "/tmp/s.txt", "Court", "", "", 3, 1, "0" * 64)
    reader.show_document(short, "Trois petits mots.")
    assert reader.is_typeset()
    with qtbot.assertNotEmitted(reader.typesetFinished, wait=300):
        pass
    assert reader.browser.document().toPlainText().endswith("Trois petits mots.")
    assert "Paragraphe" not in reader.browser.document().toPlainText()
