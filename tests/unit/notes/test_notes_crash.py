"""Notes survive a process killed (SIGKILL) at random moments while writing."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.notes import NotesStore
from app.core.paths import DataPaths

from .conftest import integrity

WRITER = Path(__file__).with_name("notes_writer.py")
REPO = Path(__file__).resolve().parents[3]
ROUNDS = 20


def _run_and_kill(root: Path, rng: random.Random) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # the store is open and writing
    time.sleep(rng.uniform(0.0, 0.25))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err
    lines = (first + out).splitlines(keepends=True)
    # A line cut by the kill is not a complete id: only count what was fully printed.
    return [ln.strip() for ln in lines if ln.endswith("\n") and re.fullmatch(r"[0-9a-f]{32}\n", ln)]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_writes_loses_no_saved_note(paths: DataPaths) -> None:
    rng = random.Random(20240611)
    with NotesStore(paths) as store:
        first = store.add("doc", "written before any crash")
    printed: list[str] = []
    for _ in range(ROUNDS):
        printed += _run_and_kill(paths.root, rng)
        assert integrity(paths.notes_db) == [("ok",)]
    assert len(printed) >= ROUNDS
    with NotesStore(paths) as store:
        assert store.recovery_message is None
        ids = {n.id for n in store.list()}
        assert first.id in ids
        missing = set(printed) - ids
        assert not missing, f"{len(missing)} saved notes lost"
    assert integrity(paths.notes_db) == [("ok",)]
    assert list(paths.root.glob("notes.sqlite3.open.*")) == []  # stale markers cleared
