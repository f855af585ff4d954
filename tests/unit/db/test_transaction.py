"""The one write transaction: all of it saved, or none of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.db.transaction import write_transaction


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (x INTEGER)")
    yield conn
    conn.close()


def test_a_finished_body_is_committed(conn: sqlite3.Connection, tmp_path: Path) -> None:
    with write_transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
    other = sqlite3.connect(tmp_path / "db.sqlite3")
    assert other.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_a_failing_body_leaves_nothing_behind(conn: sqlite3.Connection) -> None:
    with pytest.raises(ValueError, match="stop"), write_transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        raise ValueError("stop")
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
    assert not conn.in_transaction


def test_a_refused_commit_is_rolled_back(conn: sqlite3.Connection) -> None:
    # A deferred foreign key is checked at COMMIT: the COMMIT fails like a full disk's would.
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE c (p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(sqlite3.IntegrityError), write_transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        conn.execute("INSERT INTO c VALUES (42)")
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
