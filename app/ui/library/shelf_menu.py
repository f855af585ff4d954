"""The document menu's part about organising: add to a collection, remove, mark as read.

Everything acts on all the documents selected in the list (``doc_ids``), through the
shelf controller; the collections offered are the sidebar's, in its order.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from app.core.groups import Group
from app.core.i18n import tr
from app.core.notes.reading import STATUSES, status_label
from app.ui.library import collection_dialogs
from app.ui.library.shelf_controller import ShelfController


def add_shelf_actions(
    menu: QMenu,
    *,
    shelf: ShelfController,
    collections: Sequence[Group],
    chosen: Group | None,
    doc_ids: list[str],
    status: str,
    parent: QWidget,
) -> None:
    """Add to Collection ▸, Remove from “X” (when X is chosen), Mark As ▸."""
    menu.addSeparator()
    add = menu.addMenu(tr("Add to &Collection"))
    for group in collections:
        # A sub-collection indented under its parent, as in the sidebar.
        label = group.label if group.parent is None else f"    {group.label}"
        action = add.addAction(label.replace("&", "&&"))
        action.triggered.connect(lambda *_, n=group.label: shelf.add_to_collection(n, doc_ids))
    if collections:
        add.addSeparator()

    def new_with_documents() -> None:
        name = collection_dialogs.ask_collection_name(parent, tr("New Collection"))
        if name:
            shelf.add_to_collection(name, doc_ids, create=True)

    add.addAction(tr("&New Collection…"), new_with_documents)
    if chosen is not None and chosen.kind == "collection":
        text = tr("&Remove from “{name}”").format(name=chosen.label.replace("&", "&&"))
        remove = menu.addAction(text)
        remove.triggered.connect(lambda *_: shelf.remove_from_collection(chosen.label, doc_ids))
    mark = menu.addMenu(tr("Mark &As"))
    choices = QActionGroup(mark)
    choices.setExclusive(True)
    for value in STATUSES:
        action = mark.addAction(status_label(value))
        action.setCheckable(True)
        action.setChecked(value == status)
        choices.addAction(action)
        action.triggered.connect(lambda *_, s=value: shelf.set_status(doc_ids, s))
