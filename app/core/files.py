"""Creating and writing files: owner-only from the start, never half a file left in place."""

from __future__ import annotations

import os
from pathlib import Path

from app.core.errors import DataDirError
from app.core.i18n import tr


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` beside ``path``, flush it to disk, then swap it in."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        message = tr("Cannot write {path}: {error}").format(path=path, error=exc.strerror or exc)
        raise DataDirError(message) from exc


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only (0600) unless it exists; never truncates.

    SQLite gives a database's -wal/-shm the database file's mode, so creating the file
    first is what keeps them private. An existing file's mode is left alone: it was made
    here (0600) or chosen by the user.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)
    os.chmod(path, 0o600)  # whatever the umask took away, the owner can read and write
