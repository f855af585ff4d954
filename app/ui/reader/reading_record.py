"""The reader's side of reading status: what opening, leaving and reaching the end write.

Opening a document makes it "reading" and read today; leaving it (another document, the
window closing) keeps where the reader was; reading to its end makes it "finished". All of
it goes to the notes store, which keeps it with the notes' guarantees. A store that cannot
be written (a read-only data directory) must never stop the reading: the reason is said
once in the status bar and reading goes on, the position simply not kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.errors import CarnetError
from app.core.i18n import tr
from app.core.notes.reading import UNREAD, ReadingState
from app.core.notes.store import NotesStore
from app.ui.reader.view import ReaderView

log = logging.getLogger(__name__)

FINISHED_MESSAGE_MS = 4000  # a short confirmation, not a warning
SETTLE_MS = 2000
"""The position is kept once the reader has stopped moving for this long, as well as on
leaving: a crash or a power cut then loses seconds of reading, not a whole session."""


class ReadingRecord(QObject):
    readingChanged = Signal(str, object)  # doc id, its ReadingState now
    positionKept = Signal(str)  # doc id: its position written while reading
    statusMessage = Signal(str, int)  # text, how long to show it (ms; 0: until replaced)

    def __init__(
        self, notes: NotesStore, reader: ReaderView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._notes = notes
        self._reader = reader
        self._write_failure_said = False
        reader.endReached.connect(self.finished)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self._keep_position)
        reader.progressChanged.connect(self._moved)

    def position(self, doc_id: str) -> int:
        """Where the reader left ``doc_id`` (0: its start, or the store could not be read)."""
        try:
            return self._notes.reading_state(doc_id).position
        except CarnetError as exc:
            log.warning("could not read the reading position of %s: %s", doc_id, exc)
            return 0

    def opened(self, doc_id: str) -> None:
        """``doc_id`` is now in the reader: being read, last read now."""
        self._write(doc_id, lambda: self._notes.document_opened(doc_id))

    def leave(self) -> None:
        """The open document leaves the reader (or the window closes): keep its position."""
        self._settle.stop()
        doc_id = self._reader.document_id()
        if doc_id is None:
            return
        position, progress = self._reader.reading_position(), self._reader.progress()
        self._write(doc_id, lambda: self._notes.save_position(doc_id, position, progress))

    def _moved(self, _progress: float) -> None:
        self._settle.start(SETTLE_MS)  # again: one write once the reader settles

    def _keep_position(self) -> None:
        doc_id = self._reader.document_id()
        if doc_id is None:
            return
        position, progress = self._reader.reading_position(), self._reader.progress()
        # Not announced: a position changes no status, count or group, so the list and
        # the sidebar have nothing to read again.
        if self._write(
            doc_id, lambda: self._notes.save_position(doc_id, position, progress), announce=False
        ):
            self.positionKept.emit(doc_id)

    def finished(self, doc_id: str) -> None:
        """The reader scrolled to the end of ``doc_id``."""
        if self._write(doc_id, lambda: self._notes.document_finished(doc_id)):
            self.statusMessage.emit(tr("Marked as finished"), FINISHED_MESSAGE_MS)

    def carry_over(self, positions: dict[str, int]) -> bool:
        """Positions an earlier Carnet kept in its settings file, into the store once: each
        such document is being read there. False when they could not all be written."""
        try:
            for doc_id, position in positions.items():
                state = self._notes.reading_state(doc_id)
                if state.status != UNREAD or state.position:
                    continue  # the store already knows better
                self._notes.set_status(doc_id, "reading")
                self._notes.save_position(doc_id, position, 0.0)
        except CarnetError as exc:
            log.warning("reading positions kept in the settings for now: %s", exc)
            return False
        return True

    def _write(
        self, doc_id: str, write: Callable[[], ReadingState], *, announce: bool = True
    ) -> bool:
        try:
            state = write()
        except CarnetError as exc:
            if not self._write_failure_said:
                self._write_failure_said = True
                self.statusMessage.emit(str(exc), 0)
            log.warning("reading status of %s not kept: %s", doc_id, exc)
            return False
        if announce:
            self.readingChanged.emit(doc_id, state)
        return True
