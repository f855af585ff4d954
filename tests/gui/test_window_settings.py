"""What the window remembers between launches, and files dropped on it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from app.core.paths import DataPaths
from app.ui.main_window import MainWindow
from app.ui.reader.view import DEFAULT_FONT_SIZE
from app.ui.search.scopes import DEFAULT_SCOPE
from app.ui.settings import UiSettings
from tests.gui.window_support import INDEXING_TIMEOUT, TIMEOUT, open_window


def test_the_window_comes_back_as_it_was_left(
    qtbot: QtBot, data: DataPaths, window: MainWindow
) -> None:
    model = window.library_pane.model
    first = window.current_document()
    other = next(model.record(r).id for r in range(model.rowCount()) if model.record(r).id != first)
    window.open_document(other)
    window.actions_.zoom_in.trigger()
    zoomed = window.reader.font_size()
    {a.data(): a for a in window.actions_.themes.actions()}["sepia"].trigger()
    window.scope_combo.setCurrentIndex(window.scope_combo.findData("notes"))
    split = window.library_pane.splitter
    total = sum(split.sizes())
    split.setSizes([total // 4, total - total // 4])
    sidebar = split.sizes()[0]
    # each differs from what a first launch shows
    assert other != first and zoomed != DEFAULT_FONT_SIZE
    assert window.reader.theme() == "sepia" and window.scope_combo.currentData() == "notes"
    window.close()

    again = open_window(qtbot, data)
    try:
        assert again.current_document() == other
        assert again.reader.font_size() == zoomed
        assert again.reader.theme() == "sepia"
        checked = [a.data() for a in again.actions_.themes.actions() if a.isChecked()]
        assert checked == ["sepia"]
        assert again.scope_combo.currentData() == "notes"
        assert again.library_pane.splitter.sizes()[0] == sidebar
    finally:
        again.close()


def test_a_scope_carnet_does_not_know_reads_as_the_default(tmp_path: Path) -> None:
    settings = UiSettings(tmp_path / "settings.ini")
    settings.scope = "notes"
    assert settings.scope == "notes"
    settings.scope = "tout"  # a settings file edited by hand, or from another version
    assert settings.scope == DEFAULT_SCOPE


def test_files_dropped_on_the_window_are_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    article = tmp_path / "déposé.txt"
    article.write_text("Un texte déposé\n\nIl parle de Zanzibar.\n", "utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/pas-un-fichier"), QUrl.fromLocalFile(str(article))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    nothing = QMimeData()
    nothing.setUrls([QUrl("https://example.org/pas-un-fichier")])
    ignored = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        nothing,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    window.dropEvent(ignored)
    assert not ignored.isAccepted()
    assert not any(m.startswith("Importing") for m in said)  # no file: nothing to import
    model = window.library_pane.model
    assert model.rowCount() == 5
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        window.dropEvent(drop)
    assert drop.isAccepted()
    assert "Importing 1 item…" in said
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=TIMEOUT)
    assert any(r.path == str(article) for r in window.library.all())
