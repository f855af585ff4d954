"""The mark before a title in the library list: what has been read, at a glance."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.core.library.records import DocumentRecord
from app.core.notes.reading import ReadingState
from app.ui.library.model import TITLE, DocumentListModel
from app.ui.library.status_marks import mark_size
from app.ui.main_window import MainWindow
from app.ui.themes import THEMES
from app.ui.window_palette import window_palette


def record(doc_id: str, title: str) -> DocumentRecord:
    return DocumentRecord(doc_id, f"/docs/{doc_id}.txt", title, None, None, 10, 1, doc_id)


RECORDS = [record("a", "Agriculture"), record("b", "Budget"), record("c", "Climat")]
STATES = {"a": ReadingState("a", "finished"), "b": ReadingState("b", "reading")}


def model_with(states: dict[str, ReadingState]) -> DocumentListModel:
    model = DocumentListModel()
    model.set_records(RECORDS, {}, states=states)
    return model


def mark(model: DocumentListModel, doc_id: str) -> QIcon | None:
    return model.index(model.row_of(doc_id), TITLE).data(Qt.ItemDataRole.DecorationRole)


def pixels(icon: QIcon) -> QImage:
    return icon.pixmap(QSize(mark_size(), mark_size())).toImage()


def invisible(icon: QIcon | None) -> bool:
    """No mark to see: none at all, or only the room of one (every pixel transparent)."""
    if icon is None:
        return True
    image = pixels(icon)
    size = range(image.width())
    return all(image.pixelColor(x, y).alpha() == 0 for x in size for y in size)


def tooltip_text(model: DocumentListModel, doc_id: str) -> str:
    html = model.index(model.row_of(doc_id), TITLE).data(Qt.ItemDataRole.ToolTipRole)
    # The plain text of the rich tooltip turns no-break spaces into plain ones.
    return QTextDocumentFragment.fromHtml(html).toPlainText().replace("\u00a0", " ")


def test_unread_rows_have_no_mark_reading_and_finished_have_distinct_ones(
    qtbot: QtBot,
) -> None:
    fresh = model_with({})
    assert mark(fresh, "c") is None  # nothing read yet: the list looks as it always did
    model = model_with(STATES)
    # Unread shows nothing, only keeps the room so its title stays in line with the others.
    unread = mark(model, "c")
    assert invisible(unread) and unread is not None
    assert unread.actualSize(QSize(64, 64)) == QSize(mark_size(), mark_size())
    reading, finished = mark(model, "b"), mark(model, "a")
    assert isinstance(reading, QIcon) and isinstance(finished, QIcon)
    assert not invisible(reading) and not invisible(finished)
    assert pixels(reading) != pixels(finished)
    # Small beside the title: it must not take its room (about 10–12 px at the usual font).
    assert 10 <= mark_size() <= 14
    assert reading.actualSize(QSize(64, 64)).width() <= 16
    # Only the title carries it.
    assert model.index(model.row_of("b"), 1).data(Qt.ItemDataRole.DecorationRole) is None


def test_tooltip_and_accessible_text_name_the_status_in_english_and_french(
    qtbot: QtBot,
) -> None:
    model = model_with(STATES)
    assert tooltip_text(model, "b") == "Budget\nStatus: Reading\n/docs/b.txt"
    assert tooltip_text(model, "c") == "Climat\n/docs/c.txt"  # unread says nothing
    accessible = Qt.ItemDataRole.AccessibleTextRole
    assert model.index(model.row_of("a"), TITLE).data(accessible) == "Agriculture (Finished)"
    set_language("fr")
    assert tooltip_text(model, "a") == "Agriculture\nÉtat : Terminé\n/docs/a.txt"
    assert model.index(model.row_of("b"), TITLE).data(accessible) == "Budget (En cours)"


def test_a_status_change_updates_the_rows_mark(qtbot: QtBot) -> None:
    model = model_with({})
    assert mark(model, "c") is None
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        model.set_reading_states({"c": ReadingState("c", "reading")})
    top_left, bottom_right = changed.args[:2]
    assert top_left.column() <= TITLE <= bottom_right.column()
    assert top_left.row() <= model.row_of("c") <= bottom_right.row()
    reading = mark(model, "c")
    assert reading is not None
    model.set_reading_states({"c": ReadingState("c", "finished")})
    finished = mark(model, "c")
    assert finished is not None and pixels(finished) != pixels(reading)
    model.set_reading_states({})
    assert mark(model, "c") is None  # nothing marked any more: no room kept either


def test_marks_follow_the_theme(qtbot: QtBot) -> None:
    model = model_with(STATES)
    QApplication.setPalette(window_palette(THEMES["light"]))
    try:
        light = pixels(mark(model, "b") or QIcon())
        QApplication.setPalette(window_palette(THEMES["dark"]))
        dark = pixels(mark(model, "b") or QIcon())
    finally:
        QApplication.setPalette(QApplication.style().standardPalette())
    assert not light.isNull() and light != dark
    # Light ink on the dark page, dark ink on the light one: the filled left half shows it.
    middle = mark_size() // 2
    assert dark.pixelColor(middle - 2, middle).lightness() > 128
    assert light.pixelColor(middle - 2, middle).lightness() < 128


def test_marking_a_document_finished_from_its_menu_marks_its_title(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.library_pane
    model = pane.model
    opened = window.current_document()  # opened at start: already "reading"
    record = next(r for r in model.records() if r.id != opened)
    assert invisible(mark(model, record.id))
    menu = pane.document_menu(record)
    mark_as = next(a.menu() for a in menu.actions() if a.text().replace("&", "") == "Mark As")
    assert isinstance(mark_as, QMenu)
    finished = next(a for a in mark_as.actions() if a.text() == "Finished")
    finished.trigger()
    qtbot.waitUntil(lambda: not invisible(mark(model, record.id)), timeout=2000)
    assert "Status: Finished" in tooltip_text(model, record.id)
