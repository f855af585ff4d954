"""Schema of notes.sqlite3 and its migrations, versioned with ``PRAGMA user_version``.

Append to MIGRATIONS, never edit a released step: ``db.migrations`` runs the steps after
the database's version, in one transaction with the version bump.
"""

from __future__ import annotations

import sqlite3

from app.core.db import migrations
from app.core.i18n import tr
from app.core.notes.errors import NotesStorageError

_V1 = (
    """
    CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        text TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]',
        color TEXT,
        quote TEXT,
        prefix TEXT,
        suffix TEXT,
        start_pos INTEGER,
        end_pos INTEGER,
        text_hash TEXT,
        orphan INTEGER NOT NULL DEFAULT 0,
        trashed INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        CHECK ((quote IS NULL) = (start_pos IS NULL)),
        CHECK (start_pos IS NULL OR (0 <= start_pos AND start_pos < end_pos))
    )
    """,
    "CREATE INDEX notes_by_doc ON notes (doc_id, trashed, start_pos)",
)

# 2: what the reader organises and cannot rebuild from the files (issue 14): collections,
# their documents, and each document's reading status, position and last-read date. They
# live beside the notes so they share the notes' guarantees (WAL, full sync, backups,
# recovery, export and import). Documents are named by id: a collection keeps a document
# that left the library, as notes do, and finds it again when it comes back.
_V2 = (
    """
    CREATE TABLE collections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        parent TEXT REFERENCES collections(id) ON DELETE SET NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        CHECK (parent IS NULL OR parent <> id)
    )
    """,
    """
    CREATE TABLE collection_documents (
        collection TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL,
        added TEXT NOT NULL,
        PRIMARY KEY (collection, doc_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX collection_documents_by_doc ON collection_documents (doc_id)",
    """
    CREATE TABLE reading (
        doc_id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('unread', 'reading', 'finished')),
        position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        last_read TEXT,
        updated TEXT NOT NULL
    )
    """,
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database to SCHEMA_VERSION; the connection must be in autocommit mode."""

    def too_new(found: int, known: int) -> NotesStorageError:
        return NotesStorageError(
            tr(
                "The notes database was written by a newer Carnet (schema {found}, this "
                "version knows {known}). Update Carnet to open it; it was not changed."
            ).format(found=found, known=known)
        )

    migrations.migrate(conn, MIGRATIONS, too_new)
