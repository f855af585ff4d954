"""The library catalogue's SQLite schema: append-only migrations and the step that runs them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.errors import LibraryError

# Append-only, like the notes schema: a library at version N runs the steps after N in one
# transaction with the version bump (``PRAGMA user_version``). Step 1 is what Carnet wrote
# before versions were read (user_version 0, meta "schema" 1): its IF NOT EXISTS makes it
# harmless on such a library, which then takes the later steps like any other.
_V1 = (
    """CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        source TEXT,
        date TEXT,
        words INTEGER NOT NULL,
        reading_minutes INTEGER NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        text TEXT NOT NULL,
        added TEXT NOT NULL,
        indexed INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE TABLE IF NOT EXISTS roots (path TEXT PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS index_removals (id TEXT PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
# 2: the structure of each document's text (``structure.blocks_to_json``).
_V2 = ("ALTER TABLE documents ADD COLUMN blocks TEXT",)
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, db_path: Path) -> None:
    """Bring the library at ``db_path`` to SCHEMA_VERSION; ``db`` must be in autocommit mode.

    A library from a newer Carnet is refused untouched (``LibraryError``).
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"The library {db_path} was written by a newer Carnet (schema "
                f"{version}, this version knows {SCHEMA_VERSION}). Update Carnet to open "
                "it; it was not changed."
            )
        for step in MIGRATIONS[version:]:
            for statement in step:
                db.execute(statement)
        if version != SCHEMA_VERSION:
            # PRAGMA takes no parameters; the value is our own integer.
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
            db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
