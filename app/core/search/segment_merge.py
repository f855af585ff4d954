"""Merging segments after a commit: deleted documents reclaimed, small segments gathered.

Commits never merge (the bulk writer only adds segments), so this runs right after the
commit that made a batch searchable, in the indexing process. Searches are not blocked:
they keep reading the generation they opened until they refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from whoosh.index import LockError
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from app.core.search.codec import index_codec

log = logging.getLogger(__name__)

# A segment with this share of deleted documents is rewritten: every search decodes and
# skips them, and Whoosh holds their deletion sets in memory; below it, rewriting a whole
# segment for a few deletions costs more than it saves.
DELETED_SHARE = 0.2
# More segments than this and the smallest are merged down to half as many: each search
# pays per segment, and many one-document commits (watched folders) would pile up.
MAX_SEGMENTS = 8


def segments_to_merge(segments: list[Any]) -> list[Any]:
    """The segments worth rewriting now (an empty list: leave the index as it is)."""
    picked = [
        s
        for s in segments
        if s.doc_count_all() and s.deleted_count() / s.doc_count_all() >= DELETED_SHARE
    ]
    if len(segments) > MAX_SEGMENTS:
        by_size = sorted(segments, key=lambda s: s.doc_count_all())
        extra = by_size[: len(segments) - MAX_SEGMENTS // 2 + 1]
        picked += [s for s in extra if s not in picked]
    return picked


def merge_segments(ix: Any, cancelled: Callable[[], bool] | None = None) -> int:
    """Merge what ``segments_to_merge`` picks; returns how many segments were rewritten.

    Skipped (0) when another writer holds the lock: the next commit tries again.
    """
    picked = segments_to_merge(list(ix._segments()))
    if not picked or (cancelled is not None and cancelled()):
        return 0
    try:
        writer = SegmentWriter(ix, codec=index_codec())
    except LockError:
        return 0
    names = {s.segment_id() for s in picked}

    def policy(w: Any, segments: list[Any]) -> list[Any]:
        kept = []
        for seg in segments:
            if seg.segment_id() not in names:
                kept.append(seg)
                continue
            reader = SegmentReader(w.storage, w.schema, seg)
            w.add_reader(reader)  # live documents only: the deleted ones are dropped
            reader.close()
        return kept

    try:
        writer.commit(mergetype=policy)
    except BaseException:
        writer.cancel()
        raise
    log.info("merged %d segments", len(picked))
    return len(picked)
