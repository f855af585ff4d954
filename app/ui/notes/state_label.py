"""The status bar's lasting word on the notes when they did not open as usual."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.core.i18n import tr
from app.ui.plain_text import tooltip


def notes_state_label(state: str | None, details: str, parent: QWidget) -> QLabel:
    """ "Notes: read-only" or "Notes recovered", with why in its tooltip; hidden when usual.

    Permanent in the status bar: indexing messages replace the temporary text a second
    after start, but the reader must still be able to see that their notes are not as usual.
    """
    label = QLabel(state or "", parent)
    label.setAccessibleName(tr("Notes state"))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setToolTip(tooltip(details))
    label.setVisible(state is not None)
    return label
