"""The one write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``, all of it or none of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Take the write lock up front, commit on success, roll back on any error.

    IMMEDIATE: a reader upgrading to a writer mid-transaction could deadlock with another
    process; taking the lock first makes it wait (busy timeout) instead. A failed COMMIT
    (disk full) can leave the transaction open, so it is rolled back too. The connection
    must be in autocommit mode (``isolation_level=None``).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
