"""Reading status, position and last-read date of each document.

Plain functions over the notes database's connection, called by ``NotesStore`` inside its
transactions. A document with no row is unread at its start. The status moves by itself
(opening an unread document makes it "reading", reaching its end makes it "finished")
and by hand; the reader's own choice always wins, so a document marked unread by hand
becomes "reading" again only when it is next opened.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from app.core.dates import now_iso, parse_timestamp
from app.core.errors import NotesError
from app.core.i18n import tr, tr_noop

UNREAD, READING, FINISHED = "unread", "reading", "finished"
STATUSES = (UNREAD, READING, FINISHED)
"""The statuses, in reading order; these words are the command line's and JSON's."""
STATUS_LABELS = {
    UNREAD: tr_noop("Unread"),
    READING: tr_noop("Reading"),
    FINISHED: tr_noop("Finished"),
}
COLUMNS = "doc_id, status, position, progress, last_read, updated"


@dataclass(frozen=True)
class ReadingState:
    doc_id: str
    status: str = UNREAD
    position: int = 0  # the reader's offset at the top of the view (``reading_position``)
    progress: float = 0.0  # how far through the text, 0 to 1
    last_read: str | None = None  # ISO UTC timestamp of the last opening or reading
    updated: str = ""  # when any of this last changed; the newer wins an import

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "status": self.status,
            "position": self.position,
            "progress": self.progress,
            "last_read": self.last_read,
            "updated": self.updated,
        }


def status_label(status: str) -> str:
    """The status as the reader reads it ("Finished", « Terminé »)."""
    return tr(STATUS_LABELS[status])


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise NotesError(
            tr("Unknown reading status “{status}”: use {choices}.").format(
                status=status, choices=", ".join(STATUSES)
            )
        )
    return status


def state_from_row(row: Sequence[object]) -> ReadingState:
    doc_id, status, position, progress, last_read, updated = row
    return ReadingState(
        str(doc_id),
        str(status),
        int(position),  # type: ignore[call-overload]
        float(progress),  # type: ignore[arg-type]
        None if last_read is None else str(last_read),
        str(updated),
    )


def all_states(conn: sqlite3.Connection) -> dict[str, ReadingState]:
    return {str(r[0]): state_from_row(r) for r in conn.execute(f"SELECT {COLUMNS} FROM reading")}


def state(conn: sqlite3.Connection, doc_id: str) -> ReadingState:
    row = conn.execute(f"SELECT {COLUMNS} FROM reading WHERE doc_id = ?", (doc_id,)).fetchone()
    return ReadingState(doc_id) if row is None else state_from_row(row)


def put(conn: sqlite3.Connection, new: ReadingState) -> None:
    conn.execute(
        f"INSERT OR REPLACE INTO reading ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        (new.doc_id, new.status, new.position, new.progress, new.last_read, new.updated),
    )


def _changed(conn: sqlite3.Connection, old: ReadingState, new: ReadingState) -> ReadingState:
    if new == old:
        return old
    new = replace(new, updated=now_iso())
    put(conn, new)
    return new


def set_status(conn: sqlite3.Connection, doc_id: str, status: str) -> ReadingState:
    """By hand: the status the reader chose. Finished means read to the end."""
    old = state(conn, doc_id)
    new = replace(old, status=check_status(status))
    if status == FINISHED:
        new = replace(new, progress=1.0)
    return _changed(conn, old, new)


def opened(conn: sqlite3.Connection, doc_id: str) -> ReadingState:
    """The document was opened: it is being read (unless finished), and read today."""
    old = state(conn, doc_id)
    status = READING if old.status == UNREAD else old.status
    return _changed(conn, old, replace(old, status=status, last_read=now_iso()))


def read_to(conn: sqlite3.Connection, doc_id: str, position: int, progress: float) -> ReadingState:
    """Where the reader is in the document (on leaving it, on quitting)."""
    old = state(conn, doc_id)
    progress = min(1.0, max(0.0, float(progress)))
    new = replace(old, position=max(0, int(position)), progress=round(progress, 4))
    return _changed(conn, old, new)


def reached_end(conn: sqlite3.Connection, doc_id: str) -> ReadingState:
    """The reader scrolled to the end of the text: finished."""
    old = state(conn, doc_id)
    new = replace(old, status=FINISHED, progress=1.0, last_read=old.last_read or now_iso())
    return _changed(conn, old, new)


def merge(conn: sqlite3.Connection, states: Sequence[ReadingState]) -> tuple[int, int, int]:
    """Import: the newer ``updated`` wins per document; (added, updated, unchanged)."""
    added = updated = unchanged = 0
    for new in states:
        row = conn.execute(f"SELECT {COLUMNS} FROM reading WHERE doc_id = ?", (new.doc_id,))
        found = row.fetchone()
        mine = None if found is None else state_from_row(found)
        if mine is None:
            added += 1
        elif mine != new and parse_timestamp(new.updated) > parse_timestamp(mine.updated):
            updated += 1
        else:
            unchanged += 1
            continue
        put(conn, new)
    return added, updated, unchanged
