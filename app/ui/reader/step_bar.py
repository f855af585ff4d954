"""The bar under the reader's text that steps through matches: previous, next, close."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QToolButton, QWidget

from app.core.i18n import tr


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

    def step_button(
        self, text: str, name: str, signal: SignalInstance, keys: str = ""
    ) -> QToolButton:
        """A flat button that emits ``signal``, named ``name`` for screen readers; its
        tooltip names the key (``keys``, already in the reader's language) as well."""
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tr("{action} ({keys})").format(action=name, keys=keys) if keys else name)
        button.setAccessibleName(name)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: signal.emit())
        return button
