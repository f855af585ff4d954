"""Crash safety: unclean-exit checks, rotating backups, recovery of a damaged database."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from app.core.notes import NotesStore, recovery
from app.core.paths import DataPaths

from .conftest import integrity

PAGE = 4096


def _fill(paths: DataPaths, count: int = 150) -> set[str]:
    with NotesStore(paths) as s:
        return {s.add("doc", f"note {i} " + "mot " * 60).id for i in range(count)}


def _corrupt(db: Path, offset: int, length: int) -> None:
    with db.open("r+b") as f:
        f.seek(offset)
        f.write(bytes(range(256)) * (length // 256) + b"\xff" * (length % 256))


def _damaged_files(paths: DataPaths) -> list[Path]:
    return sorted(p for p in paths.root.iterdir() if ".damaged-" in p.name)


def test_backup_taken_on_open_once_a_day_private(paths: DataPaths) -> None:
    with NotesStore(paths) as s:
        s.add("doc", "x")
    assert recovery.list_backups(paths.backups_dir) == []  # the db was empty when opened
    for _ in range(2):
        with NotesStore(paths):
            pass
    backups = recovery.list_backups(paths.backups_dir)
    assert len(backups) == 1
    assert stat.S_IMODE(os.stat(backups[0]).st_mode) == 0o600
    assert integrity(backups[0]) == [("ok",)]


def test_backups_rotate_keeping_seven(store: NotesStore, paths: DataPaths) -> None:
    store.add("doc", "x")
    made = [store.backup_now() for _ in range(9)]
    assert recovery.list_backups(paths.backups_dir) == made[-7:]


def test_unclean_exit_runs_full_integrity_check(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(paths, 3)
    dead = paths.root / "notes.sqlite3.open.999999999.deadbeef"  # no such pid
    dead.touch()
    calls: list[bool] = []
    real = recovery.check_ok

    def spy(conn: object, *, thorough: bool) -> bool:
        calls.append(thorough)
        return real(conn, thorough=thorough)  # type: ignore[arg-type]

    monkeypatch.setattr(recovery, "check_ok", spy)
    with NotesStore(paths) as s:
        assert len(s.list()) == 3 and s.recovery_message is None
    assert calls == [True]
    assert not dead.exists()
    with NotesStore(paths):
        pass
    assert calls == [True, False]  # clean exit: the quick check is enough


@pytest.mark.parametrize(
    "where", ["header", "middle"], ids=["header overwritten", "middle page overwritten"]
)
def test_damaged_database_restored_from_backup(paths: DataPaths, where: str) -> None:
    ids = _fill(paths)
    with NotesStore(paths) as s:  # opens a second time: today's backup holds every note
        assert recovery.list_backups(paths.backups_dir)
        later = s.add("doc", "after the backup").id
    size = paths.notes_db.stat().st_size
    offset = 0 if where == "header" else (size // PAGE // 2) * PAGE
    _corrupt(paths.notes_db, offset, 100 if where == "header" else PAGE)

    with NotesStore(paths) as s:
        message = s.recovery_message
        assert message is not None
        assert "restored from the backup" in message
        damaged = _damaged_files(paths)
        assert damaged and str(damaged[0]) in message
        restored = {n.id for n in s.list()}
        assert ids <= restored  # everything in the backup is back
        if where == "middle":  # rows outside the damaged page are salvaged too
            assert later in restored
        s.add("doc", "the store works again")
    assert integrity(paths.notes_db) == [("ok",)]
    with NotesStore(paths) as s:  # recovery happens once, then the store is healthy
        assert s.recovery_message is None


def test_damaged_backup_is_skipped_for_an_older_sound_one(
    paths: DataPaths, store: NotesStore
) -> None:
    note = store.add("doc", "in both backups")
    good = store.backup_now()
    bad = store.backup_now()
    _corrupt(bad, PAGE, PAGE)
    store.close()
    _corrupt(paths.notes_db, 0, 100)
    with NotesStore(paths) as s:
        assert s.get(note.id).text == "in both backups"
        assert recovery.backup_date(good) in (s.recovery_message or "")


def test_no_backup_keeps_damaged_file_and_says_so(paths: DataPaths) -> None:
    with NotesStore(paths) as s:
        s.add("doc", "sans sauvegarde")
    assert recovery.list_backups(paths.backups_dir) == []
    original = paths.notes_db.read_bytes()
    _corrupt(paths.notes_db, 0, 100)
    damaged_bytes = paths.notes_db.read_bytes()
    assert damaged_bytes != original

    with NotesStore(paths) as s:
        message = s.recovery_message
        assert message is not None and "no sound backup" in message
        damaged = _damaged_files(paths)
        assert len(damaged) == 1 and str(damaged[0]) in message
        assert damaged[0].read_bytes() == damaged_bytes  # kept as it was, never deleted
        assert s.list() == []
        s.add("doc", "new start")
    assert integrity(paths.notes_db) == [("ok",)]


def test_wal_of_damaged_database_is_moved_with_it(paths: DataPaths, tmp_path: Path) -> None:
    # Copy the files of a store that is still open: the state a crash leaves on disk,
    # with committed notes still in the -wal.
    with NotesStore(paths) as s:
        note = s.add("doc", "only in the wal")
        crashed = DataPaths(tmp_path / "crashed")
        crashed.ensure()
        for name in ("notes.sqlite3", "notes.sqlite3-wal"):
            shutil.copyfile(paths.root / name, crashed.root / name)
    wal_bytes = (crashed.root / "notes.sqlite3-wal").read_bytes()
    assert wal_bytes
    _corrupt(crashed.notes_db, 0, 100)
    with NotesStore(crashed) as s:
        assert s.recovery_message is not None
    wals = [p for p in _damaged_files(crashed) if p.name.endswith("-wal")]
    assert len(wals) == 1 and wals[0].read_bytes() == wal_bytes
    assert note.id  # the note is in the kept -wal, next to the damaged file it belongs to


def test_collections_and_statuses_come_back_from_a_damaged_file(paths: DataPaths) -> None:
    _fill(paths)
    with NotesStore(paths) as s:
        s.add_to_collection("Avant", ["d1"], create=True)
        s.set_status("d1", "reading")
        s.backup_now()  # the backup knows "Avant" and d1 as reading
        s.add_to_collection("Après", ["d2", "d3"], create=True)
        s.document_finished("d1")
    size = paths.notes_db.stat().st_size
    _corrupt(paths.notes_db, (size // PAGE // 2) * PAGE, PAGE)  # a page of notes

    with NotesStore(paths) as s:
        assert s.recovery_message is not None
        # What the backup held, and what was made after it, read from the damaged file.
        assert s.collection_documents("Avant") == {"d1"}
        assert s.collection_documents("Après") == {"d2", "d3"}
        assert s.reading_state("d1").status == "finished"
    assert integrity(paths.notes_db) == [("ok",)]


def test_a_store_with_only_collections_is_backed_up(paths: DataPaths) -> None:
    with NotesStore(paths) as s:
        s.add_to_collection("Thèse", ["d1"], create=True)
    with NotesStore(paths):  # the next opening takes the day's backup
        assert recovery.list_backups(paths.backups_dir)
