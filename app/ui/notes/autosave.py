"""Autosave for the note editor: debounce, save-now, and retry until the store accepts.

Edits are kept per note until the store has them, so switching note or document while the
disk is full loses nothing: the edit stays pending, is retried on a timer and on the next
keystroke, and is shown again if that note is reopened.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.errors import NotesError
from app.core.i18n import tr
from app.core.notes import Note
from app.ui.notes.service import NotesService

SAVE_DELAY_MS = 700
RETRY_DELAY_MS = 5000


def not_saved(error: str | Exception) -> str:
    """The status of an edit the store refused: "Not saved: the disk is full…"."""
    return tr("Not saved: {error}").format(error=error)


def says_not_saved(status: str) -> bool:
    """Whether a status line is ``not_saved``'s (shown in red), in the language spoken."""
    prefix = tr("Not saved: {error}").partition("{error}")[0]
    return bool(prefix) and status.startswith(prefix)


@dataclass(frozen=True)
class Edit:
    """What the editor shows for one note; ``tags`` None leaves the stored tags alone."""

    text: str
    tags: tuple[str, ...] | None
    color: str | None

    def changes(self, note: Note) -> dict[str, object]:
        """What differs from ``note``, by field name; empty when the edit matches it."""
        out: dict[str, object] = {}
        if self.text != note.text:
            out["text"] = self.text
        if self.tags is not None and self.tags != note.tags:
            out["tags"] = self.tags
        if (self.color or None) != (note.color or None):
            out["color"] = self.color or ""  # "" removes the colour in the store
        return out


class AutoSaver(QObject):
    """Holds unsaved edits and writes them to the store; never writes an unchanged note."""

    # The note as saved, and the id it had before (differs when a vanished note was re-added).
    saved = Signal(object, str)
    failed = Signal(str)
    statusChanged = Signal(str)

    def __init__(self, notes: NotesService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notes = notes
        self._base: dict[str, Note] = {}
        self._pending: dict[str, Edit] = {}
        self._error: str | None = None
        self._status = ""
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_now)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_DELAY_MS)
        self.retry_timer.timeout.connect(self.save_now)

    # --- state --------------------------------------------------------------------------------

    @property
    def status(self) -> str:
        return self._status

    @property
    def last_error(self) -> str | None:
        return self._error

    def has_pending(self) -> bool:
        return bool(self._pending)

    def pending_for(self, note_id: str) -> Edit | None:
        return self._pending.get(note_id)

    def pending_ids(self) -> list[str]:
        return list(self._pending)

    def _set_status(self, status: str) -> None:
        if status != self._status:
            self._status = status
            self.statusChanged.emit(status)

    def _refresh_status(self) -> None:
        if self._pending and self._error:
            self._set_status(not_saved(self._error))
        elif self._pending:
            self._set_status(tr("Saving…"))
        else:
            self._set_status(tr("Saved"))

    # --- edits --------------------------------------------------------------------------------

    def stage(self, note: Note, edit: Edit) -> None:
        """Record what the editor shows for ``note``; saved after a short pause in typing."""
        # The panel passes the store's latest version of the note: compare against that.
        self._base[note.id] = note
        if edit.changes(note):
            self._pending[note.id] = edit
            self.save_timer.start()
        else:
            # Typed and undone before the pause: nothing to write.
            self._pending.pop(note.id, None)
        self._refresh_status()

    def save_now(self) -> bool:
        """Write every pending edit; True when nothing is left unsaved."""
        self.save_timer.stop()
        self.retry_timer.stop()
        error: str | None = None
        for note_id, edit in list(self._pending.items()):
            try:
                saved = self._write(note_id, edit)
            except NotesError as exc:
                error = str(exc)
                continue
            # Only forget the edit if no newer one was staged while writing.
            if self._pending.get(note_id) == edit:
                del self._pending[note_id]
            self._base.pop(note_id, None)
            self._base[saved.id] = saved
            self.saved.emit(saved, note_id)
        self._error = error
        self._refresh_status()
        if error is not None:
            self.retry_timer.start()
            self.failed.emit(error)
        return not self._pending

    def _write(self, note_id: str, edit: Edit) -> Note:
        base = self._base[note_id]
        changes = edit.changes(base)
        if not changes:
            return base
        return self._notes.save_edit(
            base,
            text=edit.text if "text" in changes else None,
            tags=edit.tags if "tags" in changes else None,
            color=edit.color or "" if "color" in changes else None,
        )
