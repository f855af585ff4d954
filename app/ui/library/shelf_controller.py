"""Organising the library from the window: collections and reading statuses, written.

One door for the sidebar's and the list's writes: each asks the writable notes store,
says what it did (or why it could not) in one message, and emits ``changed`` once, after
which the sidebar's counts and the list's status column are read again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Signal

from app.core.errors import CarnetError
from app.core.groups import Shelf, read_shelf
from app.core.i18n import tr, trn
from app.core.i18n.formats import number
from app.core.library.records import DocumentRecord
from app.core.library.store import Library
from app.core.notes.reading import status_label
from app.core.notes.store import NotesStore


class ShelfController(QObject):
    changed = Signal()  # collections, their documents or statuses changed
    message = Signal(str)  # what was done, for the status bar
    failed = Signal(str)  # why it could not be done (nothing was changed)

    def __init__(self, notes: NotesStore, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notes = notes
        self._library = library

    def shelf(self, records: Sequence[DocumentRecord], note_counts: Mapping[str, int]) -> Shelf:
        """What the sidebar's groups are computed from: the list's records and note counts
        (which follow each note's change without reading every note again), and the store."""
        try:
            return read_shelf(self._library, self._notes, records=records, note_counts=note_counts)
        except CarnetError as exc:  # the notes unreadable: the library is still shown
            self.failed.emit(str(exc))
            return read_shelf(self._library, None, records=records)

    # ---- collections -------------------------------------------------------------------

    def create_collection(self, name: str, parent: str = "") -> bool:
        try:
            made = self._notes.create_collection(name, parent or None)
        except CarnetError as exc:
            self.failed.emit(str(exc))
            return False
        self._done(tr("Collection “{name}” created.").format(name=made.name))
        return True

    def rename_collection(self, old: str, new: str) -> bool:
        try:
            renamed = self._notes.rename_collection(old, new)
        except CarnetError as exc:
            self.failed.emit(str(exc))
            self.changed.emit()  # the row edited in place shows the name kept again
            return False
        self._done(tr("Collection renamed to “{name}”.").format(name=renamed.name))
        return True

    def move_collection(self, name: str, parent: str = "") -> bool:
        """Put ``name`` inside ``parent`` ("" = at the top level); the store's rules decide."""
        try:
            moved = self._notes.move_collection(name, parent or None)
            holder = self._notes.find_collection(parent) if parent else None
        except CarnetError as exc:
            self.failed.emit(str(exc))
            return False
        if holder is not None:
            text = tr("“{name}” is now in “{parent}”.").format(name=moved.name, parent=holder.name)
        else:
            text = tr("“{name}” is now a top-level collection.").format(name=moved.name)
        self._done(text)
        return True

    def delete_collection(self, name: str) -> bool:
        try:
            gone = self._notes.delete_collection(name)
        except CarnetError as exc:
            self.failed.emit(str(exc))
            return False
        self._done(
            tr("Collection “{name}” deleted; its documents stay in the library.").format(
                name=gone.name
            )
        )
        return True

    def add_to_collection(self, name: str, doc_ids: Sequence[str], *, create: bool = False) -> int:
        """Put documents in ``name`` (made first when ``create``); how many were new in it."""
        try:
            added = self._notes.add_to_collection(name, list(doc_ids), create=create)
            shown = self._notes.find_collection(name)
        except CarnetError as exc:
            self.failed.emit(str(exc))
            return 0
        label = shown.name if shown is not None else name
        if added:
            text = trn("{n} document added to “{name}”.", "{n} documents added to “{name}”.", added)
            self._done(text.format(n=number(added), name=label))
        else:
            self._done(tr("Already in “{name}”.").format(name=label))
        return added

    def remove_from_collection(self, name: str, doc_ids: Sequence[str]) -> int:
        """Take documents out of ``name`` (they stay in the library)."""
        try:
            removed = self._notes.remove_from_collection(name, list(doc_ids))
        except CarnetError as exc:
            self.failed.emit(str(exc))
            return 0
        text = trn(
            "{n} document removed from “{name}”.", "{n} documents removed from “{name}”.", removed
        )
        self._done(text.format(n=number(removed), name=name))
        return removed

    # ---- reading status ----------------------------------------------------------------

    def set_status(self, doc_ids: Sequence[str], status: str) -> None:
        """Mark documents unread, reading or finished, by hand."""
        done = 0
        try:
            for doc_id in doc_ids:
                self._notes.set_status(doc_id, status)
                done += 1
        except CarnetError as exc:
            self.failed.emit(str(exc))
            if not done:
                return
        text = trn("{n} document marked “{status}”.", "{n} documents marked “{status}”.", done)
        self._done(text.format(n=number(done), status=status_label(status)))

    def _done(self, message: str) -> None:
        self.message.emit(message)
        self.changed.emit()
