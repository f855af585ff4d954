"""A file saved in a watched folder: how long until a search finds it.

``python -m tests.bench.watch --data-dir DIR --folder F [--saves 10]`` runs the window's
own pieces headless (offscreen): the ``FolderWatcher`` on the data dir's folders, the
``IndexRunner`` with its waiting indexing child, the ``SearchService`` thread, wired as
``ImportController`` wires them. ``F`` must be a folder the data dir's library knows (one
of its imported folders or a subfolder): each save writes a new file there (a temporary
file renamed, as editors save; with ``--append``, a line appended in place to one file),
then the time to the first search that finds the save's word is taken.
One save first warms everything up and is not counted. Prints one JSON line: medians
(and the worst) of the total and its split:

- ``detect``: written -> the watcher reports the folder (its quiet time and the listing);
- ``import``: -> the indexing child starts indexing (dispatch, reading the file);
- ``index``: -> its report arrives (the index commit);
- ``search``: -> the search thread's first answer that holds the new document.

The data dir and the folder are written to: use copies. Figures on a shared machine are
noisy; run it several times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from app.core.index_messages import IndexProgress, IndexReport
from app.core.paths import DataPaths
from app.core.workspace import Workspace
from app.ui.library.folder_watcher import FolderWatcher
from app.ui.workers.index_runner import IndexRunner
from app.ui.workers.search_service import SearchAnswer, SearchService

TIMEOUT_S = 120.0


def wait_for(app: QApplication, done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)


class Clock:
    """The moments one save went through, from the signals the window also gets."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}
        self.report: IndexReport | None = None

    def reset(self) -> None:
        self.marks, self.report = {}, None

    def mark(self, name: str) -> None:
        self.marks.setdefault(name, time.perf_counter())


def _rss_kib() -> int:
    """This process's resident memory now (Linux), in KiB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def run(data_dir: Path, folder: Path, saves: int, *, append: bool) -> dict[str, Any]:
    app = QApplication([])
    paths = DataPaths(data_dir)
    workspace = Workspace(paths)
    known = [str(r) for r in workspace.library.roots()]
    if not any(folder == Path(r) or folder.is_relative_to(r) for r in known):
        raise SystemExit(f"{folder} is in none of the library's folders: {known[:5]}")
    runner = IndexRunner(str(paths.root))
    watcher = FolderWatcher(workspace.library, paths.root, workspace.corpus_dir)
    service = SearchService(paths)
    # As ImportController wires them.
    watcher.foldersChanged.connect(lambda folders: runner.start(watched=folders))
    runner.busyChanged.connect(watcher.set_busy)
    rss_before = _rss_kib()
    began = time.perf_counter()
    watcher.watch_library()
    watch_ms = (time.perf_counter() - began) * 1000  # the set-up itself is in a pool thread
    wait_for(app, watcher.idle, "the folders to be watched")
    setup_ms = (time.perf_counter() - began) * 1000
    watch_rss_kib = _rss_kib() - rss_before
    runner.warm_up()

    clock = Clock()
    watcher.foldersChanged.connect(lambda _folders: clock.mark("detect"))

    def progress(step: IndexProgress) -> None:
        if step.phase == "indexing":
            clock.mark("import")

    def finished(report: IndexReport) -> None:
        if (report.added or report.updated) and clock.report is None:
            clock.report = report
            clock.mark("index")

    runner.progress.connect(progress)
    runner.finished.connect(finished)
    answers: list[SearchAnswer] = []
    service.answered.connect(answers.append)

    token = f"{int(time.time()) % 100000:05d}"
    appended = folder / f"watch-{token}-appended.txt"
    rows: list[dict[str, float]] = []
    for n in range(saves + 1):
        word = f"balisewatch{token}x{n:03d}"
        clock.reset()
        line = f"Une note sur {word} et la mer.\n"
        if append and n > 0:  # written in place, as nano or `echo >>` do: no rename
            with appended.open("a", encoding="utf-8") as f:
                start = time.perf_counter()
                f.write(line)
        else:
            temporary = folder / f".watch-{token}-{n}.tmp"
            temporary.write_text(f"Sauvegarde {token} {n}\n\n{line}", "utf-8")
            start = time.perf_counter()
            os.replace(temporary, appended if append else folder / f"watch-{token}-{n:03d}.txt")
        wait_for(app, lambda: clock.report is not None, "the indexing report")
        assert clock.report is not None
        (doc_id,) = clock.report.added or clock.report.updated
        while True:
            answers.clear()
            request = service.request(word)
            wait_for(app, lambda: bool(answers), "a search")  # the only request on its way
            answer = answers[-1]
            assert answer.request == request
            if answer.documents and any(h.id == doc_id for h in answer.documents.hits):
                clock.mark("search")
                break
        t = clock.marks
        if n > 0:  # the first save warms up the child and the searcher
            rows.append(
                {
                    "total": t["search"] - start,
                    "detect": t["detect"] - start,
                    "import": t["import"] - t["detect"],
                    "index": t["index"] - t["import"],
                    "search": t["search"] - t["index"],
                }
            )
        wait_for(app, lambda: watcher.idle() and not runner.is_busy(), "the watcher to settle")

    figures: dict[str, Any] = {
        "documents": workspace.library.count(),
        "saves": saves,
        "mode": "append" if append else "rename",
        "watched_folders": len(watcher.watched()),
        "watch_gui_thread_ms": round(watch_ms, 1),
        "watch_setup_ms": round(setup_ms, 1),  # until every folder is watched
        "watch_rss_kib": watch_rss_kib,  # this process only: inotify's own is kernel memory
    }
    runner.stop()
    watcher.stop()
    service.shutdown()
    workspace.close()
    for key in ("total", "detect", "import", "index", "search"):
        values = [r[key] for r in rows]
        figures[f"{key}_median_ms"] = round(1000 * statistics.median(values), 1)
        figures[f"{key}_max_ms"] = round(1000 * max(values), 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.watch")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument(
        "--append", action="store_true", help="append to one file in place instead of new files"
    )
    args = parser.parse_args()
    figures = run(args.data_dir.absolute(), args.folder.absolute(), args.saves, append=args.append)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
