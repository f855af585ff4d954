"""Quitting with a note edit the store refused: lose it, or stay and copy it somewhere safe."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.i18n import tr


def unsaved_note_question(parent: QWidget | None, why: str | None) -> QMessageBox:
    """The question; Qt's own Discard/Cancel buttons come in the spoken language."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("Unsaved note"),
        tr(
            "Your last note edit could not be saved:\n{why}.\n\n"
            "Quit anyway and lose it, or stay and copy it somewhere safe?"
        ).format(why=why or tr("the notes store refused it")),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # losing words is never the default
    return box


def quit_losing_unsaved_note(parent: QWidget | None, why: str | None) -> bool:
    """True when the user chose to quit anyway."""
    return unsaved_note_question(parent, why).exec() == QMessageBox.StandardButton.Discard
