"""Nesting a collection by dragging its row in the sidebar: onto another collection (it
goes inside) or onto the Collections header (back to the top level); the store decides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.core.paths import DataPaths
from app.ui.library.model import DOC_ID_ROLE, TITLE
from app.ui.library.sidebar import GroupSidebar
from app.ui.library.sidebar_model import KEY_ROLE, NAME, SECTION_COLLECTIONS
from app.ui.main_window import MainWindow
from tests.gui.library.collections_support import drop_rows, key_named, sidebar_rows
from tests.gui.window_support import open_window

NBSP = "\u00a0"
COPY = Qt.DropAction.CopyAction


def dragged(sidebar: GroupSidebar, name: str) -> QMimeData:
    """What the sidebar's drag of that collection's row carries (both columns, as a row)."""
    model = sidebar.sidebar_model
    name_index = model.index_of(key_named(sidebar, name))
    return model.mimeData([name_index, name_index.siblingAtColumn(1)])


def header(sidebar: GroupSidebar) -> QModelIndex:
    model = sidebar.sidebar_model
    return next(
        model.index(row, NAME)
        for row in range(model.rowCount())
        if model.index(row, NAME).data(KEY_ROLE) == SECTION_COLLECTIONS
    )


def drop_collection(sidebar: GroupSidebar, name: str, target: QModelIndex) -> None:
    """Drag ``name``'s row onto ``target``, as the view delivers a drop on a row."""
    model, mime = sidebar.sidebar_model, dragged(sidebar, name)
    assert model.canDropMimeData(mime, COPY, -1, -1, target)
    model.dropMimeData(mime, COPY, -1, -1, target)


def children_of(sidebar: GroupSidebar, name: str) -> list[str]:
    model = sidebar.sidebar_model
    index = model.index_of(key_named(sidebar, name))
    return [str(model.index(row, NAME, index).data()) for row in range(model.rowCount(index))]


def top_level(sidebar: GroupSidebar) -> list[str]:
    model, section = sidebar.sidebar_model, header(sidebar)
    rows = (model.index(row, NAME, section) for row in range(model.rowCount(section)))
    return [str(i.data()) for i in rows if model.key_at(i) is not None]


def filled(window: MainWindow) -> tuple[str, str]:
    """Thèse with documents 0 and 2, Ukraine with document 4: keys of both."""
    notes, pane = window.notes, window.library_pane
    ids = [pane.proxy.index(row, TITLE).data(DOC_ID_ROLE) for row in (0, 2, 4)]
    notes.create_collection("Thèse")
    notes.create_collection("Ukraine")
    notes.add_to_collection("Thèse", ids[:2])
    notes.add_to_collection("Ukraine", ids[2:])
    pane.refresh_groups()
    sidebar = pane.sidebar
    return key_named(sidebar, "Thèse"), key_named(sidebar, "Ukraine")


def test_a_collection_dragged_onto_another_goes_inside_and_back_out(
    window: MainWindow,
) -> None:
    sidebar = window.library_pane.sidebar
    thesis, ukraine = filled(window)
    assert sidebar_rows(sidebar)["Thèse"] == "2"
    assert sidebar.sidebar_model.flags(sidebar.sidebar_model.index_of(ukraine)) & (
        Qt.ItemFlag.ItemIsDragEnabled
    )

    drop_collection(sidebar, "Ukraine", sidebar.sidebar_model.index_of(thesis))
    assert window.statusBar().currentMessage() == "“Ukraine” is now in “Thèse”."
    found = window.notes.find_collection("Ukraine")
    assert found is not None and found.parent == thesis.removeprefix("collection:")
    assert children_of(sidebar, "Thèse") == ["Ukraine"]
    assert "Ukraine" not in top_level(sidebar)
    assert sidebar_rows(sidebar)["Thèse"] == "3"  # its child's document counted
    assert sidebar_rows(sidebar)["Ukraine"] == "1"

    # Already there: dropping it on its parent again means nothing, so it is not offered.
    model = sidebar.sidebar_model
    assert not model.canDropMimeData(
        dragged(sidebar, "Ukraine"), COPY, -1, -1, model.index_of(thesis)
    )

    drop_collection(sidebar, "Ukraine", header(sidebar))
    assert window.statusBar().currentMessage() == "“Ukraine” is now a top-level collection."
    found = window.notes.find_collection("Ukraine")
    assert found is not None and found.parent is None
    assert children_of(sidebar, "Thèse") == []
    assert set(top_level(sidebar)) == {"Thèse", "Ukraine"}
    assert sidebar_rows(sidebar)["Thèse"] == "2"


def test_a_refused_move_changes_nothing_and_says_why(window: MainWindow) -> None:
    notes, sidebar = window.notes, window.library_pane.sidebar
    _thesis, ukraine = filled(window)
    notes.create_collection("Chapitre 1", "Thèse")
    window.library_pane.refresh_groups()
    before = (sidebar_rows(sidebar), children_of(sidebar, "Thèse"), top_level(sidebar))

    # A collection that holds another cannot go inside one: one level only.
    drop_collection(sidebar, "Thèse", sidebar.sidebar_model.index_of(ukraine))
    assert window.statusBar().currentMessage() == (
        "This collection holds other collections; collections nest one level deep."
    )
    # Nor can anything go inside a collection that is itself inside another.
    drop_collection(
        sidebar, "Ukraine", sidebar.sidebar_model.index_of(key_named(sidebar, "Chapitre 1"))
    )
    assert "one level deep" in window.statusBar().currentMessage()

    assert (sidebar_rows(sidebar), children_of(sidebar, "Thèse"), top_level(sidebar)) == before
    assert notes.find_collection("Thèse").parent is None  # type: ignore[union-attr]
    assert notes.find_collection("Ukraine").parent is None  # type: ignore[union-attr]


def test_documents_dropped_on_collections_still_go_in(window: MainWindow) -> None:
    pane, sidebar = window.library_pane, window.library_pane.sidebar
    thesis, ukraine = filled(window)
    drop_collection(sidebar, "Ukraine", sidebar.sidebar_model.index_of(thesis))

    drop_rows(pane, [1, 3], ukraine)  # onto the child, now inside Thèse
    assert window.statusBar().currentMessage() == "2 documents added to “Ukraine”."
    assert sidebar_rows(sidebar)["Ukraine"] == "3"
    assert sidebar_rows(sidebar)["Thèse"] == "5"

    # Documents are no collection: the Collections header does not take them.
    mime = pane.proxy.mimeData([pane.proxy.index(0, TITLE)])
    assert not sidebar.sidebar_model.canDropMimeData(mime, COPY, -1, -1, header(sidebar))


@pytest.mark.parametrize(
    ("language", "inside", "out"),
    [
        (
            "fr",
            f"«{NBSP}Chapitre 1{NBSP}» est maintenant dans «{NBSP}Thèse{NBSP}».",
            f"«{NBSP}Chapitre 1{NBSP}» est maintenant une collection de premier niveau.",
        ),
        (
            "en",
            "“Chapitre 1” is now in “Thèse”.",
            "“Chapitre 1” is now a top-level collection.",
        ),
    ],
)
def test_the_move_is_said_in_the_language(
    qtbot: QtBot, data: DataPaths, language: str, inside: str, out: str
) -> None:
    set_language(language)  # before the window: labels are translated as they are built
    window = open_window(qtbot, data)
    window.notes.create_collection("Thèse")
    window.notes.create_collection("Chapitre 1")
    window.library_pane.refresh_groups()
    sidebar = window.library_pane.sidebar
    drop_collection(
        sidebar, "Chapitre 1", sidebar.sidebar_model.index_of(key_named(sidebar, "Thèse"))
    )
    assert window.statusBar().currentMessage() == inside
    drop_collection(sidebar, "Chapitre 1", header(sidebar))
    assert window.statusBar().currentMessage() == out
    window.close()


def drop_on_view(sidebar: GroupSidebar, mime: QMimeData, target: QModelIndex) -> None:
    """A drop as the view receives it from the mouse: its row's flags and rules apply."""
    sidebar.scrollTo(target)
    pos = QPointF(sidebar.visualRect(target).center())
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(
        sidebar.viewport(), QDragEnterEvent(pos.toPoint(), COPY, mime, buttons, mods)
    )
    move = QDragMoveEvent(pos.toPoint(), COPY, mime, buttons, mods)
    QApplication.sendEvent(sidebar.viewport(), move)
    assert move.isAccepted()  # the row outlined: it takes this drop
    QApplication.sendEvent(sidebar.viewport(), QDropEvent(pos, COPY, mime, buttons, mods))


def test_the_view_takes_the_drop_on_a_collection_and_on_the_header(window: MainWindow) -> None:
    sidebar = window.library_pane.sidebar
    thesis, _ukraine = filled(window)
    drop_on_view(sidebar, dragged(sidebar, "Ukraine"), sidebar.sidebar_model.index_of(thesis))
    assert children_of(sidebar, "Thèse") == ["Ukraine"]
    drop_on_view(sidebar, dragged(sidebar, "Ukraine"), header(sidebar))
    assert set(top_level(sidebar)) == {"Thèse", "Ukraine"}
