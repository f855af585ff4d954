"""The application's own memory on a data directory: the window's and the CLI's RSS.

``python -m tests.bench.memory DATA_DIR [--query WORD ...] [--tracemalloc]`` copies
nothing and writes nothing into DATA_DIR (it opens a copy: pass a copy, the window keeps
its settings there). It prints one JSON line with, in MB:

- ``window_opened``: the window (offscreen) shown on the data dir, its library listed and
  its last document open; ``window_searched``: after a search for each ``--query``;
  ``window_documents``: after opening 20 documents; ``window_peak``: the process's peak;
- ``cli_search_peak``, ``cli_list_json_peak``: the peak RSS of ``main.py --data-dir DIR
  search WORD`` and ``list --json``, each a process of its own.

With ``--tracemalloc`` the window process also prints (to stderr) where Python's own
allocations are, at the end: the top lines by size. Not a test: a measure to compare runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_QUERIES = ("maison", "jardin soleil", '"la mer"', "rev*")
OPENED_DOCUMENTS = 20
WAIT_MS = 120_000


def rss_mb() -> tuple[float, float]:
    """This process's resident and peak resident memory, in MB (Linux /proc)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return round(fields["VmRSS"], 1), round(fields["VmHWM"], 1)


def _cli_peak_mb(*args: str) -> float:
    """Peak RSS of one CLI run, in MB (the child's own, from wait4's rusage)."""
    proc = subprocess.Popen(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"carnet {' '.join(args)} failed")
    return round(usage.ru_maxrss / 1024, 1)  # Linux: kB


def _window(data_dir: str, queries: list[str], trace: bool) -> dict[str, Any]:
    if trace:
        import tracemalloc  # noqa: PLC0415

        tracemalloc.start(12)
    from PySide6.QtCore import QEventLoop, QTimer  # noqa: PLC0415 - only in the window's child

    from app.core.paths import DataPaths  # noqa: PLC0415
    from app.ui.application import make_application  # noqa: PLC0415
    from app.ui.main_window import MainWindow  # noqa: PLC0415

    app = make_application([])
    window = MainWindow(DataPaths(Path(data_dir)), start_indexing=False)
    result: dict[str, Any] = {"documents": 0}

    def wait_for(signal: Any) -> None:
        # A loop of its own: quitting the application would close the window's workspace.
        loop = QEventLoop()
        QTimer.singleShot(WAIT_MS, loop.quit)
        signal.connect(loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    window.show()
    wait_for(window.libraryReloaded)
    app.processEvents()
    result["documents"] = window.library_pane.model.rowCount()
    result["window_opened"] = rss_mb()[0]
    for query in queries:
        window.search_edit.setText(query)
        window.search_controller.bar.run()
        wait_for(window.searchAnswered)
    result["window_searched"] = rss_mb()[0]
    window.clear_search()
    model = window.library_pane.model
    step = max(1, model.rowCount() // OPENED_DOCUMENTS)
    for row in range(0, min(model.rowCount(), step * OPENED_DOCUMENTS), step):
        window.open_document(model.record(row).id)
        app.processEvents()
    result["window_documents"], result["window_peak"] = rss_mb()
    if trace:
        snapshot = tracemalloc.take_snapshot()
        print(f"tracemalloc: {tracemalloc.get_traced_memory()[0] / 2**20:.1f} MB", file=sys.stderr)
        for stat in snapshot.statistics("traceback")[:8]:
            print(f"{stat.size / 2**20:7.1f} MB {stat.count:8d} blocks", file=sys.stderr)
            for line in stat.traceback.format()[-8:]:
                print("    " + line, file=sys.stderr)
    window.close()
    return result


def measure(data_dir: Path, queries: list[str], trace: bool = False) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [sys.executable, "-m", "tests.bench.memory", str(data_dir), "--window"]
    args += [a for q in queries for a in ("--query", q)] + (["--tracemalloc"] if trace else [])
    child = subprocess.run(args, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True, check=True)
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    d = str(data_dir)
    result["cli_search_peak"] = _cli_peak_mb("--data-dir", d, "search", queries[0])
    result["cli_list_json_peak"] = _cli_peak_mb("--data-dir", d, "list", "--json")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--query", action="append", dest="queries")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--window", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    queries = args.queries or list(DEFAULT_QUERIES)
    if args.window:
        print(json.dumps(_window(str(args.data_dir), queries, args.tracemalloc)), flush=True)
    else:
        print(json.dumps(measure(args.data_dir, queries, args.tracemalloc)), flush=True)


if __name__ == "__main__":
    main()
