"""Writer processes: each reads its share of the documents from the library and writes a segment.

The parent holds the index lock and sends each process only document ids; the process
reads those documents from SQLite itself, builds a segment with ``BulkSegmentWriter``
(``_lk=False``: under the parent's lock) and hands back the segment and what it indexed.
No document text crosses between processes.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from whoosh import index as windex

from app.core.library.journal import open_journal_reader
from app.core.search.bulk_writer import BulkSegmentWriter
from app.core.search.index_fields import index_fields


@dataclass
class ShareWritten:
    """What one writer process sends back: its segment (None if it wrote nothing), or why not."""

    share: int = 0
    segment: Any = None
    shas: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def write_share(  # noqa: PLR0917 - a Process target takes positional arguments
    share: int,
    index_dir: str,
    db_path: str,
    doc_ids: Sequence[str],
    results: Any,
    done: Any,
    stop: Any,
) -> None:
    """The body of one writer process (see the module docstring)."""
    parent = os.getppid()
    try:
        ix = windex.open_dir(index_dir)
        writer = BulkSegmentWriter(ix, _lk=False)
        journal = open_journal_reader(Path(db_path))
        shas: dict[str, str] = {}
        for record, text in journal.unindexed_of(doc_ids):
            # A parent killed outright (SIGKILL) cannot stop us: notice it is gone.
            if stop.is_set() or os.getppid() != parent:
                # Not writer.cancel(): that destroys the temporary storage, which is shared
                # by name with the parent and the other process. The parent cleans up.
                writer._close_segment()
                return
            writer.add_document(**index_fields(record, text))
            shas[record.id] = record.sha256
            done.value += 1
        journal.close()
        segment = writer._finalize_segment() if writer._added else None
        if not writer._added:
            writer._close_segment()
        results.put(ShareWritten(share, segment, shas))
        if os.getppid() != parent:  # nobody will read it: do not wait at exit to flush it
            results.cancel_join_thread()
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
        results.put(ShareWritten(share, error=f"{type(exc).__name__}: {exc}"))


class WriterProcesses:
    """Writer processes over shares of ``doc_ids``; ``tasks`` for ``_cancel`` to end them."""

    def __init__(self, index_dir: Path, db_path: Path, doc_ids: list[str], procs: int) -> None:
        ctx = multiprocessing.get_context("fork")  # no re-import: starts in milliseconds
        self._results: Any = ctx.Queue()
        self._stop = ctx.Event()
        self._done = [ctx.Value("i", 0, lock=False) for _ in range(procs)]
        size = -(-len(doc_ids) // procs)
        self.tasks: list[BaseProcess] = [
            ctx.Process(
                target=write_share,
                args=(
                    k,
                    str(index_dir),
                    str(db_path),
                    doc_ids[k * size : (k + 1) * size],
                    self._results,
                    self._done[k],
                    self._stop,
                ),
                daemon=True,
            )
            for k in range(procs)
        ]
        for task in self.tasks:
            task.start()

    def done(self) -> int:
        return sum(int(v.value) for v in self._done)

    def collect(
        self, cancelled: Callable[[], bool] | None, progress: Callable[[int], None]
    ) -> list[ShareWritten] | None:
        """Each process's result, in share order; None when cancelled (processes stopped)."""
        got: list[ShareWritten] = []
        while len(got) < len(self.tasks):
            if cancelled is not None and cancelled():
                self.stop()
                return None
            try:
                # Waits on the queue (not a sleep): the timeout only paces progress/cancel.
                got.append(self._results.get(timeout=0.2))
            except queue.Empty:
                progress(self.done())
                dead = any(t.exitcode not in (None, 0) for t in self.tasks)
            else:
                dead = False
            if dead:
                self.stop()
                raise RuntimeError("An index writer process ended unexpectedly")
        for task in self.tasks:
            task.join()
        errors = [r.error for r in got if r.error]
        if errors:
            raise RuntimeError(f"Indexing failed in a writer process: {errors[0]}")
        return sorted(got, key=lambda r: r.share)  # segments in id order, run after run

    def stop(self) -> None:
        """Ask the processes to stop, then make sure they are gone."""
        self._stop.set()
        for task in self.tasks:
            task.join(2)
            if task.is_alive():
                task.terminate()
                task.join(5)
