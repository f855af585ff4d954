"""Typesetting a document in slices from the event loop, so a book never freezes the window.

The header and a first slice are written at once (the first screen shows straight away);
the rest follows a slice per event-loop turn. Writing only ever appends, so every Qt
position already written stays valid: callers act on the part that is there and ask to be
told (``progressed``) when a position they need arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument

from app.core.documents.layout import TextLayout
from app.core.library.store import DocumentRecord
from app.ui.reader.render import BodyWriter, render_header, set_column_margins
from app.ui.themes import Theme

# About 10 ms of work each on a 2020 laptop (measured with tests/bench/reader_open.py):
# the first slice fills a tall screen several times over, later ones keep turns short.
FIRST_SLICE_CHARS = 12_000
SLICE_CHARS = 24_000


class Typesetter(QObject):
    """Fills a QTextDocument with one document; ``finished`` when the last run is in."""

    progressed = Signal()  # more text is in the document
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer: BodyWriter | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next_slice)

    def start(
        self,
        doc: QTextDocument,
        record: DocumentRecord,
        layout: TextLayout,
        *,
        theme: Theme,
        point_size: float,
        viewport_width: int,
    ) -> int:
        """Write the header and a first slice; returns where the body starts in ``doc``.

        ``finished`` is emitted only when later slices complete the text: a document that
        fits in the first slice is done on return (``is_done()``).
        """
        self._timer.stop()
        cursor = render_header(doc, record, theme, point_size)
        # The column is set before the body goes in: setting it later would lay the whole
        # book out again.
        set_column_margins(doc, viewport_width, point_size)
        self._writer = BodyWriter(cursor, layout, theme, point_size)
        self._writer.write(FIRST_SLICE_CHARS)
        if not self._writer.finished:  # else the caller sees is_done() at once
            self._timer.start()
        return self._writer.body_start

    def cancel(self) -> None:
        self._timer.stop()
        self._writer = None

    def is_done(self) -> bool:
        return self._writer is None or self._writer.finished

    def written_to(self) -> int:
        """Body position (UTF-16) up to which the text is in the document."""
        return self._writer.qt_end() if self._writer is not None else 0

    def _next_slice(self) -> None:
        writer = self._writer
        if writer is None:
            return
        writer.write(SLICE_CHARS)
        self.progressed.emit()
        if writer.finished:
            self.finished.emit()
        else:
            self._timer.start()
