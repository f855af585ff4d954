"""The library table's view: sorted by title, whole rows, two wrapped lines per row.

Only how the table looks and what it allows (selection, dragging, no editing);
``LibraryPane`` connects its signals and decides what a selection means.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.core.i18n import tr
from app.ui.library.columns import set_up_columns
from app.ui.library.model import TITLE


def new_document_table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    """A table of ``model`` (the filtered, sorted documents), sized by ``parent``'s font."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(tr("Documents"))
    table.setSortingEnabled(True)
    table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    # Several rows for dragging into a collection or marking; the current one is open.
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setDragEnabled(True)
    table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
    table.setDefaultDropAction(Qt.DropAction.CopyAction)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Titles of news articles are long: two wrapped lines per row show them, where a
    # single line would show "La dip…".
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    metrics = parent.fontMetrics()
    rows.setDefaultSectionSize(metrics.lineSpacing() * 2 + 10)
    set_up_columns(table.horizontalHeader(), metrics)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    return table
