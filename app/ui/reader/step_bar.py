"""The bar under the reader's text that steps through matches: previous, next, close."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QToolButton, QWidget


class StepBar(QWidget):
    """Base of the find bar and the search-hits bar: their signals and their buttons."""

    previousRequested = Signal()
    nextRequested = Signal()
    closeRequested = Signal()

    def __init__(self, name: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible_name)
        self.setAutoFillBackground(True)

    def step_button(self, text: str, tip: str, signal: SignalInstance) -> QToolButton:
        """A flat button that emits ``signal``; its tooltip names the key, not its name."""
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (", maxsplit=1)[0])
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: signal.emit())
        return button
