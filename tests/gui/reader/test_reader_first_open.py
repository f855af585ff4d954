"""The reader's page put up a turn ahead of the first document (the import's first list)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.library.store import DocumentRecord
from tests.gui.reader_support import body_text, shown_reader


def record(doc_id: str = "d1") -> DocumentRecord:
    return DocumentRecord(
        id=doc_id,
        path="/tmp/x.txt",
        title="Un titre",
        source=None,
        date=None,
        words=2,
        reading_minutes=1,
        sha256="0",
    )


def test_page_goes_up_blank_then_the_document_fills_it(qtbot: QtBot) -> None:
    reader = shown_reader(qtbot)
    assert reader._empty.isVisible()
    reader.show_page()
    assert reader.browser.isVisible() and not reader._empty.isVisible()
    assert reader.document_id() is None  # nothing is open yet: the window still opens one
    reader.show_document(record(), "Du texte.")
    assert body_text(reader) == "Du texte."


def test_a_page_put_up_for_nothing_goes_back_to_the_hint(qtbot: QtBot) -> None:
    reader = shown_reader(qtbot)
    reader.show_page()
    reader.clear()  # the document to open left the library meanwhile
    assert reader._empty.isVisible()
    assert reader._empty.text() == "Choose a document to read"


def test_an_open_document_stays_as_it_is(qtbot: QtBot) -> None:
    reader = shown_reader(qtbot)
    reader.show_document(record(), "Du texte.")
    reader.show_page()
    assert reader.document_id() == "d1"
    assert body_text(reader) == "Du texte."
