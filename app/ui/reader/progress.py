"""How far through the document the reader is: the figure at the foot of the page, and the
moment the reader reaches the end of the text.

Progress is where the bottom of the view is in the text (the offset of the last visible
character over the text's length), so a page read to its last line counts as read; it is
exactly 1 only when the end of the text is in view.

"Reached the end" is a reader's act, not a glance: it is reported once per opening of a
document, the first time the end comes into view through a movement made after opening
(scrolling, Page Down, End, going to the last page, a find or a search hit). Opening a
document that fits in the view reports nothing, nor does a restored reading position that
is already at the end (nor zooming or resizing until the end shows); the reader's next
movement with the end in view does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from app.core.i18n import tr
from app.core.i18n.formats import number, percent

if TYPE_CHECKING:
    from app.ui.reader.browser import ReaderBrowser
    from app.ui.reader.page import ReaderPage
    from app.ui.themes import Theme

# Below the end, progress stays under 1: "100 %" is kept for the end of the text in view.
_ALMOST = 0.9999


def end_in_view(browser: ReaderBrowser) -> bool:
    """True when the last line of the document is inside the view (or the document fits)."""
    doc = browser.document()
    block = doc.lastBlock()
    # Lays the document out to its end (cached afterwards): the true bottom, not a guess.
    rect = doc.documentLayout().blockBoundingRect(block)
    lines = block.layout()
    bottom = rect.bottom()
    if lines is not None and lines.lineCount() > 0:
        last = lines.lineAt(lines.lineCount() - 1)
        bottom = rect.top() + last.y() + last.height()
    visible = browser.verticalScrollBar().value() + browser.viewport().height()
    return bottom <= visible + 1  # a pixel of rounding between layout and scroll bar


def fraction_read(page: ReaderPage) -> float:
    """Where the bottom of the view is in ``page``'s text, from 0 to 1; 0 with no document."""
    if page.record() is None:
        return 0.0
    if page.is_typeset() and end_in_view(page.browser):
        return 1.0
    length = len(page.text)
    if length == 0:
        return 0.0
    browser = page.browser
    # The bottom line's last character: hit-test the view's bottom right corner.
    x = browser.viewport().width() - 1
    y = browser.verticalScrollBar().value() + browser.viewport().height() - 2
    hit = browser.document().documentLayout().hitTest(QPointF(x, y), Qt.HitTestAccuracy.FuzzyHit)
    return min(page.qt_to_py(hit) / length, _ALMOST)


def whole_percent(fraction: float) -> int:
    """The percentage shown for ``fraction`` (rounded down, as ``percent`` writes it)."""
    return max(0, min(100, int(fraction * 100)))


class ReadingProgress(QObject):
    """Turns the view's movements into ``progressChanged`` and one ``endReached``."""

    progressChanged = Signal(float)
    endReached = Signal(str)  # doc id

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc_id: str | None = None
        self._emitted: int | None = None  # the whole percentage last reported
        self._end_reported = False

    def opened(self, doc_id: str | None) -> None:
        """A new opening of ``doc_id`` (None: nothing open): the end may be reached anew."""
        self._doc_id = doc_id
        self._emitted = None
        self._end_reported = False

    def moved(self, fraction: float, by_reader: bool) -> None:
        """The view now ends at ``fraction``; ``by_reader``: the reader moved it (not the
        opening, a restored position, a zoom or a resize)."""
        if self._doc_id is None or not by_reader:
            return
        # One report per whole percent: a wheel turn scrolls dozens of times.
        whole = whole_percent(fraction)
        if whole != self._emitted:
            self._emitted = whole
            self.progressChanged.emit(fraction)
        if fraction >= 1.0 and not self._end_reported:
            self._end_reported = True
            self.endReached.emit(self._doc_id)


class ProgressLabel(QLabel):
    """The quiet figure at the foot of the reader: « 42 % », or « p. 12 / 265 · 42 % »."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingProgress")
        self.setAccessibleName(tr("Reading progress"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setAutoFillBackground(True)  # the page's colour, not the window's
        self.setContentsMargins(8, 0, 12, 3)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        self.setFont(font)
        self._shown: tuple[int, int | None, int | None] | None = None

    def show_progress(self, fraction: float, page: int | None, count: int | None) -> None:
        """Show ``fraction`` read, with the page at the top of the view in a paged text."""
        whole = whole_percent(fraction)
        if (whole, page, count) == self._shown:
            return  # called on every scroll step: no relayout when the figure is the same
        self._shown = (whole, page, count)
        shown = percent(fraction)
        if page is not None and count is not None:
            numbers = {"page": number(page), "count": number(count), "percent": shown}
            self.setText(tr("p. {page} / {count} · {percent}").format(**numbers))
            self.setToolTip(tr("Page {page} of {count}, {percent} read").format(**numbers))
        else:
            self.setText(shown)
            self.setToolTip(tr("{percent} read").format(percent=shown))

    def forget(self) -> None:
        """No document: hidden, and the next one is written afresh."""
        self._shown = None
        self.clear()
        self.hide()

    def set_theme(self, theme: Theme, page: QPalette) -> None:
        palette = QPalette(page)
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.muted))
        self.setPalette(palette)
