"""Go → Go to Page (Ctrl+G): a small dialog asking which page of a paged document."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from app.core.i18n import tr


class GoToPageDialog(QDialog):
    """Asks for a page between 1 and ``count``, starting at the one being read."""

    pageChosen = Signal(int)  # 1-based

    def __init__(self, parent: QWidget | None, current: int, count: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Go to Page"))
        self.spin = QSpinBox(self)
        self.spin.setRange(1, count)
        self.spin.setValue(max(1, min(current, count)))
        # The suffix follows the number in the field: "12 of 265".
        self.spin.setSuffix(" " + tr("of {count}").format(count=count))
        self.spin.setAccessibleName(tr("Page number"))
        self.spin.selectAll()
        form = QFormLayout(self)
        form.addRow(tr("&Page:"), self.spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.spin.interpretText()  # a number typed but not yet committed counts
        super().accept()
        self.pageChosen.emit(self.spin.value())
