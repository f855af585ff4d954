"""The indexing child process: imports and indexes outside the window's interpreter.

Indexing in a thread of the GUI process stalls the event loop for hundreds of
milliseconds (the GIL); in a child process the window stays fluid. The window starts
``python -m app.index_worker --data-dir DIR [--bundled] [--refresh] [PATH...]`` and reads
one JSON object per line on its stdout: ``progress``, then ``report`` or ``error``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.core.errors import CarnetError, IndexBusyError
from app.core.library import ImportReport
from app.core.paths import DataPaths
from app.core.workspace import Workspace


def emit(event: str, **data: Any) -> None:
    sys.stdout.write(json.dumps({"event": event, **data}, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class _Throttle:
    """Progress at most every 100 ms: the window needs a pulse, not a flood."""

    def __init__(self, phase: str) -> None:
        self.phase = phase
        self.last = 0.0

    def __call__(self, done: int, total: int, what: str) -> None:
        now = time.monotonic()
        if done >= total or now - self.last >= 0.1:
            self.last = now
            emit("progress", phase=self.phase, done=done, total=total, what=what)


def _report_json(report: ImportReport) -> dict[str, Any]:
    return {
        "added": [r.to_json() for r in report.added],
        "updated": [r.to_json() for r in report.updated],
        "removed": [r.to_json() for r in report.removed],
        "unchanged": report.unchanged,
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
    }


def run(args: argparse.Namespace) -> int:
    report = ImportReport()
    with Workspace(DataPaths.from_override(args.data_dir)) as ws:
        if args.bundled:
            bundled = ws.bring_in_bundled(_Throttle("reading"))
            if bundled is not None:
                report.merge(bundled)
        if args.refresh:
            refreshed = ws.library.refresh(_Throttle("reading"))
            ws.reanchor_notes(refreshed)
            report.merge(refreshed)
        if args.paths:
            report.merge(ws.import_paths([Path(p) for p in args.paths], _Throttle("reading")))
        busy = None
        try:
            update = ws.sync_index(_Throttle("indexing"))
            indexed = update.indexed
        except IndexBusyError as exc:
            busy, indexed = str(exc), 0
        emit(
            "report",
            **_report_json(report),
            indexed=indexed,
            messages=[*ws.messages, *([busy] if busy else [])],
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.index_worker")
    parser.add_argument("--data-dir")
    parser.add_argument("--bundled", action="store_true", help="bring the bundled corpus in")
    parser.add_argument("--refresh", action="store_true", help="re-scan the library's folders")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except CarnetError as exc:
        emit("error", message=str(exc))
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
