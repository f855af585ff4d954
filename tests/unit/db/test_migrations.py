"""The one migration runner: steps after the stored version, all or nothing, newer refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.core.db.migrations import migrate, schema_version

STEPS = (
    ("CREATE TABLE a (x INTEGER)",),
    ("ALTER TABLE a ADD COLUMN y TEXT", "CREATE INDEX a_by_y ON a (y)"),
)


class TooNew(Exception):
    pass


def _too_new(found: int, known: int) -> TooNew:
    return TooNew(f"schema {found}, this version knows {known}")


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_a_new_database_gets_every_step_and_the_last_version(tmp_path: Path) -> None:
    conn = _open(tmp_path / "db.sqlite3")
    migrate(conn, STEPS, _too_new)
    assert schema_version(conn) == 2
    conn.execute("INSERT INTO a (x, y) VALUES (1, 'un')")
    assert conn.execute("SELECT y FROM a").fetchall() == [("un",)]


def test_a_database_at_version_1_runs_only_step_2_and_keeps_its_rows(tmp_path: Path) -> None:
    conn = _open(tmp_path / "db.sqlite3")
    migrate(conn, STEPS[:1], _too_new)
    conn.execute("INSERT INTO a (x) VALUES (7)")
    migrate(conn, STEPS, _too_new)
    assert schema_version(conn) == 2
    assert conn.execute("SELECT x, y FROM a").fetchall() == [(7, None)]


def test_a_failing_step_changes_nothing(tmp_path: Path) -> None:
    conn = _open(tmp_path / "db.sqlite3")
    migrate(conn, STEPS[:1], _too_new)
    broken = (*STEPS, ("CREATE TABLE b (z)", "NOT SQL AT ALL"))
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, broken, _too_new)
    assert schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"a"}
    assert not conn.in_transaction


def test_a_database_from_a_newer_carnet_is_refused_and_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = _open(path)
    migrate(conn, STEPS, _too_new)
    conn.execute("INSERT INTO a (x) VALUES (1)")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    conn = _open(path)
    with pytest.raises(TooNew, match="schema 2, this version knows 1"):
        migrate(conn, STEPS[:1], _too_new)
    assert not conn.in_transaction
    conn.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
