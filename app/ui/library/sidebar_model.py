"""The sidebar's groups as a Qt tree model: sections, then groups with their counts.

Rows come from ``app.core.groups.groups`` (computed in plain Python); this model only
lays them out under three sections (the library, smart lists, collections), keeps its
rows in place when only counts or names change (no flicker, the selection stays), and
turns a drop of documents on a collection, a collection dragged onto another (or onto
the Collections header), or an edit of its name, into a signal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from app.core.groups import Group
from app.core.i18n import tr, tr_noop
from app.core.i18n.formats import number
from app.ui.library.model import DOC_IDS_MIME, doc_ids_from_mime

COLLECTION_MIME = "application/x-carnet-collection"
"""A collection dragged within the sidebar: its key (private to Carnet)."""

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the group's key, on both columns of its row
NAME, COUNT = 0, 1

SECTION_LIBRARY, SECTION_SMART, SECTION_COLLECTIONS = (
    "section:library",
    "section:smart",
    ("section:collections"),
)
SECTIONS = (
    (SECTION_LIBRARY, tr_noop("Library")),
    (SECTION_SMART, tr_noop("Smart Lists")),
    (SECTION_COLLECTIONS, tr_noop("Collections")),
)
NEW_COLLECTION = "action:new-collection"  # the row that makes a collection
SECTION_OF_KIND = {
    "library": SECTION_LIBRARY,
    "folder": SECTION_LIBRARY,
    "smart": SECTION_SMART,
    "collection": SECTION_COLLECTIONS,
}


def is_collection(key: str | None) -> bool:
    return bool(key) and str(key).startswith("collection:")


class SidebarModel(QStandardItemModel):
    documentsDropped = Signal(str, object)  # collection key, list of doc ids
    collectionDropped = Signal(str, str)  # collection key, new parent's key ("" = top level)
    renameWanted = Signal(str, str)  # collection key, the new name typed in its row

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self._groups: dict[str, Group] = {}
        self._shape: tuple[tuple[str, str | None], ...] = ()
        self._rows: dict[str, QStandardItem] = {}

    # ---- content -----------------------------------------------------------------------

    def set_groups(self, groups: Sequence[Group]) -> None:
        """Show these groups; the same rows updated in place when only counts/names moved."""
        shape = tuple((g.key, g.parent) for g in groups)
        self._groups = {g.key: g for g in groups}
        if shape != self._shape:
            self._shape = shape
            self._rebuild(groups)
            return
        for group in groups:
            name = self._rows[group.key]
            if name.text() != group.label:
                name.setText(group.label)
            count = self._count_item(name)
            shown = number(group.count)
            if count is not None and count.text() != shown:
                count.setText(shown)

    def _rebuild(self, groups: Sequence[Group]) -> None:
        self.beginResetModel()
        self.blockSignals(True)  # one reset, not a signal per row
        try:
            self.removeRows(0, self.rowCount())
            self._rows = {}
            sections = {}
            for key, label in SECTIONS:
                section = QStandardItem(tr(label))
                section.setData(key, KEY_ROLE)
                font = QFont(section.font())
                font.setBold(True)
                section.setFont(font)
                section.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if key == SECTION_COLLECTIONS:  # a collection dropped here: to the top level
                    section.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled)
                filler = QStandardItem()
                filler.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.appendRow([section, filler])
                sections[key] = section
            for group in groups:
                holder = (self._rows.get(group.parent, None) if group.parent else None) or sections[
                    SECTION_OF_KIND.get(group.kind, SECTION_LIBRARY)
                ]
                name, count = self._row(group)
                holder.appendRow([name, count])
                self._rows[group.key] = name
            sections[SECTION_COLLECTIONS].appendRow(self._new_collection_row())
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def _row(self, group: Group) -> tuple[QStandardItem, QStandardItem]:
        name = QStandardItem(group.label)
        name.setData(group.key, KEY_ROLE)
        tip = group.detail or group.label
        name.setToolTip(tip)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if group.kind == "collection":
            flags |= (
                Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsDropEnabled
                | Qt.ItemFlag.ItemIsDragEnabled
            )
        name.setFlags(flags)
        count = QStandardItem(number(group.count))
        count.setData(group.key, KEY_ROLE)
        count.setToolTip(tip)
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        count_flags = flags & ~Qt.ItemFlag.ItemIsEditable
        count.setFlags(count_flags)
        return name, count

    def _new_collection_row(self) -> list[QStandardItem]:
        """The last row of Collections: one click makes one (the menu has it too)."""
        item = QStandardItem(tr("New Collection…"))
        item.setData(NEW_COLLECTION, KEY_ROLE)
        item.setToolTip(tr("Make a collection; then drag documents from the list onto it"))
        font = QFont(item.font())
        font.setItalic(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        filler = QStandardItem()
        filler.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return [item, filler]

    def _count_item(self, name: QStandardItem) -> QStandardItem | None:
        holder = name.parent() or self.invisibleRootItem()
        return holder.child(name.row(), COUNT)

    # ---- lookups -----------------------------------------------------------------------

    def group(self, key: str | None) -> Group | None:
        return self._groups.get(key) if key else None

    def groups(self) -> list[Group]:
        return list(self._groups.values())

    def collections(self) -> list[Group]:
        """The collections in the sidebar's order (a parent, then its children)."""
        return [g for g in self._groups.values() if g.kind == "collection"]

    def index_of(self, key: str, column: int = NAME) -> QModelIndex:
        item = self._rows.get(key)
        if item is None:
            return QModelIndex()
        return item.index().siblingAtColumn(column)

    def key_at(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        key = index.data(KEY_ROLE) if index.isValid() else None
        return str(key) if key and not str(key).startswith(("section:", "action:")) else None

    # ---- drops and edits ---------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [DOC_IDS_MIME, COLLECTION_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """A collection's row dragged: its key (the sidebar drags one row at a time)."""
        mime = QMimeData()
        keys = [k for k in (self.key_at(i) for i in indexes) if is_collection(k)]
        if keys and keys[0] is not None:
            mime.setData(COLLECTION_MIME, keys[0].encode("utf-8"))
        return mime

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        # Never Move: a view whose drag ends in a move removes the dragged rows itself,
        # and these rows are the store's to change (they come back from it, moved).
        return Qt.DropAction.CopyAction

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if data.hasFormat(COLLECTION_MIME):
            return self._new_parent(data, row, parent) is not None
        target = self._drop_target(row, parent)
        return is_collection(target) and data.hasFormat(DOC_IDS_MIME)

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """Documents dropped on a collection's row: the pane adds them (never a new row).
        A collection dropped on another, or on the Collections header: the pane moves it."""
        if data.hasFormat(COLLECTION_MIME):
            new_parent = self._new_parent(data, row, parent)
            if new_parent is not None:
                self.collectionDropped.emit(self._dragged(data), new_parent)
            return False  # the rows are rebuilt from the store once it agreed
        target = self._drop_target(row, parent)
        ids = doc_ids_from_mime(data)
        if not is_collection(target) or not ids:
            return False
        self.documentsDropped.emit(target, ids)
        return False  # nothing to remove from the list the drag came from

    def _drop_target(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> str | None:
        # Dropped on a row: (-1, that row). Between rows: the row below, under ``parent``.
        if row >= 0:
            return self.key_at(self.index(row, NAME, parent))
        return self.key_at(parent)

    def _dragged(self, data: QMimeData) -> str:
        return bytes(data.data(COLLECTION_MIME).data()).decode("utf-8", errors="replace")

    def _new_parent(
        self, data: QMimeData, row: int, parent: QModelIndex | QPersistentModelIndex
    ) -> str | None:
        """Where a dragged collection would go: a collection's key, "" for the top level,
        None when the drop means nothing (not on a collection, or where it already is).
        Whether it may go there is the store's rule, not this model's."""
        dragged = self._groups.get(self._dragged(data))
        if dragged is None or dragged.kind != "collection":
            return None
        index = self.index(row, NAME, parent) if row >= 0 else parent
        if index.isValid() and index.data(KEY_ROLE) == SECTION_COLLECTIONS:
            target = ""
        else:
            target = self._drop_target(row, parent) or ""
            if not is_collection(target):
                return None
        if target in (dragged.key, dragged.parent or ""):
            return None
        return target

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = 2
    ) -> bool:
        """A collection's name edited in place: asked of the store, shown once it agreed."""
        key = self.key_at(index)
        if role == Qt.ItemDataRole.EditRole and is_collection(key) and key is not None:
            group = self._groups.get(key)
            new = str(value)
            if group is not None and new.strip() and new != group.label:
                self.renameWanted.emit(key, new)
            return False
        return super().setData(index, value, role)
