"""A damaged index or notes DB: found on open, repaired, and the user is told (never silently).

The core's repair logic is tested in tests/unit; here the message travels the real way to
the user: the indexing child's ``report`` ``messages``, the window's status bar, the CLI's
standard error.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.index_messages import IndexReport, decode
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.ui.main_window import MainWindow
from tests.conftest import REPO
from tests.faults.scenarios import carnet
from tests.faults.windows import INDEXING_TIMEOUT, window_on


def _garble(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "truncate":
        path.write_bytes(raw[: len(raw) // 3])
    else:  # every byte of it noise: no header, no pickle, no postings
        path.write_bytes(b"\x00" * len(raw))


def _worker(data: DataPaths, *args: str) -> IndexReport:
    run = subprocess.run(
        [sys.executable, "-m", "app.index_worker", "--data-dir", str(data.root), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr
    messages = [decode(line) for line in run.stdout.splitlines()]
    assert isinstance(messages[-1], IndexReport), messages[-1]
    return messages[-1]


@pytest.mark.parametrize(
    ("pattern", "how"), [("*.toc", "truncate"), ("*.toc", "zero"), ("*.seg", "truncate")]
)
def test_worker_reports_a_damaged_index_and_rebuilds_it(
    indexed: DataPaths, pattern: str, how: str
) -> None:
    _garble(next(indexed.index_dir.glob(pattern)), how)
    report = _worker(indexed)
    assert any("damaged" in m and "rebuil" in m for m in report.messages), report.messages
    assert report.indexed == 5
    found = json.loads(carnet(indexed.root, "search", "negociation", "--json").stdout)
    assert found["total"] >= 2


def test_garbled_segment_in_the_window_is_rebuilt_and_the_user_told(
    qtbot: QtBot, indexed: DataPaths
) -> None:
    """Past the open-time check: the window's search finds it and has it rebuilt."""
    for seg in indexed.index_dir.glob("*.seg"):
        _garble(seg, "zero")
    with window_on(qtbot, indexed) as window:
        with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as rebuilt:
            window.search_edit.setText("negociation")
        report = rebuilt.args[0]
        assert isinstance(report, IndexReport)
        assert any("damaged" in m for m in report.messages)
        assert "damaged" in window.statusBar().currentMessage()
        # And the search the user typed now answers from the rebuilt index.
        qtbot.waitUntil(lambda: window.library_pane.results_model.rowCount() >= 2, timeout=10_000)


def test_window_shows_the_index_rebuild_message_in_the_status_bar(
    qtbot: QtBot, indexed: DataPaths
) -> None:
    _garble(next(indexed.index_dir.glob("*.toc")), "truncate")
    with window_on(qtbot, indexed) as window:
        with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
            window.indexer.start(bundled=True, refresh=True)
        status = window.statusBar().currentMessage()
        assert "search index was damaged" in status and "rebuil" in status


# ---- the notes database ------------------------------------------------------------------


def _notes_with_backup(data: DataPaths) -> list[str]:
    with NotesStore(data) as store:
        ids = [store.add("doc", f"note {i}").id for i in range(3)]
    with NotesStore(data):  # opening a non-empty store takes the day's backup
        pass
    assert list(data.backups_dir.glob("notes-*.sqlite3"))
    return ids


def _damage_notes(data: DataPaths) -> bytes:
    raw = bytearray(data.notes_db.read_bytes())
    raw[:16] = b"not a database!!"
    data.notes_db.write_bytes(bytes(raw))
    for side in ("-wal", "-shm"):
        Path(f"{data.notes_db}{side}").unlink(missing_ok=True)
    return bytes(raw)


def test_cli_restores_notes_from_the_newest_backup_and_says_so(indexed: DataPaths) -> None:
    ids = _notes_with_backup(indexed)
    _damage_notes(indexed)
    run = carnet(indexed.root, "notes", "list", "--json")
    assert run.returncode == 0, run.stderr
    assert "restored from the backup" in run.stderr
    assert {n["id"] for n in json.loads(run.stdout)} == set(ids)
    kept = list(indexed.root.glob("notes.sqlite3.damaged-*"))
    assert kept and str(kept[0]) in run.stderr


def test_cli_without_backup_keeps_the_damaged_file_and_says_where(indexed: DataPaths) -> None:
    with NotesStore(indexed) as store:
        store.add("doc", "seule note")
    damaged = _damage_notes(indexed)
    run = carnet(indexed.root, "notes", "list", "--json")
    assert run.returncode == 0, run.stderr
    assert "no sound backup" in run.stderr
    kept = list(indexed.root.glob("notes.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # nothing overwritten
    assert str(kept[0]) in run.stderr


@pytest.fixture
def damaged_window(qtbot: QtBot, indexed: DataPaths) -> Iterator[MainWindow]:
    _notes_with_backup(indexed)
    _damage_notes(indexed)
    with window_on(qtbot, indexed) as window:
        yield window


def test_window_tells_the_user_the_notes_were_restored(damaged_window: MainWindow) -> None:
    window = damaged_window
    assert "restored from the backup" in window.statusBar().currentMessage()
    assert window.notes_label.isVisibleTo(window) and window.notes_label.text()
    box = window._recovery_box
    assert "restored from the backup" in box.text()
    assert len(window.notes.list()) == 3
