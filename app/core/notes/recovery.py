"""Crash safety around notes.sqlite3: open markers, daily backups, integrity checks, recovery.

Nothing here deletes a notes database: a damaged file is renamed aside with a timestamp and
the user is told where it is.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.core.files import create_private_file
from app.core.i18n import tr
from app.core.i18n.formats import long_date
from app.core.notes.model import COLUMNS
from app.core.paths import DataPaths

log = logging.getLogger(__name__)

KEEP_BACKUPS = 7
_BACKUP_NAME = re.compile(r"^notes-(\d{8})-(\d{6})-(\d{6})\.sqlite3$")
_MARKER_PREFIX = "notes.sqlite3.open."


# --- open markers: one per open store, named with its pid, removed on clean close ----------


class OpenMarker:
    """Marks this process as having the store open; a marker of a dead process = unclean exit."""

    def __init__(self, root: Path) -> None:
        self.path = root / f"{_MARKER_PREFIX}{os.getpid()}.{uuid.uuid4().hex[:8]}"

    def create(self) -> None:
        create_private_file(self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def stale_markers(root: Path) -> list[Path]:
    """Markers left by processes that are gone: they did not close the store cleanly."""
    stale = []
    for marker in root.glob(_MARKER_PREFIX + "*"):
        pid_text = marker.name[len(_MARKER_PREFIX) :].split(".")[0]
        if not pid_text.isdigit() or not _process_alive(int(pid_text)):
            stale.append(marker)
    return stale


def _process_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return False  # then a live process's marker only costs an extra integrity check
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- checks -----------------------------------------------------------------------------------


def check_ok(conn: sqlite3.Connection, *, thorough: bool) -> bool:
    pragma = "integrity_check" if thorough else "quick_check"
    rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    return [tuple(r) for r in rows] == [("ok",)]


def file_is_sound(path: Path) -> bool:
    """A full integrity check of a database file, opened read-only; False if unreadable."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return check_ok(conn, thorough=True)
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


# --- backups ----------------------------------------------------------------------------------


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups oldest first (their names sort by time)."""
    if not backups_dir.is_dir():
        return []
    return sorted(p for p in backups_dir.iterdir() if _BACKUP_NAME.match(p.name))


def backup_due(backups_dir: Path, now: datetime) -> bool:
    day = now.strftime("%Y%m%d")
    return not any(p.name.startswith(f"notes-{day}-") for p in list_backups(backups_dir))


def take_backup(conn: sqlite3.Connection, backups_dir: Path, now: datetime) -> Path:
    """Copy the live database with SQLite's online backup API, then keep the last 7."""
    backups_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    final = backups_dir / f"notes-{now:%Y%m%d-%H%M%S-%f}.sqlite3"
    tmp = final.with_name(final.name + ".tmp")
    create_private_file(tmp)
    dst = sqlite3.connect(tmp)
    try:
        conn.backup(dst)
    finally:
        dst.close()
    # Rename last so a half-written backup never looks like a good one.
    os.replace(tmp, final)
    for old in list_backups(backups_dir)[:-KEEP_BACKUPS]:
        old.unlink()
    return final


# --- recovery ---------------------------------------------------------------------------------


def move_aside(db: Path, now: datetime) -> Path:
    """Rename the damaged database (and its -wal/-shm, which belong to it) with a timestamp."""
    damaged = db.with_name(f"{db.name}.damaged-{now:%Y%m%d-%H%M%S-%f}")
    os.replace(db, damaged)
    for suffix in ("-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            # A stale -wal next to a new database would be replayed into it.
            os.replace(side, damaged.with_name(damaged.name + suffix))
    return damaged


def restore_newest_sound_backup(paths: DataPaths) -> Path | None:
    """Copy the newest backup that passes integrity_check into place; None if there is none."""
    for backup in reversed(list_backups(paths.backups_dir)):
        if not file_is_sound(backup):
            log.warning("Skipping damaged notes backup %s", backup)
            continue
        create_private_file(paths.notes_db)
        src = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(paths.notes_db)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return backup
    return None


def salvage_rows(damaged: Path) -> list[tuple[object, ...]]:
    """Best-effort read of note rows from a damaged file, from both ends of the table."""
    return salvage_table(damaged, f"SELECT {COLUMNS} FROM notes")


def salvage_table(
    damaged: Path,
    select: str,
    key: Callable[[tuple[object, ...]], object] = lambda row: row[0],
    order_by: str = "rowid",
) -> list[tuple[object, ...]]:
    """Best-effort read of a table's rows from a damaged file, from both ends of the table.

    A damaged page stops a scan; scanning forwards and then backwards gets the rows on
    either side of it. The file is opened read-only and left as it is. A table the file
    does not have (an older schema) gives nothing.
    """
    rows: dict[object, tuple[object, ...]] = {}
    for order in ("ASC", "DESC"):
        try:
            conn = sqlite3.connect(f"{damaged.as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            log.warning("Cannot open damaged notes file %s: %s", damaged, exc)
            return []
        try:
            for row in conn.execute(f"{select} ORDER BY {order_by} {order}"):
                rows.setdefault(key(tuple(row)), tuple(row))
        except sqlite3.DatabaseError as exc:
            log.warning("Salvage scan %s of %s stopped: %s", order, damaged, exc)
        finally:
            conn.close()
    return list(rows.values())


def backup_date(backup: Path) -> str:
    """When a backup was taken, in the reader's language: "1 février 2022, 14:05 UTC"."""
    m = _BACKUP_NAME.match(backup.name)
    if not m:
        return backup.name
    with contextlib.suppress(ValueError):
        taken = datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
        return tr("{date}, {time} UTC").format(date=long_date(taken.date()), time=f"{taken:%H:%M}")
    return backup.name
