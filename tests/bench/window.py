"""The window's own measures, each in a fresh process with the real MainWindow (offscreen).

- ``startup_ms``: from the moment the process is started to the window's first paint,
  on a data directory that already holds the benchmark's imported and indexed library;
- ``longest_stall_ms``: the longest gap between two ticks of a 5 ms ``QTimer`` heartbeat,
  beyond those 5 ms, while the window imports and indexes up to 2,000 documents (in its
  indexing child process) until its library list shows them; ``longest_busy_ms``: the most
  CPU time the GUI thread itself spent between two ticks (a loaded machine's scheduling
  delays are in the stall, not in this);
- a book (``book [FILE]``: a 1 MB text, generated unless a file is given):
  ``book_open_ms`` from asking the reader to open it to its first paint, ``book_typeset_ms``
  until its whole text is in, and ``book_longest_stall_ms`` while scrolling through it
  page by page and selecting text in it (targets: 300 ms to open, no stall over 50 ms).

Run alone: ``python -m tests.bench.window startup DATA_DIR``,
``python -m tests.bench.window stall DOCS_DIR...`` or
``python -m tests.bench.window book [FILE]``; each prints one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.generate import library_dir

REPO = Path(__file__).resolve().parents[2]

STALL_DOCS = 2_000


def _child(*args: str, timeout: float = 600) -> tuple[float, dict[str, Any]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    began = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.window", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = (time.monotonic() - began) * 1000
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
    return elapsed, json.loads(line) if line.strip() else {}


def _stall_folders(size_dir: Path) -> tuple[list[Path], int]:
    """Whole sub-folders of the generated library, up to STALL_DOCS documents."""
    folders, count = [], 0
    for folder in sorted(p for p in library_dir(size_dir).iterdir() if p.is_dir()):
        n = sum(1 for _ in folder.glob("*.txt"))
        if count and count + n > STALL_DOCS:
            break
        folders.append(folder)
        count += n
    return folders, count


def measure_window(size_dir: Path) -> dict[str, float] | None:
    data = size_dir / "carnet-data"
    result: dict[str, float] = {}
    if data.exists():
        shown_ms, _ = _child("startup", str(data))
        result["startup_ms"] = shown_ms
    folders, count = _stall_folders(size_dir)
    if folders:
        _, stall = _child("stall", *map(str, folders))
        result["longest_stall_ms"] = stall["longest_stall_ms"]
        result["longest_busy_ms"] = stall["longest_busy_ms"]
        result["stall_docs"] = count
        result["stall_seconds"] = stall["seconds"]
    return result or None


# ---- the child processes ------------------------------------------------------------


def _startup(data_dir: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: PLC0415 - only in the child

    from app.core.paths import DataPaths  # noqa: PLC0415
    from app.ui.application import make_application  # noqa: PLC0415
    from app.ui.main_window import MainWindow  # noqa: PLC0415

    app = make_application([])
    window = MainWindow(DataPaths(Path(data_dir)))

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                print(json.dumps({"shown": True}), flush=True)
                watched.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    app.exec()
    window.close()


def _stall(folders: list[str]) -> None:
    from PySide6.QtCore import QTimer  # noqa: PLC0415 - only in the child

    from app.core.paths import DataPaths  # noqa: PLC0415
    from app.ui.application import make_application  # noqa: PLC0415
    from app.ui.main_window import MainWindow  # noqa: PLC0415
    from tests.bench.heartbeat import Heartbeat  # noqa: PLC0415

    app = make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(DataPaths(Path(tmp)), start_indexing=False)
        window.show()
        app.processEvents()
        heartbeat = Heartbeat()

        def done() -> None:
            # the library list was reloaded with the new documents: that counts too
            QTimer.singleShot(50, app.quit)

        window.libraryReloaded.connect(lambda: done() if window.library.count() else None)
        heartbeat.start()
        window.start_import(folders)
        app.exec()
        heartbeat.stop()
        figures = {
            "longest_stall_ms": round(heartbeat.longest_stall_ms(), 2),
            "longest_busy_ms": round(heartbeat.longest_busy_ms(), 2),
            "stalls_over_16ms": heartbeat.stalls_over(16),
            "seconds": heartbeat.seconds(),
        }
        print(json.dumps(figures), flush=True)
        window.close()


if __name__ == "__main__":
    kind, *rest = sys.argv[1:]
    if kind == "startup":
        _startup(rest[0])
    elif kind == "book":
        from tests.bench.window_book import measure_book

        measure_book(rest[0] if rest else None)
    else:
        _stall(rest)
