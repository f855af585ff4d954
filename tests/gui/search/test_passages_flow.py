"""A long document in the results shows its passages; opening it goes to the best one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.paths import DataPaths
from app.core.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.conftest import CORPUS
from tests.gui.window_support import open_window, search
from tests.unit.search.test_passages import make_book


@pytest.fixture
def book_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    book = make_book(40, {5: "Un paquet suffit.", 30: "Le pare-feu filtre chaque paquet."})
    path = tmp_path / "livre.md"
    path.write_text(book, encoding="utf-8")
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        ws.import_paths([path])
        ws.sync_index()
    w = open_window(qtbot, data)
    yield w
    w.close()


def test_opening_a_book_result_goes_to_its_best_passage(
    qtbot: QtBot, book_window: MainWindow
) -> None:
    search(qtbot, book_window, "pare-feu paquet")
    item = book_window.library_pane.results_model.item(0)
    assert "<i>Chapitre 30</i>" in item.snippet_html
    assert "<i>Chapitre 5</i>" in item.snippet_html
    book_window.open_top_result()
    reader = book_window.reader
    qtbot.waitUntil(lambda: reader.hit_count() > 0)
    # Hits in chapter 5 come first in the text; the reader starts at chapter 30's.
    assert reader.current_hit_index() > 0
    assert reader.current_hit().lower().startswith(("pare", "paquet"))


def test_a_click_on_a_passage_opens_the_book_there(qtbot: QtBot, book_window: MainWindow) -> None:
    from PySide6.QtCore import QPoint, Qt  # noqa: PLC0415
    from PySide6.QtTest import QTest  # noqa: PLC0415

    search(qtbot, book_window, "pare-feu paquet")
    pane = book_window.library_pane
    item = pane.results_model.item(0)
    assert len(item.passage_offsets) >= 2
    view = pane.results
    rect = view.visualRect(pane.results_model.index(0, 0))
    reader = book_window.reader
    shown = book_window.library.text(item.doc_id)

    def chapter_of(offset: int) -> str:
        return shown[shown.rfind("Chapitre", 0, offset + 1) :].split("\n", 1)[0]

    def chapter_at_current_hit() -> str:
        start = reader.current_hit_start()
        return chapter_of(start) if start is not None else ""

    # Each passage is a line of the row under the title and source: click the last one.
    wanted = chapter_of(item.passage_offsets[-1])
    point = QPoint(rect.center().x(), rect.bottom() - 12)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: reader.hit_count() > 0)
    qtbot.waitUntil(lambda: chapter_at_current_hit() == wanted)
    assert wanted != chapter_of(item.offset)  # not where Enter (the best passage) goes
