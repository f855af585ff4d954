"""The one read-only opener: ``mode=ro``, else ``immutable=1`` when a -shm cannot be made."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.core.db.read_only import open_read_only

PROBE = "SELECT count(*) FROM t"


def _wal_database(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("INSERT INTO t VALUES ('lu')")
    conn.close()  # the last connection out checkpoints and removes -wal and -shm


def _connect(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def test_it_reads_and_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    _wal_database(db)
    conn = open_read_only(db, PROBE)
    assert conn.execute("SELECT x FROM t").fetchall() == [("lu",)]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("INSERT INTO t VALUES ('écrit')")


def test_when_mode_ro_cannot_open_it_falls_back_to_immutable(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    _wal_database(db)
    tried: list[str] = []

    def no_shm(uri: str) -> sqlite3.Connection:
        tried.append(uri.split("?")[1])
        conn = _connect(uri)
        if "immutable" not in uri:
            conn.close()  # what a read-only folder does to a WAL database's -shm
            raise sqlite3.OperationalError("unable to open database file")
        return conn

    conn = open_read_only(db, PROBE, no_shm)
    assert tried == ["mode=ro", "mode=ro&immutable=1"]
    assert conn.execute("SELECT x FROM t").fetchall() == [("lu",)]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_wal_database_in_a_read_only_folder_still_opens(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    _wal_database(folder / "db.sqlite3")
    folder.chmod(0o500)
    try:
        conn = open_read_only(folder / "db.sqlite3", PROBE)
        assert conn.execute("SELECT x FROM t").fetchall() == [("lu",)]
        conn.close()
    finally:
        folder.chmod(0o700)


def test_a_file_that_is_not_a_database_is_an_error(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    db.write_bytes(b"not a database at all, just some words" * 50)
    with pytest.raises(sqlite3.DatabaseError):
        open_read_only(db, PROBE)
