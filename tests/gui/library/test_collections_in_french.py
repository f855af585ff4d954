"""The sidebar, its menus and messages in French and in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.core.paths import DataPaths
from app.ui.library import collection_dialogs
from app.ui.library.model import RECORD_ROLE, STATUS, TITLE
from tests.gui.library.collections_support import (
    action,
    drop_rows,
    key_named,
    section_labels,
    sidebar_rows,
)
from tests.gui.window_support import open_window

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "sections", "rows", "new", "added", "mark", "status"),
    [
        (
            "fr",
            ["Bibliothèque", "Listes automatiques", "Collections"],
            ["Tous les documents", "Articles fournis", "Non lu", "En cours", "Terminé"],
            "Nouvelle collection…",
            f"3 documents ajoutés à «{NBSP}Thèse{NBSP}».",
            ("Marquer comme", "Terminé"),
            "État",
        ),
        (
            "en",
            ["Library", "Smart Lists", "Collections"],
            ["All documents", "Bundled articles", "Unread", "Reading", "Finished"],
            "New Collection…",
            "3 documents added to “Thèse”.",
            ("Mark As", "Finished"),
            "Status",
        ),
    ],
)
def test_the_sidebar_speaks_the_language(  # noqa: PLR0917 - one row of the table
    qtbot: QtBot,
    data: DataPaths,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    sections: list[str],
    rows: list[str],
    new: str,
    added: str,
    mark: tuple[str, str],
    status: str,
) -> None:
    set_language(language)  # before the window: labels are translated as they are built
    window = open_window(qtbot, data)
    pane, sidebar = window.library_pane, window.library_pane.sidebar
    assert section_labels(sidebar) == sections
    assert set(rows) <= set(sidebar_rows(sidebar))
    monkeypatch.setattr(collection_dialogs, "ask_collection_name", lambda *_a, **_k: "Thèse")
    action(sidebar.context_menu(None), new).trigger()
    drop_rows(pane, [0, 1, 2], key_named(sidebar, "Thèse"))
    assert window.statusBar().currentMessage() == added
    assert sidebar_rows(sidebar)["Thèse"] == "3"
    record = pane.proxy.index(0, TITLE).data(RECORD_ROLE)
    action(pane.document_menu(record), *mark).trigger()
    row = pane.model.row_of(record.id)
    assert pane.model.index(row, STATUS).data() == mark[1]
    assert pane.model.headerData(STATUS, Qt.Orientation.Horizontal) == status
    window.close()
