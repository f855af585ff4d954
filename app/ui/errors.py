"""The one place where errors become something the user sees."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import CarnetError

log = logging.getLogger(__name__)


def show_error(parent: QWidget, error: CarnetError | str, title: str = "Carnet") -> QMessageBox:
    """A window-modal, non-blocking message: the core's text is already meant for people."""
    message = str(error)
    log.warning("shown to the user: %s", message)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    # Messages quote paths, titles and passages: never let Qt guess they are HTML.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
