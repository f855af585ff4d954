"""The orders notes are listed in: as SQL for the store, as sort keys for lists in memory.

Each order is defined once here, in both forms side by side, so a list the window sorts
itself and the list the store returns cannot drift apart.
"""

from __future__ import annotations

from app.core.notes.model import Note

BY_POSITION_SQL = "ORDER BY start_pos IS NULL, start_pos, created"
"""A document's notes: anchored ones by where their passage starts, then free ones."""

NEWEST_FIRST_SQL = "ORDER BY updated DESC"
"""Most recently edited first (the trash, All notes)."""


def by_position(note: Note) -> tuple[bool, int, str]:
    """The sort key of ``BY_POSITION_SQL``."""
    start = note.anchor.start if note.anchor is not None else 0
    return (note.anchor is None, start, note.created)


def newest_first(note: Note) -> tuple[int, ...]:
    """The sort key of ``NEWEST_FIRST_SQL`` (stamps sort as text; invert each code point)."""
    return tuple(-ord(c) for c in note.updated)
