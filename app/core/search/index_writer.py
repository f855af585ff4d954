"""Writing the index: what the library journal says is not indexed yet, in one commit.

One writer at a time: another process holding Whoosh's lock makes the update wait, then
give up with IndexBusyError (the journal keeps the work for later).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from whoosh.index import LockError

from app.core.errors import IndexBusyError
from app.core.library.store import Cancelled, Library, Progress
from app.core.search.index_files import IndexFiles
from app.core.search.passages import LONG_DOCUMENT_WORDS, position_marks

PARALLEL_MIN = 400  # documents to index before a multiprocess writer pays for itself
PARALLEL_PROCS = max(1, min(2, os.cpu_count() or 1))


@dataclass
class IndexUpdate:
    indexed: int = 0
    removed: int = 0
    cancelled: bool = False


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
    # Many documents: Whoosh's multiprocess writer uses both cores (~2x); for a few, its
    # process start-up would cost more than it saves.
    parallel = {"procs": PARALLEL_PROCS, "multisegment": True} if total >= PARALLEL_MIN else {}
    try:
        writer = files.ix.writer(timeout=lock_timeout, limitmb=128, **parallel)
    except LockError as exc:
        raise IndexBusyError(
            "Another Carnet is updating the search index; the changes will be indexed later."
        ) from exc
    # An empty index takes documents as they come, without looking for an older version.
    fresh = files.doc_count() == 0
    shas: dict[str, str] = {}
    try:
        for doc_id in removals:
            writer.delete_by_term("id", doc_id)
        for n, (record, text) in enumerate(library.unindexed()):
            if cancelled is not None and cancelled():
                _cancel(writer)
                report.cancelled = True
                return report
            # The title goes into the content too: one field to match (fast), and a
            # word found only in an HTML <title> still finds its document.
            content = f"{record.title}\n\n{text}"
            fields: dict[str, Any] = {
                "id": record.id,
                "path": record.path,
                "title": record.title,
                "source": record.source or "",
                "date": record.date or "",
                "words": record.words,
                "content": content,
            }
            if record.words >= LONG_DOCUMENT_WORDS:
                fields["marks"] = position_marks(content)
            if fresh:
                writer.add_document(**fields)
            else:
                writer.update_document(**fields)
            shas[record.id] = record.sha256
            if progress is not None and n % 50 == 0:
                progress(n, total, record.title)
        writer.commit()
    except BaseException:
        _cancel(writer)
        raise
    library.mark_indexed(shas, shas)
    library.clear_removals(removals)
    report.indexed, report.removed = len(shas), len(removals)
    if progress is not None:
        progress(total, total, "")
    return report


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
