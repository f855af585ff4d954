"""What every command does first: open the data directory, bring the corpus in, sync the index."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from app.core.errors import IndexBusyError
from app.core.i18n import tr
from app.core.paths import DataPaths

if TYPE_CHECKING:
    from app.core.workspace import Workspace


def progress_printer(label: str) -> Any:
    """A progress callback that redraws one line on a terminal, and stays silent otherwise."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, what: str) -> None:
        end = "\n" if done >= total else ""
        line = tr("{label}: {done}/{total} {what}").format(
            label=label, done=done, total=total, what=f"{what[:40]:<40}"
        )
        print(f"\r{line}", end=end, file=sys.stderr, flush=True)

    return show


def open_workspace(args: argparse.Namespace, *, sync: bool = True) -> Workspace:
    """The workspace of ``--data-dir``; on a fresh one the bundled corpus comes in first."""
    # Here, not at the top: `carnet --help` must not load the library, index and analysis.
    from app.core.workspace import Workspace  # noqa: PLC0415

    ws = Workspace(DataPaths.from_override(args.data_dir))
    report = ws.bring_in_bundled(progress_printer(tr("Importing the bundled articles")))
    if report is not None:
        for skip in report.skipped:
            print(
                tr("carnet: skipped {path}: {reason}").format(
                    path=skip.path, reason=skip.shown_reason
                ),
                file=sys.stderr,
            )
    if sync:
        try:
            ws.sync_index(progress_printer(tr("Indexing")))
        except IndexBusyError as exc:
            # Searching still works on what is indexed; the journal keeps the rest for later.
            print(tr("carnet: {message}").format(message=exc), file=sys.stderr)
    if ws.paths.notes_db.exists():
        # Opened now, not lazily by the command: a damaged notes file restored from a
        # backup (or set aside) is something the user must read before anything else.
        _ = ws.notes
    report_messages(ws)
    return ws


def report_messages(ws: Workspace) -> None:
    for message in ws.messages:
        print(tr("carnet: {message}").format(message=message), file=sys.stderr)
    ws.messages.clear()


def print_json(data: Any) -> None:
    import json  # noqa: PLC0415 - only the --json commands need it, not --help

    # dumps, not dump: only a one-shot encoding uses the C encoder (2x faster on a
    # 10,000-document `list --json`); the text is the same.
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None))
    sys.stdout.write("\n")
    sys.stdout.flush()
