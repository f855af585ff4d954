"""What the collections tests share: menus read by their labels, rows of the sidebar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.ui.library.model import DOC_ID_ROLE, TITLE
from app.ui.library.pane import LibraryPane
from app.ui.library.sidebar import GroupSidebar
from app.ui.library.sidebar_model import COUNT, NAME


def action(menu: QMenu, *path: str) -> QAction:
    """The action reached through submenus by their shown labels (mnemonics ignored)."""
    for part in path:
        found = next(a for a in menu.actions() if a.text().replace("&", "") == part)
        if found.menu() is not None and part != path[-1]:
            menu = found.menu()  # type: ignore[assignment]
            continue
        return found
    raise LookupError(path)


def sidebar_rows(sidebar: GroupSidebar) -> dict[str, str]:
    """Each group's shown name → its shown count, sections left out."""
    model = sidebar.sidebar_model
    rows: dict[str, str] = {}

    def walk(parent_index: object) -> None:
        for row in range(model.rowCount(parent_index)):  # type: ignore[arg-type]
            name = model.index(row, NAME, parent_index)  # type: ignore[arg-type]
            if model.key_at(name) is not None:
                rows[str(name.data())] = str(name.siblingAtColumn(COUNT).data())
            walk(name)

    from PySide6.QtCore import QModelIndex  # noqa: PLC0415

    walk(QModelIndex())
    return rows


def section_labels(sidebar: GroupSidebar) -> list[str]:
    model = sidebar.sidebar_model
    return [str(model.index(row, NAME).data()) for row in range(model.rowCount())]


def listed(pane: LibraryPane) -> set[str]:
    proxy = pane.proxy
    return {proxy.index(row, TITLE).data(DOC_ID_ROLE) for row in range(proxy.rowCount())}


def key_named(sidebar: GroupSidebar, label: str) -> str:
    return next(g.key for g in sidebar.sidebar_model.groups() if g.label == label)


def drop_rows(pane: LibraryPane, rows: list[int], collection_key: str) -> bool:
    """Drag these rows of the list onto a collection, as a drop there delivers them."""
    indexes = [pane.proxy.index(row, TITLE) for row in rows]
    mime = pane.proxy.mimeData(indexes)
    target = pane.sidebar.sidebar_model.index_of(collection_key)
    model = pane.sidebar.sidebar_model
    action_ = Qt.DropAction.CopyAction
    assert model.canDropMimeData(mime, action_, -1, -1, target)
    return model.dropMimeData(mime, action_, -1, -1, target)
