"""Failures become typed errors a person can act on, and never lose or half-apply notes."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from app.core.notes import (
    NotesDiskFullError,
    NotesReadOnlyError,
    NotesStorageError,
    NotesStore,
    database,
    recovery,
)
from app.core.notes.errors import storage_error
from app.core.paths import DataPaths

from .conftest import FaultyConnection, integrity, sqlite_error

SQLITE_FULL = 13


def test_read_only_flag_reads_but_refuses_writes(paths: DataPaths) -> None:
    with NotesStore(paths) as s:
        note = s.add("doc", "gardée")
    with NotesStore(paths, read_only=True) as ro:
        assert ro.read_only
        assert [n.id for n in ro.list()] == [note.id]
        assert ro.search("gardee")[0].note.id == note.id
        with pytest.raises(NotesReadOnlyError, match=r"Notes cannot be saved: the data directory"):
            ro.add("doc", "refusée")
        with pytest.raises(NotesReadOnlyError, match="read-only"):
            ro.update(note.id, text="refusée")
    with NotesStore(paths) as s:
        assert [n.text for n in s.list()] == ["gardée"]


def test_read_only_data_directory_is_detected(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with NotesStore(paths) as s:
        note = s.add("doc", "gardée")
    os.chmod(paths.root, 0o500)
    try:
        if os.geteuid() == 0:  # root writes through permission bits: simulate the refusal
            monkeypatch.setattr(
                database,
                "create_private_file",
                lambda path: (_ for _ in ()).throw(PermissionError(errno.EACCES, "denied")),
            )
        with NotesStore(paths) as s:
            assert s.read_only
            assert s.get(note.id).text == "gardée"
            with pytest.raises(NotesReadOnlyError) as info:
                s.add("doc", "refusée")
            assert str(paths.root) in str(info.value) and "read-only" in str(info.value)
    finally:
        os.chmod(paths.root, 0o700)
    with NotesStore(paths) as s:
        assert [n.id for n in s.list()] == [note.id]


def test_read_only_data_directory_without_notes_opens_empty(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.ensure()
    monkeypatch.setattr("app.core.notes.database.probe_writable", lambda root: False)
    with NotesStore(paths) as s:
        assert s.read_only and s.list() == [] and s.count_by_document() == {}
    assert not paths.notes_db.exists()


def test_database_turned_read_only_while_open(store: NotesStore, paths: DataPaths) -> None:
    note = store.add("doc", "gardée")
    real = store._conn
    # A real SQLITE_READONLY from SQLite: the connection can only read the file now.
    store._conn = sqlite3.connect(
        f"{paths.notes_db.as_uri()}?mode=ro", uri=True, isolation_level=None
    )
    try:
        with pytest.raises(NotesReadOnlyError, match="is read-only"):
            store.add("doc", "refusée")
    finally:
        store._conn.close()
        store._conn = real
    assert [n.id for n in store.list()] == [note.id]


def test_real_disk_full_keeps_earlier_notes(store: NotesStore) -> None:
    earlier = [store.add("doc", f"avant {i}") for i in range(5)]
    conn = store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    # SQLite reports SQLITE_FULL once the file would grow past max_page_count.
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(NotesDiskFullError, match=r"disk holding .* is full"):
        store.add("doc", "x" * 200_000)
    assert [n.id for n in store.list()] == [n.id for n in earlier]
    conn.execute("PRAGMA max_page_count = 1073741823")
    store.add("doc", "après")
    assert len(store.list()) == 6


def test_injected_enospc_on_commit_rolls_back(store: NotesStore, paths: DataPaths) -> None:
    keep = store.add("doc", "avant")
    real = store._conn
    full = sqlite_error("database or disk is full", SQLITE_FULL)
    store._conn = FaultyConnection(real, lambda sql: sql == "COMMIT", full)  # type: ignore[assignment]
    try:
        with pytest.raises(NotesDiskFullError, match="Free some space"):
            store.add("doc", "perdue ?")
        with pytest.raises(NotesDiskFullError):
            store.update(keep.id, text="modifiée")
        assert not real.in_transaction  # rolled back, not left half-applied
    finally:
        store._conn = real
    assert [(n.id, n.text) for n in store.list()] == [(keep.id, "avant")]
    assert integrity(paths.notes_db) == [("ok",)]


def test_enospc_while_backing_up(store: NotesStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add("doc", "x")

    def no_space(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(recovery, "create_private_file", no_space)
    with pytest.raises(NotesDiskFullError, match="is full"):
        store.backup_now()
    assert len(store.list()) == 1


def test_failed_backup_does_not_stop_opening(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with NotesStore(paths) as s:
        s.add("doc", "x")

    def broken(*args: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(recovery, "take_backup", broken)
    with NotesStore(paths) as s:
        assert len(s.list()) == 1


def test_other_sqlite_errors_are_wrapped(store: NotesStore) -> None:
    real = store._conn
    store._conn = FaultyConnection(  # type: ignore[assignment]
        real, lambda sql: sql.startswith("SELECT"), sqlite3.DatabaseError("disk I/O error")
    )
    try:
        with pytest.raises(NotesStorageError, match="could not be read"):
            store.list()
    finally:
        store._conn = real


def test_error_classification_messages(tmp_path: Path) -> None:
    root = tmp_path
    assert isinstance(
        storage_error(OSError(errno.EROFS, "ro"), root, writing=True), NotesReadOnlyError
    )
    locked = storage_error(sqlite3.OperationalError("database is locked"), root, writing=True)
    assert "Try again" in str(locked)
    corrupt = storage_error(
        sqlite_error("database disk image is malformed", 11), root, writing=False
    )
    assert "Restart Carnet" in str(corrupt)
