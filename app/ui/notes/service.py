"""NotesService: the window's one door for changing notes, and its one "what changed" signal.

Every write the window makes (new note, highlight, autosaved edit, trash, undo) goes
through here, so the reader's highlights, the library's note counts and the note lists
follow each change from ``changed`` instead of reading every note and count again.
Writes stay on the GUI thread: one takes well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Signal

from app.core.i18n import tr
from app.core.notes import Anchor, Note, NoteNotFound, NotesStore
from app.core.notes.pages import NotePages
from app.core.paths import DataPaths


class ChangeKind(Enum):
    ADDED = "added"
    EDITED = "edited"
    TRASHED = "trashed"
    RESTORED = "restored"
    REPLACED = "replaced"
    """An edit of a note that vanished under us (trash emptied elsewhere), saved as a new note."""


# How many live notes the document gains with each kind of change. A replaced note was
# still counted by the window (it vanished elsewhere): its successor takes its place.
_COUNT_DELTA = {
    ChangeKind.ADDED: 1,
    ChangeKind.EDITED: 0,
    ChangeKind.TRASHED: -1,
    ChangeKind.RESTORED: 1,
    ChangeKind.REPLACED: 0,
}


@dataclass(frozen=True)
class NoteChange:
    """One change to one note, as the store now holds it."""

    kind: ChangeKind
    doc_id: str
    note_id: str
    note: Note | None
    """The note as stored now; None when it left the live notes (trashed)."""
    previous_id: str | None = None
    """For REPLACED: the id of the note that vanished, which ``note`` replaces."""

    @property
    def count_delta(self) -> int:
        """What the document's number of live notes changed by."""
        return _COUNT_DELTA[self.kind]


class NotesService(QObject):
    """Writes notes to the store and says what changed; raises the store's NotesError."""

    changed = Signal(object)  # NoteChange

    def __init__(
        self, store: NotesStore, parent: QObject | None = None, *, pages: NotePages | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._pages = pages

    @property
    def paths(self) -> DataPaths:
        """The data directory (a worker thread opens its own connection there)."""
        return self._store.paths

    # --- reads --------------------------------------------------------------------------------

    def notes_of(self, doc_id: str) -> list[Note]:
        """The live notes of one document, in the store's position order."""
        return self._store.list(doc_id)

    def get(self, note_id: str) -> Note:
        return self._store.get(note_id)

    def page_label(self, note: Note) -> str:
        """ "p. 12" for a note on a paged document (PDF); "" otherwise."""
        page = self._pages.page_of(note) if self._pages is not None else None
        return tr("p. {page}").format(page=page) if page is not None else ""

    def remember_text(self, doc_id: str, text: str) -> None:
        """The text a document is shown with now: its notes' pages are counted in it."""
        if self._pages is not None:
            self._pages.remember(doc_id, text)

    # --- writes -------------------------------------------------------------------------------

    def add(
        self,
        doc_id: str,
        text: str = "",
        *,
        tags: Sequence[str] = (),
        anchor: Anchor | None = None,
        color: str | None = None,
    ) -> Note:
        note = self._store.add(doc_id, text, tags=tags, anchor=anchor, color=color)
        self._emit(ChangeKind.ADDED, note)
        return note

    def save_edit(
        self,
        base: Note,
        *,
        text: str | None = None,
        tags: Sequence[str] | None = None,
        color: str | None = None,
    ) -> Note:
        """Write what changed in ``base`` (``color=""`` removes the colour).

        If the note vanished under us (its trash emptied from another window or the
        command line), the writing is kept as a new note with the same passage rather
        than dropped: a REPLACED change naming both ids.
        """
        try:
            note = self._store.update(base.id, text=text, tags=tags, color=color)
        except NoteNotFound:
            note = self._store.add(
                base.doc_id,
                base.text if text is None else text,
                tags=base.tags if tags is None else tags,
                anchor=base.anchor,
                color=(base.color if color is None else color) or None,
            )
            self._emit(ChangeKind.REPLACED, note, previous_id=base.id)
            return note
        if note != base:
            self._emit(ChangeKind.EDITED, note)
        return note

    def trash(self, note_id: str) -> Note:
        """Move a note to the trash; returns it as it was, for an Undo."""
        note = self._store.get(note_id)
        self._store.trash(note_id)
        self.changed.emit(NoteChange(ChangeKind.TRASHED, note.doc_id, note.id, None))
        return note

    def restore(self, note_id: str) -> Note:
        """Bring a note back from the trash; returns it as stored now."""
        self._store.restore(note_id)
        note = self._store.get(note_id)
        self._emit(ChangeKind.RESTORED, note)
        return note

    def _emit(self, kind: ChangeKind, note: Note, previous_id: str | None = None) -> None:
        self.changed.emit(NoteChange(kind, note.doc_id, note.id, note, previous_id))
