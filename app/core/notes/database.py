"""Opening notes.sqlite3: connection settings, self-check, recovery, read-only fallback, merge.

Kept apart from the store's note operations so each module stays readable.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.core.dates import parse_timestamp
from app.core.db.migrations import schema_version
from app.core.db.read_only import open_read_only as open_file_read_only
from app.core.db.transaction import write_transaction
from app.core.files import create_private_file
from app.core.i18n import tr
from app.core.notes import collections as shelf
from app.core.notes import reading, recovery
from app.core.notes.errors import NotesStorageError, is_corruption, storage_error
from app.core.notes.model import COLUMNS, Note, note_from_row, note_to_row
from app.core.notes.schema import SCHEMA_VERSION, migrate
from app.core.paths import DataPaths

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 5.0
INSERT = f"INSERT INTO notes ({COLUMNS}) VALUES ({', '.join('?' * 15)})"
UPSERT = INSERT.replace("INSERT", "INSERT OR REPLACE", 1)
_MAGIC = b"SQLite format 3\x00"


@dataclass
class Opened:
    conn: sqlite3.Connection
    marker: recovery.OpenMarker | None = None
    recovery_message: str | None = None


def probe_writable(root: Path) -> bool:
    """Really try to create a file: permission bits lie for root and on read-only mounts."""
    probe = root / f".carnet-write-probe-{os.getpid()}"
    try:
        create_private_file(probe)
        probe.unlink()
    except OSError:
        return False
    return True


def connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    # isolation_level=None: the store issues BEGIN IMMEDIATE/COMMIT itself, so the write lock
    # is taken up front (no deadlock upgrading a read lock) and each change is one transaction.
    conn = sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=uri, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _connect_wal(db: Path) -> sqlite3.Connection:
    conn = connect(str(db))
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a note is on disk when add() returns, even across a power cut.
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def open_writable(paths: DataPaths) -> Opened:
    """Open (creating if needed), check, recover if damaged, migrate, mark open, back up."""
    db = paths.notes_db
    stale = recovery.stale_markers(paths.root)
    try:
        if not db.exists():
            create_private_file(db)
        opened = _open_checked(paths, thorough=bool(stale))
        opened.marker = recovery.OpenMarker(paths.root)
        opened.marker.create()
        for marker in stale:  # the unclean exit they recorded has just been checked
            marker.unlink(missing_ok=True)
    except (sqlite3.Error, OSError) as exc:
        raise storage_error(exc, paths.root, writing=False) from exc
    backup_if_due(opened.conn, paths)
    return opened


def _header_ok(db: Path) -> bool:
    """Checked before SQLite opens the file: given a bad header it may drop the -wal."""
    with db.open("rb") as f:
        head = f.read(len(_MAGIC))
    return head in (b"", _MAGIC)


def _open_checked(paths: DataPaths, *, thorough: bool) -> Opened:
    db = paths.notes_db
    try:
        if not _header_ok(db):
            raise sqlite3.DatabaseError("file is not a database (bad header)")
        conn = _connect_wal(db)
    except sqlite3.DatabaseError as exc:
        if not is_corruption(exc):
            raise
        log.error("Notes database %s is damaged: %s", db, exc)
    else:
        try:
            if recovery.check_ok(conn, thorough=thorough):
                migrate(conn)
                return Opened(conn)
            log.error("Notes database %s failed its integrity check", db)
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                conn.close()
                raise
            log.error("Notes database %s is damaged: %s", db, exc)
        conn.close()
    message, damaged = _recover(paths)
    conn = _connect_wal(db)
    migrate(conn)
    _merge_salvaged(conn, damaged)
    return Opened(conn, recovery_message=message)


def _recover(paths: DataPaths) -> tuple[str, Path]:
    damaged = recovery.move_aside(paths.notes_db, datetime.now(UTC))
    backup = recovery.restore_newest_sound_backup(paths)
    if backup is None:
        create_private_file(paths.notes_db)
        return (
            tr(
                "Your notes database was damaged and no sound backup was found, so Carnet "
                "started a new notes database. The damaged file was kept at {path}; notes "
                "that could still be read from it were copied back."
            ).format(path=damaged),
            damaged,
        )
    return (
        tr(
            "Your notes database was damaged and has been restored from the backup of "
            "{date}. The damaged file was kept at {path}; notes that could still be read "
            "from it were copied back, but changes made after that backup may be missing."
        ).format(date=recovery.backup_date(backup), path=damaged),
        damaged,
    )


def _merge_salvaged(conn: sqlite3.Connection, damaged: Path) -> None:
    notes: list[Note] = []
    for row in recovery.salvage_rows(damaged):
        try:
            notes.append(note_from_row(row))
        except (ValueError, TypeError) as exc:  # a half-readable row: skip it, keep the rest
            log.warning("Unreadable row in damaged notes file: %s", exc)
    if notes:
        with write_transaction(conn):
            added, updated, _same = merge(conn, notes)
        log.warning("Recovered %d notes from the damaged file %s", added + updated, damaged)
    _merge_salvaged_shelf(conn, damaged)


def _merge_salvaged_shelf(conn: sqlite3.Connection, damaged: Path) -> None:
    """Collections and reading states still readable in the damaged file come back too."""
    found = recovery.salvage_table(damaged, f"SELECT {shelf.COLUMNS} FROM collections")
    collections = []
    for row in found:
        try:
            collections.append(shelf.collection_from_row(row))
        except (ValueError, TypeError) as exc:
            log.warning("Unreadable collection in damaged notes file: %s", exc)
    members: dict[str, set[str]] = {}
    for cid, doc_id in recovery.salvage_table(
        damaged,
        "SELECT collection, doc_id FROM collection_documents",
        key=lambda r: r,
        order_by="collection, doc_id",  # a table WITHOUT ROWID
    ):
        members.setdefault(str(cid), set()).add(str(doc_id))
    states = []
    for row in recovery.salvage_table(damaged, f"SELECT {reading.COLUMNS} FROM reading"):
        try:
            states.append(reading.state_from_row(row))
        except (ValueError, TypeError) as exc:
            log.warning("Unreadable reading state in damaged notes file: %s", exc)
    if collections or states:
        with write_transaction(conn):
            shelf.merge(conn, collections, members)
            reading.merge(conn, states)
        log.warning(
            "Recovered %d collections and %d reading states from %s",
            len(collections),
            len(states),
            damaged,
        )


def open_read_only(paths: DataPaths) -> sqlite3.Connection:
    db = paths.notes_db
    try:
        if not db.exists():
            conn = connect(":memory:")  # no notes yet: an empty, schema-shaped store
            migrate(conn)
            return conn
        conn = open_file_read_only(
            db, "SELECT count(*) FROM sqlite_master", lambda uri: connect(uri, uri=True)
        )
        if schema_version(conn) != SCHEMA_VERSION:
            conn.close()
            raise NotesStorageError(
                tr(
                    "The notes database in {folder} needs an upgrade, but the data "
                    "directory is read-only. Make it writable and start Carnet again."
                ).format(folder=paths.root)
            )
        return conn
    except sqlite3.Error as exc:
        raise storage_error(exc, paths.root, writing=False) from exc


def backup_if_due(conn: sqlite3.Connection, paths: DataPaths) -> None:
    now = datetime.now(UTC)
    try:
        empty = conn.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM notes) AND NOT EXISTS (SELECT 1 FROM collections)"
            " AND NOT EXISTS (SELECT 1 FROM reading)"
        ).fetchone()[0]
        # An empty database has nothing to protect; backing it up would only push a useful
        # backup out of the rotation.
        if not empty and recovery.backup_due(paths.backups_dir, now):
            recovery.take_backup(conn, paths.backups_dir, now)
    except (sqlite3.Error, OSError) as exc:
        # A missed backup must not stop the reader from opening their notes.
        log.warning("Could not back up the notes database: %s", exc)


def merge(conn: sqlite3.Connection, notes: Sequence[Note]) -> tuple[int, int, int]:
    """Insert or update by id inside the caller's transaction; (added, updated, unchanged)."""
    added = updated = unchanged = 0
    for note in notes:
        row = conn.execute(f"SELECT {COLUMNS} FROM notes WHERE id = ?", (note.id,)).fetchone()
        if row is None:
            conn.execute(INSERT, note_to_row(note))
            added += 1
            continue
        current = note_from_row(row)
        if current != note and parse_timestamp(note.updated) > parse_timestamp(current.updated):
            conn.execute(UPSERT, note_to_row(note))
            updated += 1
        else:
            unchanged += 1
    return added, updated, unchanged
