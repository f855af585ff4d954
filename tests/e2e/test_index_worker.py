"""The indexing process quits cleanly when the window does, and the next run finishes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from app.core.index_messages import IndexProgress, decode
from tests.conftest import CORPUS, REPO
from tests.e2e.test_cli import carnet

DOCS = 600  # above PARALLEL_MIN: the writer runs helper processes


def make_library(folder: Path) -> None:
    folder.mkdir()
    words = " ".join(CORPUS.joinpath("la-diplomatie-n-est-pas-morte.txt").read_text().split()[:600])
    for n in range(DOCS):
        (folder / f"article-{n:04}.txt").write_text(f"Article numéro {n}\n\n{words}\n", "utf-8")


def worker_processes(data: Path) -> list[int]:
    """Processes still running for this data dir (the worker and its writer helpers)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "app.index_worker" in cmdline and str(data) in cmdline:
            found.append(int(proc.name))
    return found


def test_sigterm_while_indexing_stops_everything_and_loses_nothing(tmp_path: Path) -> None:
    library, data = tmp_path / "library", tmp_path / "data"
    make_library(library)
    worker = subprocess.Popen(
        [sys.executable, "-m", "app.index_worker", "--data-dir", str(data), str(library)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    for line in worker.stdout:
        message = decode(line)
        if isinstance(message, IndexProgress) and message.phase == "indexing":
            worker.send_signal(signal.SIGTERM)  # what the window does on quit
            break
    assert worker.wait(timeout=30) == 0
    worker.stdout.close()
    assert worker_processes(data) == []  # no writer helper left waiting on its queue

    # The next start finishes from the journal: every article is searchable.
    found = json.loads(carnet(data, "search", "numéro", "--json", "--limit", "1").stdout)
    assert found["total"] == DOCS
    assert os.path.isdir(data / "index")
