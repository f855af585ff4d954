"""Schema of notes.sqlite3 and its migrations, versioned with ``PRAGMA user_version``.

Append to MIGRATIONS, never edit a released step: a database at version N runs the steps
after N, in one transaction with the version bump, so a failed upgrade changes nothing.
"""

from __future__ import annotations

import sqlite3

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

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database to SCHEMA_VERSION; the connection must be in autocommit mode."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise NotesStorageError(
                f"The notes database was written by a newer Carnet (schema {version}, this "
                f"version knows {SCHEMA_VERSION}). Update Carnet to open it; it was not changed."
            )
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        if version != SCHEMA_VERSION:
            # PRAGMA cannot take parameters; the value is our own integer.
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
