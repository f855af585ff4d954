"""The two questions collections ask: a name, and "delete it?" (tests replace these)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from app.core.i18n import tr


def ask_collection_name(parent: QWidget, title: str, text: str = "") -> str | None:
    """The name typed, or None when cancelled or left empty."""
    name, ok = QInputDialog.getText(
        parent, title, tr("Name of the collection:"), QLineEdit.EchoMode.Normal, text
    )
    return name.strip() if ok and name.strip() else None


def confirm_delete(parent: QWidget, name: str) -> bool:
    """Delete "name"? Its documents stay in the library (and in their other collections)."""
    answer = QMessageBox.question(
        parent,
        tr("Delete Collection"),
        tr(
            "Delete the collection “{name}”? Its documents stay in the library; "
            "collections inside it move to the top level."
        ).format(name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
