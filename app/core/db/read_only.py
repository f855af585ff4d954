"""The one read-only opener, for a database in a data directory Carnet cannot write."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

Connect = Callable[[str], sqlite3.Connection]
"""Opens a ``file:`` URI (``uri=True``) with the caller's own settings."""


def _connect_uri(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def open_read_only(
    db_path: Path, probe: str, connect: Connect = _connect_uri
) -> sqlite3.Connection:
    """``mode=ro``, or ``immutable=1`` when even that cannot read the file.

    A WAL database needs a -shm file, which a read-only directory cannot hold; ``immutable``
    reads the file as it is (nobody can be writing it there anyway). ``probe``, a query,
    proves the connection reads; the immutable attempt's error is raised if both fail.
    """
    uri = db_path.as_uri()
    try:
        return _probed(connect(f"{uri}?mode=ro"), probe)
    except sqlite3.OperationalError:
        return _probed(connect(f"{uri}?mode=ro&immutable=1"), probe)


def _probed(conn: sqlite3.Connection, probe: str) -> sqlite3.Connection:
    try:
        conn.execute(probe).fetchone()
    except BaseException:
        conn.close()
        raise
    return conn
