"""Writing the index: what the library journal says is not indexed yet, in one commit.

One writer at a time: another process holding Whoosh's lock makes the update wait, then
give up with IndexBusyError (the journal keeps the work for later).
"""

from __future__ import annotations

import os
from typing import Any

from whoosh.index import LockError

from app.core.errors import IndexBusyError
from app.core.i18n import tr
from app.core.library.store import Cancelled, Library, Progress
from app.core.search.bulk_writer import BulkSegmentWriter
from app.core.search.bulk_writer_processes import WriterProcesses
from app.core.search.index_fields import index_fields
from app.core.search.index_files import IndexFiles
from app.core.search.index_update import IndexUpdate
from app.core.search.segment_merge import merge_segments

PARALLEL_MIN = 400  # documents to index before writer processes pay for their start
PARALLEL_PROCS = max(1, min(2, os.cpu_count() or 1))


def update_index(
    files: IndexFiles,
    library: Library,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    lock_timeout: float = 10.0,
) -> IndexUpdate:
    """Write the library's unindexed documents and pending removals into the index."""
    report = IndexUpdate()
    removals = library.pending_removals()
    total = library.unindexed_count()
    if not removals and not total:
        return report
    try:
        writer = BulkSegmentWriter(files.ix, timeout=lock_timeout)
    except LockError as exc:
        raise IndexBusyError(
            tr("Another Carnet is updating the search index; the changes will be indexed later.")
        ) from exc
    # An empty index takes documents as they come, without looking for an older version.
    fresh = files.doc_count() == 0
    shas: dict[str, str] | None
    try:
        for doc_id in removals:
            writer.delete_by_term("id", doc_id)
        if total >= PARALLEL_MIN and PARALLEL_PROCS > 1:
            shas = _write_in_processes(
                writer,
                files=files,
                library=library,
                fresh=fresh,
                progress=progress,
                cancelled=cancelled,
            )
        else:
            shas = _write_here(
                writer,
                library=library,
                fresh=fresh,
                total=total,
                progress=progress,
                cancelled=cancelled,
            )
        if shas is None:
            _cancel(writer)
            report.cancelled = True
            return report
    except BaseException:
        _cancel(writer)
        raise
    library.mark_indexed(shas, shas)
    library.clear_removals(removals)
    report.indexed, report.removed = len(shas), len(removals)
    if progress is not None:
        progress(total, total, "")
    # The batch is searchable now; merging is extra work done after it, off the lock path.
    report.merged = merge_segments(files.ix, cancelled)
    return report


def _write_here(
    writer: BulkSegmentWriter,
    *,
    library: Library,
    fresh: bool,
    total: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> dict[str, str] | None:
    """Index in this process (a few documents: no process start-up to pay); None if cancelled."""
    shas: dict[str, str] = {}
    for n, (record, text) in enumerate(library.unindexed()):
        if cancelled is not None and cancelled():
            return None
        if not fresh:  # update_document's semantics: the older version goes
            writer.delete_by_term("id", record.id)
        writer.add_document(**index_fields(record, text))
        shas[record.id] = record.sha256
        if progress is not None and n % 50 == 0:
            progress(n, total, record.title)
    writer.commit()
    return shas


def _write_in_processes(
    writer: BulkSegmentWriter,
    *,
    files: IndexFiles,
    library: Library,
    fresh: bool,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> dict[str, str] | None:
    """Index with writer processes that each write a segment; None if cancelled."""
    doc_ids = library.unindexed_ids()
    if not fresh:
        for doc_id in doc_ids:
            writer.delete_by_term("id", doc_id)
    total = len(doc_ids)
    procs = WriterProcesses(files.index_dir, library.db_path, doc_ids, PARALLEL_PROCS)
    writer.tasks = procs.tasks  # for _cancel, should anything below fail

    def report(done: int) -> None:
        if progress is not None:
            progress(done, total, "")

    written = procs.collect(cancelled, report)
    if written is None:
        return None
    shas: dict[str, str] = {}
    for share in written:
        shas.update(share.shas)
    writer.commit_with([w.segment for w in written if w.segment is not None])
    return shas


def _cancel(writer: Any) -> None:
    """Cancel a writer, and make sure a multiprocess writer's helpers are gone.

    Left to themselves after an error they can wait on their queue forever, and the
    interpreter then waits for them at exit: the indexing process never ends.
    """
    try:
        writer.cancel()
    finally:
        for task in getattr(writer, "tasks", ()):
            if task.is_alive():
                task.terminate()
            task.join(5)
