"""Help → Keyboard shortcuts: a table built from the window's own actions, so it never lies."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import tr, tr_noop

# Keys no action carries, marked here and translated when the dialog opens.
EXTRA_ROWS = [
    (tr_noop("Open the top search result"), tr_noop("Enter (in the search box)")),
    (tr_noop("Clear the search, back to the library"), tr_noop("Esc (in the search box)")),
    (tr_noop("Next / previous match in the find bar"), tr_noop("Enter / Shift+Enter")),
]


def show_shortcuts(parent: QWidget, rows: list[tuple[str, str]]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Keyboard Shortcuts"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    extra = [(tr(action), tr(keys)) for action, keys in EXTRA_ROWS]
    table = QTableWidget(len(rows) + len(extra), 2, dialog)
    table.setHorizontalHeaderLabels([tr("Action"), tr("Keys")])
    table.setAccessibleName(tr("Keyboard shortcuts"))
    for row, (action, keys) in enumerate([*rows, *extra]):
        table.setItem(row, 0, QTableWidgetItem(action))
        table.setItem(row, 1, QTableWidgetItem(keys))
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(520, 560)
    dialog.open()
    return dialog
