"""Reading status from the reader, in the real window: opening makes a document "reading",
reading it to its end "finished", and where the reader was is kept in the notes store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.core.notes.errors import NotesReadOnlyError
from app.core.notes.reading import ReadingState
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.core.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.reader import reading_record
from tests.conftest import CORPUS
from tests.gui.window_support import TIMEOUT, open_window


def other_document(window: MainWindow) -> str:
    current = window.current_document()
    return next(r.id for r in window.library.all() if r.id != current)


def scroll_to_end(window: MainWindow) -> None:
    bar = window.reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum())  # as a reader dragging the scrollbar to the end


def test_opening_a_document_makes_it_reading_today(qtbot: QtBot, window: MainWindow) -> None:
    first = window.current_document()
    assert first is not None
    opened = window.notes.reading_state(first)
    assert opened.status == "reading" and opened.last_read is not None

    second = other_document(window)
    assert window.notes.reading_state(second).status == "unread"
    changes: list[tuple[str, ReadingState]] = []
    window.reader_controller.readingChanged.connect(lambda d, s: changes.append((d, s)))
    window.open_document(second)
    assert window.notes.reading_state(second).status == "reading"
    # The one left is told first (its position), then the one opened: the list follows both.
    assert [(d, s.status) for d, s in changes][-1] == (second, "reading")
    assert first in [d for d, _ in changes]


def test_reading_to_the_end_marks_the_document_finished(qtbot: QtBot, window: MainWindow) -> None:
    doc_id = window.current_document()
    assert doc_id is not None
    qtbot.waitUntil(window.reader.is_typeset, timeout=TIMEOUT)
    assert window.reader.progress() < 1.0  # the article is longer than the view
    with qtbot.waitSignal(window.reader_controller.readingChanged, timeout=TIMEOUT) as changed:
        scroll_to_end(window)
    assert changed.args is not None and changed.args[0] == doc_id
    state = window.notes.reading_state(doc_id)
    assert state.status == "finished" and state.progress == 1.0
    assert window.statusBar().currentMessage() == "Marked as finished"


def test_the_position_is_kept_while_reading_not_only_on_leaving(
    qtbot: QtBot, data: DataPaths, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading_record, "SETTLE_MS", 20)
    doc_id = window.current_document()
    assert doc_id is not None
    qtbot.waitUntil(window.reader.is_typeset, timeout=TIMEOUT)
    changes: list[str] = []
    window.reader_controller.readingChanged.connect(lambda d, _s: changes.append(d))
    record = window.reader_controller._reading
    with qtbot.waitSignal(record.positionKept, timeout=TIMEOUT) as kept:
        bar = window.reader.browser.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)  # the reader scrolls, then stops
    assert kept.args == [doc_id]
    # On disk now, as a crash would find it: the window is still open.
    with Workspace(data, corpus_dir=CORPUS) as ws:
        state = ws.notes.reading_state(doc_id)
    assert state.position == window.reader.reading_position() > 0
    assert 0 < state.progress < 1
    assert changes == []  # a position moves no count: the list is not read again


def test_the_position_survives_closing_and_reopening(
    qtbot: QtBot, data: DataPaths, window: MainWindow
) -> None:
    doc_id = window.current_document()
    assert doc_id is not None
    qtbot.waitUntil(window.reader.is_typeset, timeout=TIMEOUT)
    bar = window.reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.waitUntil(lambda: window.reader.reading_position() > 0, timeout=TIMEOUT)
    position = window.reader.reading_position()
    window.close()

    with Workspace(data, corpus_dir=CORPUS) as ws:
        state = ws.notes.reading_state(doc_id)
    assert state.position == position and 0 < state.progress < 1
    assert not settings_positions(data)  # not in the settings file any more

    again = open_window(qtbot, data)
    try:
        assert again.current_document() == doc_id
        assert again.reader.reading_position() == position
    finally:
        again.close()


def settings_positions(data: DataPaths) -> dict[str, str]:
    settings = QSettings(str(data.settings_file), QSettings.Format.IniFormat)
    settings.beginGroup("positions")
    try:
        return {key: str(settings.value(key)) for key in settings.childKeys()}
    finally:
        settings.endGroup()


def test_positions_an_earlier_carnet_kept_in_its_settings_move_to_the_store(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        records = sorted(ws.library.all(), key=lambda r: r.id)
    left, other = records[0].id, records[1].id
    old = QSettings(str(data.settings_file), QSettings.Format.IniFormat)
    old.setValue(f"positions/{left}", 1234.0)  # as 0.x wrote them: an offset, as a float
    old.setValue(f"positions/{other}", 56)
    old.setValue("reader/last_document", left)
    old.sync()
    del old

    window = open_window(qtbot, data)
    try:
        assert window.current_document() == left
        state = window.notes.reading_state(left)
        assert state.status == "reading" and state.position == 1234
        assert window.reader.reading_position() == 1234  # back where it was left
        kept = window.notes.reading_state(other)
        assert (kept.status, kept.position) == ("reading", 56)
        assert settings_positions(data) == {}
    finally:
        window.close()
    # Moved once: the file has none left, and the store keeps what reading wrote since.
    assert settings_positions(data) == {}


def test_a_read_only_notes_store_does_not_stop_the_reading(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> ReadingState:
        raise NotesReadOnlyError("Notes cannot be saved: the data directory is read-only.")

    for name in ("document_opened", "save_position", "document_finished"):
        monkeypatch.setattr(window.notes, name, refuse)
    window.statusBar().clearMessage()
    second = other_document(window)
    window.open_document(second)
    assert window.current_document() == second  # still opens, still reads
    assert window.statusBar().currentMessage().startswith("Notes cannot be saved")

    window.statusBar().clearMessage()
    first = next(r.id for r in window.library.all() if r.id not in {second})
    window.open_document(first)
    assert window.current_document() == first
    assert window.statusBar().currentMessage() == ""  # said once, not at every opening


def test_positions_stay_in_the_settings_while_the_store_refuses_them(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        doc_id = ws.library.all()[0].id
    old = QSettings(str(data.settings_file), QSettings.Format.IniFormat)
    old.setValue(f"positions/{doc_id}", 321)
    old.sync()
    del old

    def refuse(*_args: object) -> ReadingState:
        raise NotesReadOnlyError("Notes cannot be saved: the data directory is read-only.")

    monkeypatch.setattr(NotesStore, "set_status", refuse)
    window = open_window(qtbot, data)
    try:
        assert window.notes.reading_state(doc_id).position == 0
        assert settings_positions(data) == {doc_id: "321"}  # for the next, writable, launch
    finally:
        window.close()


@pytest.fixture
def french_window(qtbot: QtBot, data: DataPaths) -> Iterator[MainWindow]:
    set_language("fr")  # before the widgets are built
    w = open_window(qtbot, data)
    yield w
    w.close()


def test_finished_is_said_in_french(qtbot: QtBot, french_window: MainWindow) -> None:
    window = french_window
    qtbot.waitUntil(window.reader.is_typeset, timeout=TIMEOUT)
    with qtbot.waitSignal(window.reader_controller.readingChanged, timeout=TIMEOUT):
        scroll_to_end(window)
    assert window.statusBar().currentMessage() == "Marqué comme terminé"
