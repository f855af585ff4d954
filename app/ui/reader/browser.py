"""The reader's text view: a QTextBrowser that never fetches anything.

It reports plain clicks on characters (for note highlights), turns Ctrl+wheel into zoom
requests the reader controls, and scrolls rather than walks the caret with reading keys.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget

from app.ui.reader.page_marks import PageMarks

# A press and release further apart than this is a drag (selection), not a click.
_CLICK_SLOP = 4


class ReaderBrowser(QTextBrowser):
    characterClicked = Signal(int)  # Qt position of the character under a plain click
    zoomRequested = Signal(int)  # +1 / -1
    # Around a resize or the first show, when QTextEdit reflows or scrolls on its own.
    aboutToReflow = Signal()
    reflowed = Signal()
    edgeRequested = Signal(bool)  # Home / End (with or without Ctrl): True for the end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Links are handled by the reader (http/https only, on click); the browser itself
        # must never navigate or load anything.
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.resource_requests: list[QUrl] = []  # for tests: should stay empty
        self.menu_actions: list[QAction] = []  # offered first when text is selected
        self._press: QPoint | None = None
        self.page_marks = PageMarks()  # where pages start, drawn over the text

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        try:
            self.page_marks.paint(self, painter)
        finally:
            painter.end()

    def loadResource(self, type_: int, name: QUrl | str) -> object:
        # The document is plain text, but should anything ever ask (an image, a stylesheet),
        # nothing local or remote is fetched.
        self.resource_requests.append(QUrl(name))
        return None

    # -- clicks ------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        press, self._press = self._press, None
        if (
            event.button() != Qt.MouseButton.LeftButton
            or press is None
            or (pos - press).manhattanLength() > _CLICK_SLOP
            or self.textCursor().hasSelection()
            or self.anchorAt(pos)
        ):
            return
        char = self.character_at(pos)
        if char >= 0:
            self.characterClicked.emit(char)

    def character_at(self, pos: QPoint) -> int:
        """Qt position of the character drawn under viewport point ``pos``, or -1."""
        doc_point = QPointF(
            pos.x() + self.horizontalScrollBar().value(),
            pos.y() + self.verticalScrollBar().value(),
        )
        layout = self.document().documentLayout()
        hit = layout.hitTest(doc_point, Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return -1
        # hitTest gives the nearest caret position: on the right half of a character that
        # is the position after it.
        cursor = QTextCursor(self.document())
        cursor.setPosition(hit)
        return hit if pos.x() >= self.cursorRect(cursor).left() else hit - 1

    # -- menu, wheel, keys -------------------------------------------------------------

    def build_context_menu(self, pos: QPoint) -> QMenu:
        menu = self.createStandardContextMenu(pos)
        if self.textCursor().hasSelection() and self.menu_actions:
            first = menu.actions()[0] if menu.actions() else None
            for action in self.menu_actions:
                menu.insertAction(first, action)  # type: ignore[arg-type]
            menu.insertSeparator(first)  # type: ignore[arg-type]
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def wheelEvent(self, event: QWheelEvent) -> None:
        # QTextEdit would zoom its own font behind the reader's back.
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoomRequested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # With keyboard selection on, arrows would walk an invisible caret line by line
        # before the page moves. Without Shift they scroll, like a reader should.
        bar = self.verticalScrollBar()
        steps = {
            Qt.Key.Key_Down: bar.singleStep(),
            Qt.Key.Key_Up: -bar.singleStep(),
            Qt.Key.Key_PageDown: bar.pageStep(),
            Qt.Key.Key_PageUp: -bar.pageStep(),
            Qt.Key.Key_Space: bar.pageStep(),
        }
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = Qt.Key(event.key())
        if key in steps and mods == Qt.KeyboardModifier.NoModifier:
            bar.setValue(bar.value() + steps[key])
            self._caret_to_top()
            event.accept()
            return
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and mods in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ControlModifier,
        ):
            # The reader decides: the end of a long book is reachable only once typeset.
            self.edgeRequested.emit(key == Qt.Key.Key_End)
            event.accept()
            return
        if key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.ShiftModifier:
            bar.setValue(bar.value() - bar.pageStep())
            self._caret_to_top()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- scrolling by position ---------------------------------------------------------

    def top_position(self) -> int:
        """Qt position of the first character on the top line of the view."""
        doc = self.document()
        x = doc.rootFrame().frameFormat().leftMargin() + 1
        y = self.verticalScrollBar().value() + 2
        return doc.documentLayout().hitTest(QPointF(x, y), Qt.HitTestAccuracy.FuzzyHit)

    def bottom_position(self) -> int:
        """Qt position of the last character on the bottom line of the view."""
        x = self.viewport().width() - 1
        y = self.verticalScrollBar().value() + self.viewport().height() - 2
        return self.document().documentLayout().hitTest(QPointF(x, y), Qt.HitTestAccuracy.FuzzyHit)

    def scroll_to_position(self, position: int) -> None:
        """Scroll so the line holding ``position`` is the top line (as far as possible)."""
        doc = self.document()
        layout = doc.documentLayout()
        layout.blockBoundingRect(doc.lastBlock())  # lay out to the end: a true scroll range
        block = doc.findBlock(position)
        if not block.isValid() or block.layout() is None:
            return  # the document is being replaced or torn down
        line = block.layout().lineForTextPosition(position - block.position())
        top = layout.blockBoundingRect(block).top() + (line.y() if line.isValid() else 0)
        self.verticalScrollBar().setValue(round(top))

    def reveal_position(self, position: int) -> None:
        """Bring ``position`` to the upper third unless it is comfortably visible already."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        height = self.viewport().height()
        if rect.top() < height * 0.1 or rect.bottom() > height * 0.85:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - height // 3)

    def scroll_to_edge(self, end: bool) -> None:
        """Scroll to the very top, or to the bottom of the whole document (``end``)."""
        doc = self.document()
        doc.documentLayout().blockBoundingRect(doc.lastBlock())  # a true scroll range
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum() if end else 0)
        self._caret_to_top()

    def _caret_to_top(self) -> None:
        """Park the caret on the first visible line so Shift+arrows select from there."""
        x = int(self.document().rootFrame().frameFormat().leftMargin()) + 1
        cursor = self.cursorForPosition(QPoint(x, 2))
        bar = self.verticalScrollBar()
        value = bar.value()
        self.setTextCursor(cursor)
        bar.setValue(value)  # a line cut at the top must not pull the page back

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Reflowing may move the scroll bar: the reader holds its reading position across.
        self.aboutToReflow.emit()
        super().resizeEvent(event)
        self.reflowed.emit()

    def showEvent(self, event: QShowEvent) -> None:
        # QTextEdit scrolls to its caret on the first show.
        self.aboutToReflow.emit()
        super().showEvent(event)
        self.reflowed.emit()
