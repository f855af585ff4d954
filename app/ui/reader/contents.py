"""Go → Contents: a document's table of contents, levels nested, a jump on activation."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.documents.toc import TocEntry, page_at, page_starts
from app.core.i18n import tr

OFFSET_ROLE = Qt.ItemDataRole.UserRole + 1


class ContentsDialog(QDialog):
    """The entries as a tree (a deeper level nests under the entry before it), with their
    pages when the document has pages; Enter or a double-click goes there."""

    entryChosen = Signal(int)  # the entry's offset in the text

    def __init__(self, parent: QWidget | None, entries: Sequence[TocEntry], text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Contents"))
        self.resize(460, 520)
        starts = page_starts(text)
        paged = len(starts) > 1
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(tr("Contents"))
        self.tree.setColumnCount(2 if paged else 1)
        self.tree.setHeaderLabels([tr("Title"), tr("Page")] if paged else [tr("Title")])
        self.tree.setHeaderHidden(not paged)
        self.tree.setUniformRowHeights(True)
        parents: list[tuple[int, QTreeWidgetItem]] = []  # (level, item) of the open branch
        for entry in entries:
            while parents and parents[-1][0] >= entry.level:
                parents.pop()
            columns = [entry.title]
            if paged:
                columns.append(str(page_at(text, entry.offset, starts)))
            if parents:
                item = QTreeWidgetItem(parents[-1][1], columns)
            else:
                item = QTreeWidgetItem(self.tree, columns)
            item.setData(0, OFFSET_ROLE, entry.offset)
            item.setToolTip(0, entry.title)
            parents.append((entry.level, item))
        self.tree.expandAll()
        if paged:
            self.tree.resizeColumnToContents(1)
            self.tree.header().setStretchLastSection(False)
            self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.tree.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.tree)
        column.addWidget(buttons)

    def entries_shown(self) -> list[tuple[int, str]]:
        """(depth, title) of every row, in order: what the reader sees, for tests."""
        rows: list[tuple[int, str]] = []

        def walk(item: QTreeWidgetItem | None, depth: int) -> None:
            if item is None:
                return
            rows.append((depth, item.text(0)))
            for k in range(item.childCount()):
                walk(item.child(k), depth + 1)

        for k in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(k), 0)
        return rows

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.tree.setCurrentItem(item)
        self.accept()

    def accept(self) -> None:
        item = self.tree.currentItem()
        super().accept()
        if item is not None:
            self.entryChosen.emit(int(item.data(0, OFFSET_ROLE)))
