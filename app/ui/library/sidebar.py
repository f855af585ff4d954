"""The sidebar above the library's list: groups with counts, collections managed in place.

Choosing a row chooses a group (the list shows only its documents); collections are
made, renamed (in place, F2 or the menu) and deleted from the context menu, take
documents dropped on them, and are nested by dragging one onto another (or back onto the
Collections header, to the top level). Writes are asked of the shelf (``ShelfController``) through
signals; what the sidebar shows always comes back from the store.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from app.core.groups import ALL, Group
from app.core.i18n import tr
from app.ui.library import collection_dialogs
from app.ui.library.sidebar_model import (
    COUNT,
    KEY_ROLE,
    NAME,
    NEW_COLLECTION,
    SidebarModel,
    is_collection,
)
from app.ui.model_index import ModelIndex

COUNT_MARGIN = 6


class CountDelegate(QStyledItemDelegate):
    """Counts in the palette's dimmer text, so names read first (and follow the theme)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        dim = option.palette.color(QPalette.ColorRole.PlaceholderText)
        option.palette.setColor(QPalette.ColorRole.Text, dim)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        # Some air between the figure and the frame (or the scroll bar) on its right.
        # The row's background (selection, hover) still reaches the edge, under the text.
        full = QStyleOptionViewItem(option)
        self.initStyleOption(full, index)
        full.text = ""
        style = full.widget.style() if full.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, full, painter, full.widget)
        shifted = QStyleOptionViewItem(option)
        shifted.rect = option.rect.adjusted(0, 0, -COUNT_MARGIN, 0)
        super().paint(painter, shifted, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return super().sizeHint(option, index) + QSize(COUNT_MARGIN, 0)


class GroupSidebar(QTreeView):
    groupChosen = Signal(str)  # the group's key
    createWanted = Signal(str, str)  # name, parent collection's name ("" at the top level)
    renameWanted = Signal(str, str)  # old name, new name
    deleteWanted = Signal(str)  # name
    documentsDropped = Signal(str, object)  # collection name, list of doc ids
    moveWanted = Signal(str, str)  # collection's name, new parent's name ("" = top level)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sidebar_model = SidebarModel(self)
        self.setModel(self.sidebar_model)
        self.setAccessibleName(tr("Groups and collections"))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setItemDelegateForColumn(COUNT, CountDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
        # Documents dragged from the list land on a collection's row, which is outlined;
        # a collection's own row can be dragged too, onto another or the Collections header.
        self.setAcceptDrops(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDragDropOverwriteMode(True)  # on a row, never "between two rows"
        self.setDropIndicatorShown(True)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu_requested)
        self.sidebar_model.documentsDropped.connect(self._dropped)
        self.sidebar_model.collectionDropped.connect(self._collection_dropped)
        self.sidebar_model.renameWanted.connect(self._renamed)
        self.sidebar_model.modelReset.connect(self._after_reset)
        self._key = ALL  # the chosen group, kept while rows are rebuilt
        self._quiet = False
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.clicked.connect(self._clicked)  # Enter on it: keyPressEvent

    # ---- content and choice ------------------------------------------------------------

    def set_groups(self, groups: list[Group]) -> None:
        self.sidebar_model.set_groups(groups)
        if self.sidebar_model.group(self._key) is None:
            self.choose(ALL)  # the chosen collection was deleted, the folder went...

    def content_height(self) -> int:
        """The height that shows every row without a scroll bar."""
        rows, index = 0, self.sidebar_model.index(0, 0)
        while index.isValid():  # the expanded tree, row by row as it is drawn
            rows += self.rowHeight(index) or self.sizeHintForRow(0)
            index = self.indexBelow(index)
        return rows + 2 * self.frameWidth() + 2

    def chosen_key(self) -> str:
        return self._key

    def chosen_group(self) -> Group | None:
        return self.sidebar_model.group(self._key)

    def choose(self, key: str) -> None:
        """Make ``key`` the chosen group (as a click would); an unknown one waits for rows."""
        index = self.sidebar_model.index_of(key)
        if index.isValid():
            self.setCurrentIndex(index)  # _current_changed says so
        elif key != self._key:
            self._key = key
            self.groupChosen.emit(key)

    def _clicked(self, index: QModelIndex) -> None:
        if index.data(KEY_ROLE) == NEW_COLLECTION:
            self.new_collection()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.currentIndex().data(KEY_ROLE) == NEW_COLLECTION:
            self.new_collection()
            return
        super().keyPressEvent(event)

    def _after_reset(self) -> None:
        self.expandAll()
        index = self.sidebar_model.index_of(self._key)
        if index.isValid():
            self._quiet = True  # the same group as before: nothing to say
            try:
                self.setCurrentIndex(index)
            finally:
                self._quiet = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.sidebar_model.key_at(current)
        if key is None or self._quiet:
            return
        changed = key != self._key
        self._key = key
        if changed:
            self.groupChosen.emit(key)

    # ---- collections -------------------------------------------------------------------

    def _menu_requested(self, pos: QPoint) -> None:
        menu = self.context_menu(self.sidebar_model.key_at(self.indexAt(pos)))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.viewport().mapToGlobal(pos))

    def context_menu(self, key: str | None) -> QMenu:
        """New, and on a collection: new inside it (top level only), rename, delete."""
        menu = QMenu(self)
        menu.addAction(tr("&New Collection…"), self.new_collection)
        group = self.sidebar_model.group(key)
        if group is not None and is_collection(key):
            if group.parent is None:
                sub = menu.addAction(tr("New &Sub-collection…"))
                sub.triggered.connect(lambda: self.new_collection(group.label))
            menu.addSeparator()
            menu.addAction(tr("&Rename…"), lambda: self.rename(group.key))
            menu.addAction(tr("&Delete…"), lambda: self.delete(group.key))
        return menu

    def new_collection(self, parent_name: str = "") -> None:
        title = tr("New Sub-collection") if parent_name else tr("New Collection")
        name = collection_dialogs.ask_collection_name(self, title)
        if name:
            self.createWanted.emit(name, parent_name)

    def rename(self, key: str) -> None:
        """Edit the collection's name in its row (Enter keeps it, Esc leaves it)."""
        index = self.sidebar_model.index_of(key)
        if index.isValid():
            self.setCurrentIndex(index)
            self.edit(index)

    def delete(self, key: str) -> None:
        group = self.sidebar_model.group(key)
        if group is not None and collection_dialogs.confirm_delete(self, group.label):
            self.deleteWanted.emit(group.label)

    def _renamed(self, key: str, new: str) -> None:
        group = self.sidebar_model.group(key)
        if group is not None:
            self.renameWanted.emit(group.label, new)

    def _dropped(self, key: str, doc_ids: list[str]) -> None:
        group = self.sidebar_model.group(key)
        if group is not None:
            self.documentsDropped.emit(group.label, doc_ids)

    def _collection_dropped(self, key: str, parent_key: str) -> None:
        group = self.sidebar_model.group(key)
        parent = self.sidebar_model.group(parent_key)
        if group is not None and (parent is not None or not parent_key):
            self.moveWanted.emit(group.label, parent.label if parent is not None else "")
