"""Reading progress in the reader: the figure at its foot, progressChanged as the reader
moves, and endReached once per opening when the end of the text comes into view."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.core.library.store import DocumentRecord
from app.ui.reader.view import ReaderView
from app.ui.themes import THEMES
from tests.gui.reader_support import shown_reader

TIMEOUT = 10_000
NNBSP = "\u202f"
PARAGRAPH = (
    "Le chef de la diplomatie américaine s’entretenait avec son vis-à-vis russe, "
    "et la négociation reprenait avec des mots ordinaires, pesés un à un. "
)


def record(doc_id: str = "d1", fmt: str = "txt") -> DocumentRecord:
    return DocumentRecord(
        id=doc_id,
        path=f"/tmp/{doc_id}.{fmt}",
        title="Un long texte",
        source=None,
        date=None,
        words=50_000,
        reading_minutes=200,
        sha256="0" * 64,
        format=fmt,
    )


def long_text(paragraphs: int = 1500) -> str:
    """About 300,000 characters: the first screen is well under 1 % of it."""
    return "\n\n".join(f"{n}. {PARAGRAPH * 2}" for n in range(paragraphs))


def paged_text(pages: int = 40) -> str:
    return "\f".join(
        "\n\n".join(f"Page {p}, paragraphe {k}. {PARAGRAPH}" for k in range(3))
        for p in range(1, pages + 1)
    )


class Seen:
    """What the reader reported: every progressChanged and endReached, in order."""

    def __init__(self, view: ReaderView) -> None:
        self.progress: list[float] = []
        self.ends: list[str] = []
        view.progressChanged.connect(self.progress.append)
        view.endReached.connect(self.ends.append)


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    return shown_reader(qtbot)


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("en")


def open_typeset(qtbot: QtBot, view: ReaderView, doc_id: str = "d1", text: str = "") -> None:
    """Open a document and wait until the whole of it is typeset."""
    text = text or long_text()
    with qtbot.waitSignal(view.typesetFinished, timeout=TIMEOUT):
        view.show_document(record(doc_id), text)


def scroll_to_bottom(view: ReaderView) -> None:
    bar = view.browser.verticalScrollBar()
    bar.setValue(bar.maximum())


def test_opening_a_long_document_shows_0_percent_and_reports_nothing(
    qtbot: QtBot, reader: ReaderView
) -> None:
    seen = Seen(reader)
    open_typeset(qtbot, reader)
    QApplication.processEvents()
    assert reader.progress() < 0.01
    assert reader.progress_label.isVisible()
    assert reader.progress_label.text() == "0%"
    assert reader.progress_label.toolTip() == "0% read"
    assert seen.progress == [] and seen.ends == []


def test_scrolling_to_the_end_reports_it_once_and_shows_100_percent(
    qtbot: QtBot, reader: ReaderView
) -> None:
    open_typeset(qtbot, reader)
    seen = Seen(reader)
    with qtbot.waitSignal(reader.endReached, timeout=TIMEOUT) as reached:
        scroll_to_bottom(reader)
    assert reached.args == ["d1"]
    assert reader.progress() == 1.0
    assert reader.progress_label.text() == "100%"
    assert seen.progress[-1] == 1.0

    # Up a few pages and back down again: the same opening, no second report.
    for _ in range(3):
        QTest.keyClick(reader.browser, Qt.Key.Key_PageUp)
    assert reader.progress() < 1.0
    assert reader.progress_label.text() == "99%"
    QTest.keyClick(reader.browser, Qt.Key.Key_End)
    assert reader.progress() == 1.0
    assert seen.ends == ["d1"]


def test_the_end_key_goes_to_the_end_of_a_book_still_being_typeset(
    qtbot: QtBot, reader: ReaderView
) -> None:
    reader.show_document(record(), long_text(3000))
    assert not reader.is_typeset()  # else this would test a plain scroll
    with qtbot.waitSignal(reader.endReached, timeout=TIMEOUT) as reached:
        QTest.keyClick(reader.browser, Qt.Key.Key_End)
    assert reached.args == ["d1"]
    assert reader.is_typeset()
    assert reader.progress_label.text() == "100%"
    QTest.keyClick(reader.browser, Qt.Key.Key_Home)
    assert reader.progress_label.text() == "0%"
    assert reader.browser.verticalScrollBar().value() == 0


def test_another_document_starts_again_from_nothing(qtbot: QtBot, reader: ReaderView) -> None:
    open_typeset(qtbot, reader, "d1")
    seen = Seen(reader)
    with qtbot.waitSignal(reader.endReached, timeout=TIMEOUT):
        scroll_to_bottom(reader)
    open_typeset(qtbot, reader, "d2")
    assert reader.progress_label.text() == "0%"
    assert seen.ends == ["d1"]
    with qtbot.waitSignal(reader.endReached, timeout=TIMEOUT) as reached:
        scroll_to_bottom(reader)
    assert reached.args == ["d2"]
    assert seen.ends == ["d1", "d2"]


def test_a_short_note_that_fits_is_not_finished_by_a_glance(
    qtbot: QtBot, reader: ReaderView
) -> None:
    seen = Seen(reader)
    reader.show_document(record("note"), "Une note brève, lue d’un coup d’œil.")
    QApplication.processEvents()
    assert reader.is_typeset()
    assert reader.progress() == 1.0  # all of it is in view
    assert reader.progress_label.text() == "100%"
    QTest.keyClick(reader.browser, Qt.Key.Key_PageDown)  # nowhere to go: no movement
    assert seen.ends == []
    assert seen.progress == []


def test_scrolling_reports_progress_once_per_percent(qtbot: QtBot, reader: ReaderView) -> None:
    open_typeset(qtbot, reader)
    seen = Seen(reader)
    with qtbot.waitSignal(reader.progressChanged, timeout=TIMEOUT) as moved:
        QTest.keyClick(reader.browser, Qt.Key.Key_PageDown)
    assert 0.0 < moved.args[0] < 0.1
    bar = reader.browser.verticalScrollBar()
    pixels = bar.maximum() // 20  # about 5 % of the text, a pixel at a time
    for _ in range(pixels):
        bar.setValue(bar.value() + 1)
    wholes = [int(value * 100) for value in seen.progress]
    assert 4 <= len(wholes) <= 8  # hundreds of scroll steps, a handful of reports
    assert wholes == sorted(set(wholes))  # each percent once, in order
    assert reader.progress_label.text() == f"{wholes[-1]}%"


def test_a_position_restored_at_the_end_is_finished_only_when_the_reader_moves(
    qtbot: QtBot, reader: ReaderView
) -> None:
    seen = Seen(reader)
    text = long_text()
    open_typeset(qtbot, reader, text=text)
    reader.restore_position(len(text) - 10)
    QApplication.processEvents()
    assert reader.progress() == 1.0
    assert seen.ends == []
    with qtbot.waitSignal(reader.endReached, timeout=TIMEOUT):
        QTest.keyClick(reader.browser, Qt.Key.Key_Up)
        QTest.keyClick(reader.browser, Qt.Key.Key_Down)
    assert seen.ends == ["d1"]


def test_going_to_the_last_page_reaches_the_end_and_shows_the_page(
    qtbot: QtBot, reader: ReaderView
) -> None:
    text = paged_text(40)
    with qtbot.waitSignal(reader.typesetFinished, timeout=TIMEOUT):
        reader.show_document(record("p1", "pdf"), text)
    assert reader.progress_label.text().startswith("p. 1 / 40 · ")
    with qtbot.waitSignal(reader.endReached, timeout=TIMEOUT) as reached:
        reader.go_to_offset(text.rindex("\f") + 1)
    assert reached.args == ["p1"]
    assert reader.progress_label.text() == "p. 40 / 40 · 100%"
    assert reader.progress_label.toolTip() == "Page 40 of 40, 100% read"


def test_finding_a_word_at_the_end_reaches_it(qtbot: QtBot, reader: ReaderView) -> None:
    text = long_text() + "\n\nFin du texte : épilogue."
    open_typeset(qtbot, reader, text=text)
    with qtbot.waitSignal(reader.endReached, timeout=TIMEOUT):
        reader.open_find()
        reader.find_bar.field.setText("épilogue")
    assert reader.progress_label.text() == "100%"


def test_the_figure_follows_the_theme_and_leaves_with_the_document(
    qtbot: QtBot, reader: ReaderView
) -> None:
    open_typeset(qtbot, reader)
    reader.set_theme("dark")
    palette = reader.progress_label.palette()
    assert palette.color(QPalette.ColorRole.WindowText).name() == THEMES["dark"].muted
    assert palette.color(QPalette.ColorRole.Window).name() == THEMES["dark"].background
    assert reader.progress_label.text() == "0%"
    reader.clear()
    assert not reader.progress_label.isVisible()
    assert reader.progress() == 0.0


def test_the_figure_in_french(qtbot: QtBot, french: None) -> None:
    reader = shown_reader(qtbot)
    assert reader.progress_label.accessibleName() == "Progression de la lecture"
    open_typeset(qtbot, reader)
    assert reader.progress_label.text() == f"0{NNBSP}%"
    assert reader.progress_label.toolTip() == f"0{NNBSP}% lu"
    text = paged_text(40)
    with qtbot.waitSignal(reader.typesetFinished, timeout=TIMEOUT):
        reader.show_document(record("p1", "pdf"), text)
    with qtbot.waitSignal(reader.endReached, timeout=TIMEOUT):
        reader.go_to_offset(text.rindex("\f") + 1)
    assert reader.progress_label.text() == f"p. 40 / 40 · 100{NNBSP}%"
    assert reader.progress_label.toolTip() == f"Page 40 sur 40, 100{NNBSP}% lu"
