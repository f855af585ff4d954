"""The library catalogue's SQLite schema: its append-only migration steps."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.db import migrations
from app.core.errors import LibraryError

# Append to MIGRATIONS, never edit a released step (``db.migrations`` runs them). Step 1 is
# what Carnet wrote before versions were read (user_version 0, and a meta "schema" row that
# nothing ever read, no longer written): its IF NOT EXISTS makes it harmless on such a
# library, which then takes the later steps like any other.
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
# 3: what PDF and EPUB bring (format, author, pages, their own contents), and documents
# whose file vanished kept as missing; the text hash is looked up when a file arrives.
_V3 = (
    "ALTER TABLE documents ADD COLUMN format TEXT",
    "ALTER TABLE documents ADD COLUMN author TEXT",
    "ALTER TABLE documents ADD COLUMN pages INTEGER",
    "ALTER TABLE documents ADD COLUMN toc TEXT",
    "ALTER TABLE documents ADD COLUMN missing INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256)",
)
# 4: the language a book declares (an EPUB's dc:language).
_V4 = ("ALTER TABLE documents ADD COLUMN language TEXT",)
# 5: arrivals are matched to gone documents by title (``moves._ids_titled``): without an
# index that read every title, 0.32 s of a watched folder's 1 s at 50,000 documents.
_V5 = ("CREATE INDEX IF NOT EXISTS documents_title ON documents(title)",)
# 6: what the index has yet to take (``journal.unindexed``, its count and ids) was a scan
# of every document: 0.16 s of each watched folder's change at 50,000 documents. A partial
# index holds only the unindexed rows, in id order, so it stays tiny.
_V6 = ("CREATE INDEX IF NOT EXISTS documents_unindexed ON documents(id) WHERE indexed = 0",)
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, db_path: Path) -> None:
    """Bring the library at ``db_path`` to SCHEMA_VERSION; ``db`` must be in autocommit mode.

    A library from a newer Carnet is refused untouched (``LibraryError``).
    """

    def too_new(found: int, known: int) -> LibraryError:
        return LibraryError(
            f"The library {db_path} was written by a newer Carnet (schema "
            f"{found}, this version knows {known}). Update Carnet to open "
            "it; it was not changed."
        )

    migrations.migrate(db, MIGRATIONS, too_new)
