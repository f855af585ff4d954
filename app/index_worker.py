"""The indexing child process: imports and indexes outside the window's interpreter.

Indexing in a thread of the GUI process stalls the event loop for hundreds of
milliseconds (the GIL); in a child process the window stays fluid. The window starts
``python -m app.index_worker --data-dir DIR [--bundled] [--refresh] [--rebuild] [PATH...]``
and reads one message per line on its stdout (``app.core.index_messages``): progress,
then a report or an error. With ``--serve`` it stays, running the jobs it reads on stdin
(``app.core.index_jobs``), each ending with its report: a watched folder's change then
does not pay for starting Python again.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from app.core.errors import CarnetError, IndexBusyError
from app.core.i18n import set_language, tr
from app.core.index_jobs import IndexJob, MalformedJob, decode_job
from app.core.index_messages import IndexFailed, IndexMessage, IndexProgress, IndexReport, encode
from app.core.library.store import ImportReport
from app.core.paths import DataPaths, restrict_umask
from app.core.workspace import Workspace

log = logging.getLogger(__name__)


_listening = True


def emit(message: IndexMessage) -> None:
    """One line for the window; if the window has gone, the work still finishes."""
    global _listening  # noqa: PLW0603 - one flag for this process
    if not _listening:
        return
    try:
        sys.stdout.write(encode(message))
        sys.stdout.flush()
    except (BrokenPipeError, ValueError, OSError):
        # The window closed (or was killed) mid-import: finishing the import and the index
        # commit keeps the journal short; dying here would only leave more for next time.
        _listening = False
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces stdout for good


class _Throttle:
    """Progress at most every 100 ms: the window needs a pulse, not a flood."""

    def __init__(self, phase: str) -> None:
        self.phase = phase
        self.last = 0.0

    def __call__(self, done: int, total: int, what: str) -> None:
        now = time.monotonic()
        if done >= total or now - self.last >= 0.1:
            self.last = now
            emit(IndexProgress(self.phase, done, total, what))


_stop = threading.Event()


def _stopping() -> bool:
    """The cancel flag every phase checks: set by SIGTERM when the window quits."""
    return _stop.is_set()


def run(data_dir: str | None, job: IndexJob) -> int:
    report = ImportReport()
    with Workspace(DataPaths.from_override(data_dir)) as ws:
        if job.bundled:
            bundled = ws.bring_in_bundled(_Throttle("reading"), _stopping)
            if bundled is not None:
                report.merge(bundled)
        if job.refresh:
            refreshed = ws.library.refresh(_Throttle("reading"), _stopping)
            ws.reanchor_notes(refreshed)
            report.merge(refreshed)
        if job.watched:
            report.merge(ws.refresh_folders(list(job.watched), _Throttle("reading"), _stopping))
        if job.paths:
            report.merge(
                ws.import_paths([Path(p) for p in job.paths], _Throttle("reading"), _stopping)
            )
        # --rebuild: the window's search found the index damaged past what opening checks.
        # Damage found here is rebuilt by the workspace itself (app.core.search.damage).
        update = ws.rebuild_index if job.rebuild else ws.sync_index
        busy = None
        try:
            indexed = update(_Throttle("indexing"), _stopping).indexed
        except IndexBusyError as exc:
            busy, indexed = str(exc), 0
        emit(IndexReport.of(report, indexed, [*ws.messages, *([busy] if busy else [])]))
    return 0


def serve(data_dir: str | None) -> int:
    """Run the jobs read from stdin, one JSON line each, until it closes.

    Each job opens the data directory afresh (another process may have rebuilt the index
    meanwhile) and ends with one report or error line, as a one-shot run does.
    """
    # The file readers load on first use (a search never needs them); here, while waiting.
    import app.core.documents.loader  # noqa: F401, PLC0415

    for line in sys.stdin:
        if _stop.is_set():
            break
        if not line.strip():
            continue
        try:
            run(data_dir, decode_job(line))
        except MalformedJob as exc:
            emit(
                IndexFailed(
                    tr("The indexing process could not read its job ({error}).").format(error=exc)
                )
            )
        except CarnetError as exc:
            emit(IndexFailed(str(exc)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.index_worker")
    parser.add_argument("--data-dir")
    parser.add_argument("--bundled", action="store_true", help="bring the bundled corpus in")
    parser.add_argument("--refresh", action="store_true", help="re-scan the library's folders")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    parser.add_argument(
        "--watched", action="append", default=[], metavar="DIR", help="re-read only this folder"
    )
    parser.add_argument("--serve", action="store_true", help="run jobs read from stdin")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    restrict_umask()  # the index and library files it creates are private too
    # Its messages (a rebuilt index, a busy one, a failure) are read by the user in the
    # window: they are written in the system's language, as the window speaks by default.
    set_language(None)
    # SIGTERM (the window quitting) cancels cleanly: the writer's helper processes are
    # stopped with it, where a plain kill would leave them waiting on their queue forever.
    # What was done is kept; the journal has the rest for next time.
    signal.signal(signal.SIGTERM, lambda *_: _stop.set())
    if args.serve:
        return serve(args.data_dir)
    job = IndexJob(
        bundled=args.bundled,
        refresh=args.refresh,
        rebuild=args.rebuild,
        paths=tuple(args.paths),
        watched=tuple(args.watched),
    )
    try:
        return run(args.data_dir, job)
    except CarnetError as exc:
        emit(IndexFailed(str(exc)))
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
