"""Searching within a set of documents: document ids turned into the searcher's docnums.

A collection or a smart list is a set of document ids; the rankers want global document
numbers of one searcher (one generation of the index: a commit gives a new searcher, so a
docnum cached here is never stale). A few ids are looked up one by one in the id field's
postings; many are found in a map of the whole id field, made per searcher from each
segment's ids and local docnums, which are read from its term index (a term's first
docnum is in its term info: no postings read) and cached by segment: a segment never
changes once written, so a commit reads its new segments only. A set covering more than
half the index becomes the complement: "Unread", most of the library, excludes the few
read documents instead of allowing almost all of them.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import W3TermInfo, W3TermsReader
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.searching import Searcher

from app.core.search.postings import DocArray

ID_FIELD = "id"
# Above doc_count / FULL_MAP_SHARE ids, reading the whole id field (~4 µs a document)
# costs less than looking each id up (~28 µs: a hash lookup in every segment).
FULL_MAP_SHARE = 6
CACHED_RESTRICTIONS = 8  # per searcher: the collections a user goes back and forth between

_INFO = W3TermInfo._struct  # flags, weight, doc frequency, lengths, max weight, first id…
_INFO_DOC_FREQUENCY = 2
_INFO_FIRST_ID = 6


class Restriction:
    """The documents a search may return: a mask over the searcher's global docnums, and
    the docnums allowed (or, when ``excluding``, those left out) for Whoosh's collector."""

    def __init__(self, size: int, docnums: DocArray, *, excluding: bool) -> None:
        self.docnums = docnums
        self.excluding = excluding
        self.keep: npt.NDArray[np.bool_] = np.full(size, excluding, dtype=np.bool_)
        self.keep[docnums] = not excluding

    @property
    def empty(self) -> bool:
        """Nothing may be returned: a search needs not run."""
        return not self.excluding and not len(self.docnums)

    def within(self, docs: DocArray) -> npt.NDArray[np.bool_]:
        """Which of ``docs`` (global docnums) may be returned."""
        return self.keep[docs]

    @cached_property
    def _docnum_set(self) -> set[int]:
        return set(self.docnums.tolist())

    def whoosh_filter(self) -> dict[str, set[int]]:
        """``Searcher.search`` keywords: ``filter`` (allowed) or ``mask`` (left out) docnums.

        Whoosh wants a ``set`` (a frozenset is refused) and takes an empty one for "no
        filter": callers stop at ``empty`` first.
        """
        return {"mask" if self.excluding else "filter": self._docnum_set}


class IdDocnums:
    """Document ids to live global docnums in one searcher, and restrictions made of them."""

    def __init__(self, searcher: Searcher) -> None:
        self._reader = searcher.reader()
        self._leaves = [(r, base) for r, base in self._reader.leaf_readers() if r.doc_count_all()]
        self._size = int(searcher.doc_count_all())
        self._live = int(searcher.doc_count())
        self._looked_up: dict[str, tuple[int, ...]] = {}
        self._segments: list[tuple[SegmentIds, int, Any]] | None = None
        self._restrictions: OrderedDict[frozenset[str], Restriction | None] = OrderedDict()
        self._lock = threading.Lock()

    def restriction(self, only: frozenset[str]) -> Restriction | None:
        """What searching within ``only`` allows; None when ``only`` holds every document
        of the index (nothing to filter). Ids not in the index are ignored."""
        # A searcher is meant for one thread, but a map shared by two must stay whole.
        with self._lock:
            if only in self._restrictions:
                self._restrictions.move_to_end(only)
                return self._restrictions[only]
            found = self._restriction(only)
            self._restrictions[only] = found
            if len(self._restrictions) > CACHED_RESTRICTIONS:
                self._restrictions.popitem(last=False)
            return found

    def _restriction(self, only: frozenset[str]) -> Restriction | None:
        if 2 * len(only) > self._live:
            left_out = self._scan(only, inside=False)
            if not left_out:
                return None
            return Restriction(self._size, _sorted(left_out), excluding=True)
        if self._postings_cheaper(len(only)):
            docnums = [d for i in only for d in self.looked_up(i)]
        elif len(only) * FULL_MAP_SHARE <= self._live:
            docnums = [d for i in only for d in self.read_from_segments(i)]
        else:  # going through every id once costs less than looking many up
            docnums = self._scan(only, inside=True)
        return Restriction(self._size, _sorted(docnums), excluding=False)

    def _scan(self, only: frozenset[str], *, inside: bool) -> list[int]:
        """The live docnums whose ids are in ``only`` (``inside``) or not in it."""
        return [
            base + d
            for segment, base, leaf in self._all_segments()
            for doc_id, ds in segment.entries()
            if (doc_id in only) == inside
            for d in ds
            if not leaf.is_deleted(d)
        ]

    def docnums_of(self, doc_id: str) -> tuple[int, ...]:
        """The live docnums of ``doc_id`` (one, or none when it is not in the index)."""
        if self._postings_cheaper(1):
            return self.looked_up(doc_id)
        return self.read_from_segments(doc_id)

    def _postings_cheaper(self, many: int) -> bool:
        """Whether looking ``many`` ids up in the postings (~28 µs each: a lookup in every
        segment) costs less than reading the ids of segments not read yet (~4 µs an id)."""
        return (
            self._segments is None
            and many * FULL_MAP_SHARE <= self._live
            and not all(_cached_segment(leaf) for leaf, _ in self._leaves)
        )

    def looked_up(self, doc_id: str) -> tuple[int, ...]:
        """``docnums_of`` through the id field's postings."""
        found = self._looked_up.get(doc_id)
        if found is None:
            try:
                # The reader's postings leave deleted documents out.
                postings = self._reader.postings(ID_FIELD, doc_id)
                found = tuple(postings.all_ids())
            except TermNotFound:
                found = ()
            self._looked_up[doc_id] = found
        return found

    def read_from_segments(self, doc_id: str) -> tuple[int, ...]:
        """``docnums_of`` through the segments' id lists (read first if need be)."""
        return tuple(
            base + d
            for segment, base, leaf in self._all_segments()
            for d in segment.docnums(doc_id)
            if not leaf.is_deleted(d)
        )

    def _all_segments(self) -> list[tuple[SegmentIds, int, Any]]:
        if self._segments is None:
            self._segments = [(_segment_ids(leaf), base, leaf) for leaf, base in self._leaves]
        return self._segments


@dataclass(frozen=True)
class SegmentIds:
    """One segment's ids and their local docnums, deleted documents included (but for
    ids read through postings, which leave out those deleted then): a segment never
    changes once written and its deletions only grow, so this holds for every searcher
    that reads it, which leaves out what is deleted by its time."""

    first: dict[str, int]
    several: dict[str, tuple[int, ...]]
    """Ids in several documents of the segment (an update before a merge)."""

    def docnums(self, doc_id: str) -> tuple[int, ...]:
        found = self.first.get(doc_id)
        return (found,) if found is not None else self.several.get(doc_id, ())

    def entries(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        for doc_id, d in self.first.items():
            yield doc_id, (d,)
        yield from self.several.items()


# Segments read lately, by Whoosh's segment id (random, unique to the segment) and size.
_SEGMENTS: OrderedDict[tuple[str, int], SegmentIds] = OrderedDict()
CACHED_SEGMENTS = 64


def _segment_key(leaf: Any) -> tuple[str, int] | None:
    if isinstance(leaf, SegmentReader) and isinstance(leaf._terms, W3TermsReader):
        return str(leaf._segment.segment_id()), int(leaf.doc_count_all())
    return None  # not a segment of Whoosh's format: read each time


def _cached_segment(leaf: Any) -> bool:
    return _segment_key(leaf) in _SEGMENTS


def _segment_ids(leaf: Any) -> SegmentIds:
    key = _segment_key(leaf)
    found = _SEGMENTS.get(key) if key is not None else None
    if found is None:
        first: dict[str, int] = {}
        several: dict[str, tuple[int, ...]] = {}
        for doc_id, d in _segment_docnums(leaf):
            if doc_id in several:
                several[doc_id] = (*several[doc_id], d)
            elif doc_id in first:
                several[doc_id] = (first.pop(doc_id), d)
            else:
                first[doc_id] = d
        found = SegmentIds(first, several)
        if key is not None:
            _SEGMENTS[key] = found
            if len(_SEGMENTS) > CACHED_SEGMENTS:
                _SEGMENTS.popitem(last=False)
    return found


def _segment_docnums(leaf: Any) -> Iterator[tuple[str, int]]:
    """(id, local docnum) of one segment, deleted documents included.

    Whoosh's segments are read from their term index: an id is in one document, whose
    number the term info holds; postings are read only for an id in several documents
    of the segment (an update before a merge). Other readers go through postings.
    """
    if not (isinstance(leaf, SegmentReader) and isinstance(leaf._terms, W3TermsReader)):
        for btext in leaf.lexicon(ID_FIELD):
            for local in leaf.postings(ID_FIELD, btext).all_ids():
                yield btext.decode("utf-8"), local
        return
    terms = leaf._terms
    prefix = terms._keycoder(ID_FIELD, b"")
    skip = len(prefix)
    for key, info in terms._tindex.items_from(prefix):
        if not key.startswith(prefix):
            break
        values = _INFO.unpack(info[: _INFO.size])
        btext = key[skip:]
        if values[_INFO_DOC_FREQUENCY] == 1:
            yield btext.decode("utf-8"), values[_INFO_FIRST_ID]
            continue
        for local in leaf.postings(ID_FIELD, btext).all_ids():
            yield btext.decode("utf-8"), local


def _sorted(docnums: list[int]) -> DocArray:
    return np.unique(np.array(docnums, dtype=np.int64))


# One map per searcher: its docnums hold for as long as the searcher does.
_MAPS: weakref.WeakKeyDictionary[Searcher, IdDocnums] = weakref.WeakKeyDictionary()


def restriction_for(searcher: Searcher, only: frozenset[str]) -> Restriction | None:
    """What searching ``searcher`` within the documents ``only`` allows (None: all)."""
    found = _MAPS.get(searcher)
    if found is None:
        found = _MAPS[searcher] = IdDocnums(searcher)
    return found.restriction(frozenset(only))
