"""The one migration runner: append-only steps, versioned with ``PRAGMA user_version``.

Each database keeps its own list of steps (``library/schema.py``, ``notes/schema.py``);
this module only runs them. A database at version N runs the steps after N in one
transaction with the version bump, so a failed upgrade changes nothing, and a database
written by a newer Carnet is refused untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Migrations = Sequence[Sequence[str]]
"""Step N (1-based) is ``migrations[N - 1]``: the statements that bring version N-1 to N."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    migrations: Migrations,
    too_new: Callable[[int, int], Exception],
) -> None:
    """Bring ``conn`` to ``len(migrations)``; the connection must be in autocommit mode.

    ``too_new(found, known)`` builds the error raised, after rolling back, when the
    database is newer than this Carnet: a message the user can act on.
    """
    latest = len(migrations)
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(conn)
        if version > latest:
            raise too_new(version, latest)
        for step in migrations[version:]:
            for statement in step:
                conn.execute(statement)
        if version != latest:
            # PRAGMA takes no parameters; the value is our own integer.
            conn.execute(f"PRAGMA user_version = {latest:d}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
