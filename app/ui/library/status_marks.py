"""The small marks before a title in the library list: reading (half a disc), finished (✓).

Unread has none, so a fresh library looks as it did. The marks are drawn from the
window's palette (so they follow the light, sepia and dark themes) at a size taken from
the font, and made once per palette, font size and screen scale: painting 10,000 rows
asks for them again and again and must not draw or allocate each time.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

from app.core.notes.reading import FINISHED, READING

# Of the text's colour towards the page's: a mark quieter than the title it precedes.
QUIETNESS = 0.3


def status_mark(status: str) -> QIcon | None:
    """The mark for ``status`` in the application's current palette and font; None: none."""
    app = QGuiApplication.instance()
    if status not in (READING, FINISHED) or not isinstance(app, QGuiApplication):
        # Without a GUI application there is nothing to paint on, and measuring a font
        # then aborts the process (a model used on its own, in a test or a script).
        return None
    ratio = app.devicePixelRatio()
    palette = QGuiApplication.palette()
    return _mark(status, palette.cacheKey(), mark_size(), ratio)


def blank_mark() -> QIcon | None:
    """Room for a mark, empty: unread titles stay in line with marked ones beside them."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return None  # as status_mark: no application, nothing to paint
    return _blank(mark_size(), app.devicePixelRatio())


@lru_cache(maxsize=8)
def _blank(size: int, ratio: float) -> QIcon:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


def mark_size() -> int:
    """The side of a mark in pixels: some 10–12 px, following the font's size."""
    return _mark_size(QGuiApplication.font().key())


@lru_cache(maxsize=8)
def _mark_size(font_key: str) -> int:
    height = QFontMetrics(QGuiApplication.font()).height()
    return max(10, min(14, round(height * 0.7)))


@lru_cache(maxsize=32)
def _mark(status: str, palette_key: int, size: int, ratio: float) -> QIcon:
    # palette_key stands for QGuiApplication.palette() in the cache's key (a theme change
    # makes a new palette, hence a new key): the palette is read here, once per key.
    palette = QGuiApplication.palette()
    icon = QIcon()
    for mode, fore, back in (
        (QIcon.Mode.Normal, QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QIcon.Mode.Selected, QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    ):
        ink = _quiet(palette.color(fore), palette.color(back))
        icon.addPixmap(_drawn(status, size, ratio, ink), mode)
    return icon


def _quiet(ink: QColor, page: QColor) -> QColor:
    def mix(a: float, b: float) -> int:
        return round(a + (b - a) * QUIETNESS)

    return QColor(
        mix(ink.red(), page.red()), mix(ink.green(), page.green()), mix(ink.blue(), page.blue())
    )


def _drawn(status: str, size: int, ratio: float, ink: QColor) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen_width = max(1.0, size / 10)
    inset = pen_width / 2 + 0.5
    disc = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
    if status == READING:
        # A ring, its left half filled: begun, not done.
        painter.setPen(QPen(ink, pen_width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(disc)
        half = QPainterPath()
        half.moveTo(disc.center())
        half.arcTo(disc, 90, 180)
        half.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawPath(half)
    else:
        # A full disc with a tick cut through it: the row's own colour shows in the tick,
        # plain or alternate, selected or not.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawEllipse(disc)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        tick = QPen(Qt.GlobalColor.black, max(1.2, size / 8))
        tick.setCapStyle(Qt.PenCapStyle.RoundCap)
        tick.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(tick)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        s = size
        check = QPainterPath(QPointF(0.29 * s, 0.52 * s))
        check.lineTo(QPointF(0.44 * s, 0.67 * s))
        check.lineTo(QPointF(0.71 * s, 0.36 * s))
        painter.drawPath(check)
    painter.end()
    return pixmap
