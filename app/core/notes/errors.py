"""Typed notes errors; sqlite3 and OS failures become messages people can act on."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from app.core.errors import NotesError
from app.core.i18n import tr

# Primary SQLite result codes (extended codes keep these in their low byte).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_NOTADB = 26


class QuoteNotFound(NotesError):
    """The passage to anchor a note to is not in the document."""

    def __init__(self, quote: str) -> None:
        shown = quote if len(quote) <= 60 else quote[:57] + "…"
        super().__init__(
            tr(
                "The passage “{quote}” was not found in this document; "
                "select it again in the reader to attach the note."
            ).format(quote=shown)
        )
        self.quote = quote


class NoteNotFound(NotesError):
    """No note has that id (it may have been deleted from the trash)."""

    def __init__(self, note_id: str) -> None:
        super().__init__(
            tr("No note with id {id}; it may have been removed from the trash.").format(id=note_id)
        )
        self.note_id = note_id


class AnchorError(NotesError):
    """A highlight's offsets do not fit the document text."""


class NotesImportError(NotesError):
    """An import file was rejected as a whole; nothing was imported."""


class NotesStorageError(NotesError):
    """The notes database could not be read or written."""


class NotesReadOnlyError(NotesStorageError):
    """The data directory (or database) is read-only: notes can be read, not saved."""


class NotesDiskFullError(NotesStorageError):
    """The disk is full: the change was not saved, earlier notes are intact."""


class NotesLockedError(NotesStorageError):
    """Another Carnet process held the database for longer than the busy timeout."""


class NotesCorruptError(NotesStorageError):
    """The database file is damaged; reopening the store restores it from a backup."""


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_corruption(exc: BaseException) -> bool:
    """True when SQLite says the file itself is damaged (not merely busy or unwritable)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    if _primary_code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    msg = str(exc).lower()
    return "malformed" in msg or "not a database" in msg


def is_read_only(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    msg = str(exc).lower()
    return (
        _primary_code(exc) in (_SQLITE_READONLY, _SQLITE_PERM)
        or "readonly" in msg
        or "read-only" in msg
    )


def storage_error(exc: BaseException, root: Path, *, writing: bool) -> NotesStorageError:
    """The typed error for a low-level failure, with a message that says what to do."""
    code = _primary_code(exc)
    msg = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or (
        code == _SQLITE_FULL or "disk is full" in msg
    ):
        return NotesDiskFullError(
            tr(
                "Notes cannot be saved: the disk holding {folder} is full. "
                "Free some space and try again; your earlier notes are intact."
            ).format(folder=root)
        )
    if is_read_only(exc):
        return read_only_error(root)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in msg or "busy" in msg:
        return NotesLockedError(
            tr(
                "Notes are busy: another Carnet window has held the notes database for more "
                "than 5 seconds. Try again in a moment; nothing was lost."
            )
        )
    if is_corruption(exc):
        return NotesCorruptError(
            tr(
                "The notes database in {folder} is damaged. Restart Carnet: it keeps the "
                "damaged file aside and restores your notes from the latest backup."
            ).format(folder=root)
        )
    # Two whole sentences, not a verb slotted in: the French participle agrees with "notes".
    if writing:
        message = tr("Notes could not be saved ({error}). Nothing was changed.")
    else:
        message = tr("Notes could not be read ({error}). Nothing was changed.")
    return NotesStorageError(message.format(error=exc))


def read_only_error(root: Path) -> NotesReadOnlyError:
    return NotesReadOnlyError(
        tr(
            "Notes cannot be saved: the data directory {folder} is read-only. Your existing "
            "notes are safe and still readable; make the directory writable or choose another "
            "one with {option}."
        ).format(folder=root, option="--data-dir")
    )
