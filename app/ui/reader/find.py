"""Find in document: the bar (a field, "3 of 12", previous/next, close) and its logic.

Matching is insensitive to case, accents and ligatures ("coeur" finds "cœur").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.core.documents.layout import FoldedText
from app.core.i18n import tr
from app.core.i18n.formats import number
from app.ui.reader.marks import Stepper
from app.ui.reader.step_bar import StepBar


class FindBar(StepBar):
    queryChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("readerFindBar", tr("Find in document"), parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(tr("Find in document"))
        self.field.setAccessibleName(tr("Find in document"))
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.queryChanged)
        self.count = QLabel(self)
        widest = tr("{current} of {total}").format(current="999", total="999") + " "
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance(widest))
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.previous = self.step_button(
            "↑", tr("Previous match"), self.previousRequested, tr("Shift+Enter")
        )
        self.next = self.step_button("↓", tr("Next match"), self.nextRequested, tr("Enter"))
        close = self.step_button("✕", tr("Close"), self.closeRequested, tr("Esc"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(4)
        row.addWidget(self.field, 1)
        row.addWidget(self.count)
        row.addWidget(self.previous)
        row.addWidget(self.next)
        row.addWidget(close)
        self.set_count(0, 0)

    def set_count(self, current: int, total: int) -> None:
        """Show 'current of total' (current is 1-based; 0 when nothing is selected)."""
        if not self.field.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText(tr("No matches"))
        else:
            self.count.setText(
                tr("{current} of {total}").format(current=number(current), total=number(total))
            )
        self.previous.setEnabled(total > 0)
        self.next.setEnabled(total > 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The field ignores Enter and Esc, so they arrive here.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previousRequested.emit()
            else:
                self.nextRequested.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FindController(QObject):
    """Find in the document: folded matching, the current match, the bar's count.

    Matches live in ``finds`` (shared with the reader's marks); the reader redraws on
    ``changed`` and scrolls on ``revealRequested`` (a Python offset).
    """

    changed = Signal()
    revealRequested = Signal(int)

    def __init__(
        self, bar: FindBar, finds: Stepper, reading_offset: Callable[[], int], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.bar = bar
        self.finds = finds
        self._reading_offset = reading_offset
        self._text = ""
        self._folded: FoldedText | None = None  # built on the first find in a text
        self._hidden: Callable[[int, int], bool] = lambda _start, _end: False
        bar.queryChanged.connect(self.search)
        bar.nextRequested.connect(lambda: self.step(1))
        bar.previousRequested.connect(lambda: self.step(-1))

    def set_text(
        self, text: str, hidden: Callable[[int, int], bool] = lambda _start, _end: False
    ) -> None:
        """Find in ``text`` from now on; matches for which ``hidden(start, end)`` is true
        (text the reading view leaves out) are not counted."""
        self._text, self._folded, self._hidden = text, None, hidden
        if self.bar.isVisible():
            self.search(self.bar.field.text(), reveal=False)
        else:
            self.finds.set([])

    def open(self, seed: str = "") -> None:
        """Show the bar, seeded with a short one-line selection, and search."""
        if seed and len(seed) < 80 and "\u2029" not in seed:
            self.bar.field.setText(seed.replace("\u2028", " "))
        self.bar.show()
        self.bar.field.selectAll()
        self.bar.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search(self.bar.field.text())

    def close(self) -> None:
        self.bar.hide()
        self.finds.set([])
        self.changed.emit()

    def search(self, query: str, reveal: bool = True) -> None:
        if self._folded is None:
            self._folded = FoldedText(self._text)
        spans = [s for s in self._folded.find_all(query) if not self._hidden(*s)]
        # Start from where the reader is, as browsers do, not from the top.
        at = self._reading_offset()
        self.finds.set(spans, next((i for i, (s, _e) in enumerate(spans) if s >= at), 0))
        self._show(reveal)

    def step(self, delta: int) -> None:
        if self.finds.step(delta) is not None:
            self._show(reveal=True)

    def _show(self, reveal: bool) -> None:
        self.bar.set_count(self.finds.index + 1, len(self.finds.spans))
        self.changed.emit()
        current = self.finds.current()
        if reveal and current is not None:
            self.revealRequested.emit(current[0])
