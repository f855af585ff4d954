"""The notes store: a reader's notes and highlights, the one thing Carnet cannot rebuild.

Plain Python (no Qt): SQLite with WAL and full sync, typed errors, rotating backups,
self-check and recovery after crashes, anchors that survive document edits.
"""

from __future__ import annotations

from app.core.notes.anchoring import Anchor, anchor_at, anchor_for_quote, relocate, text_hash
from app.core.notes.errors import (
    AnchorError,
    NoteNotFound,
    NotesCorruptError,
    NotesDiskFullError,
    NotesImportError,
    NotesLockedError,
    NotesReadOnlyError,
    NotesStorageError,
    QuoteNotFound,
)
from app.core.notes.exchange import (
    DocumentInfo,
    NotesImportReport,
    export_json,
    export_markdown,
    import_json,
)
from app.core.notes.model import Note, ReanchorReport
from app.core.notes.search import NoteHit
from app.core.notes.store import NotesStore

__all__ = [
    "Anchor",
    "AnchorError",
    "DocumentInfo",
    "Note",
    "NoteHit",
    "NoteNotFound",
    "NotesCorruptError",
    "NotesDiskFullError",
    "NotesImportError",
    "NotesImportReport",
    "NotesLockedError",
    "NotesReadOnlyError",
    "NotesStorageError",
    "NotesStore",
    "QuoteNotFound",
    "ReanchorReport",
    "anchor_at",
    "anchor_for_quote",
    "export_json",
    "export_markdown",
    "import_json",
    "relocate",
    "text_hash",
]
