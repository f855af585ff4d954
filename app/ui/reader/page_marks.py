"""Where each page of a paged document (a PDF) starts, drawn quietly in the reader.

A page marker is a thin rule with "Page 12" in the space above the page's first
paragraph. It is painted over the viewport, not typeset: it adds no character to the
document, so every Python-offset ↔ Qt-position mapping stays exact.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QTextBlockFormat, QTextFormat
from PySide6.QtWidgets import QTextEdit

from app.core.i18n import tr

# On the block format of a page's first paragraph: its page number (tests read it too).
PAGE_PROPERTY = QTextFormat.Property.UserProperty + 20
# The room above a page's first paragraph, in lines of the body font.
PAGE_GAP_LINES = 2.2


def page_block_format(base: QTextBlockFormat, page: int, line_px: float) -> QTextBlockFormat:
    """``base`` with room above it for the marker of ``page``."""
    fmt = QTextBlockFormat(base)
    fmt.setTopMargin(max(base.topMargin(), line_px * PAGE_GAP_LINES))
    fmt.setProperty(PAGE_PROPERTY, page)
    return fmt


class PageMarks:
    """The page starts of the document in a QTextEdit, and how to paint the visible ones."""

    def __init__(self) -> None:
        self._positions: list[int] = []  # Qt positions of the pages' first characters
        self._pages: list[int] = []

    def set(self, marks: list[tuple[int, int]]) -> None:
        """(Qt position, page number) of each page start past the first, in order."""
        self._positions = [pos for pos, _page in marks]
        self._pages = [page for _pos, page in marks]

    def paint(self, edit: QTextEdit, painter: QPainter) -> None:
        """Draw the markers of the pages starting in view (cheap: two hit tests, a bisect)."""
        if not self._positions:
            return
        doc = edit.document()
        layout = doc.documentLayout()
        scroll = edit.verticalScrollBar().value()
        height = edit.viewport().height()
        top = layout.hitTest(QPointF(0, scroll), Qt.HitTestAccuracy.FuzzyHit)
        bottom = layout.hitTest(QPointF(0, scroll + height), Qt.HitTestAccuracy.FuzzyHit)
        # The marker sits above its paragraph: the one just below the view may show it.
        first = bisect_left(self._positions, max(top, 0))
        last = min(bisect_right(self._positions, bottom) + 1, len(self._positions))
        end = doc.characterCount()
        palette = edit.palette()
        rule = QColor(palette.color(QPalette.ColorRole.Mid))
        ink = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        font = QFont(doc.defaultFont())
        font.setPointSizeF(max(font.pointSizeF() * 0.75, 7.0))
        label_of = tr("Page {page}")
        painter.save()
        painter.setFont(font)
        frame = doc.rootFrame().frameFormat()
        left = frame.leftMargin()
        right = doc.size().width() - frame.rightMargin()
        for pos, page in zip(self._positions[first:last], self._pages[first:last], strict=True):
            if pos >= end:
                break  # not typeset yet
            block = doc.findBlock(pos)
            margin = block.blockFormat().topMargin()
            layout.blockBoundingRect(block)  # lays the block out if it is not yet
            text_layout = block.layout()
            if text_layout is None or text_layout.lineCount() == 0:
                continue
            # The top of the paragraph's first line, less half the room left above it.
            text_top = text_layout.position().y() + text_layout.lineAt(0).y()
            y = text_top - scroll - margin * 0.5
            if y < -margin or y > height + margin:
                continue
            label = label_of.format(page=page)
            width = painter.fontMetrics().horizontalAdvance(label) + 16
            middle = (left + right) / 2
            painter.setPen(QPen(rule, 1))
            painter.drawLine(QPointF(left, y), QPointF(middle - width / 2, y))
            painter.drawLine(QPointF(middle + width / 2, y), QPointF(right, y))
            painter.setPen(ink)
            box = QRectF(middle - width / 2, y - 12, width, 24)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()
