"""Searching within a set of documents: document ids turned into the searcher's docnums.

A collection or a smart list is a set of document ids; the rankers want global document
numbers of one searcher (one generation of the index: a commit gives a new searcher, so a
docnum cached here is never stale). A few ids are looked up one by one in the id field's
postings; many are found in a map of the whole id field, read once per searcher from the
term index (the first docnum of each term is in its term info: no postings read). A set
covering more than half the index becomes the complement: "Unread", most of the library,
excludes the few read documents instead of allowing almost all of them.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Iterator
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
        self._size = int(searcher.doc_count_all())
        self._live = int(searcher.doc_count())
        self._looked_up: dict[str, tuple[int, ...]] = {}
        self._all: dict[str, tuple[int, ...]] | None = None
        self._restrictions: OrderedDict[frozenset[str], Restriction | None] = OrderedDict()

    def restriction(self, only: frozenset[str]) -> Restriction | None:
        """What searching within ``only`` allows; None when ``only`` holds every document
        of the index (nothing to filter). Ids not in the index are ignored."""
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
            everything = self._everything()
            left_out = [d for i, ds in everything.items() if i not in only for d in ds]
            if not left_out:
                return None
            return Restriction(self._size, _sorted(left_out), excluding=True)
        docnums = [d for i in only for d in self.docnums_of(i, many=len(only))]
        return Restriction(self._size, _sorted(docnums), excluding=False)

    def docnums_of(self, doc_id: str, *, many: int = 1) -> tuple[int, ...]:
        """The live docnums of ``doc_id`` (one, or none when it is not in the index).

        ``many``: how many ids the caller is looking up, to choose the faster way.
        """
        if self._all is None and many * FULL_MAP_SHARE <= self._live:
            found = self._looked_up.get(doc_id)
            if found is None:
                found = self._looked_up[doc_id] = self._lookup(doc_id)
            return found
        return self._everything().get(doc_id, ())

    def _lookup(self, doc_id: str) -> tuple[int, ...]:
        try:
            # The reader's postings leave deleted documents out.
            return tuple(self._reader.postings(ID_FIELD, doc_id).all_ids())
        except TermNotFound:
            return ()

    def _everything(self) -> dict[str, tuple[int, ...]]:
        if self._all is None:
            found: dict[str, tuple[int, ...]] = {}
            for doc_id, docnum in self._all_docnums():
                found[doc_id] = (*found.get(doc_id, ()), docnum)
            self._all = found
        return self._all

    def _all_docnums(self) -> Iterator[tuple[str, int]]:
        """(id, live docnum) for every live document, segment by segment."""
        for leaf, base in self._reader.leaf_readers():
            if not leaf.doc_count_all():
                continue  # an empty index's EmptyReader
            if isinstance(leaf, SegmentReader) and isinstance(leaf._terms, W3TermsReader):
                yield from _segment_docnums(leaf, base)
                continue
            for btext in leaf.lexicon(ID_FIELD):
                doc_id = btext.decode("utf-8")
                for local in leaf.postings(ID_FIELD, btext).all_ids():
                    yield doc_id, base + local


def _segment_docnums(leaf: Any, base: int) -> Iterator[tuple[str, int]]:
    """(id, live docnum) of one segment read from its term index: an id is in one
    document, whose number the term info holds; postings are read only for an id in
    several documents of the segment (an update before a merge)."""
    terms = leaf._terms
    prefix = terms._keycoder(ID_FIELD, b"")
    skip = len(prefix)
    has_deletions = leaf.has_deletions()
    for key, info in terms._tindex.items_from(prefix):
        if not key.startswith(prefix):
            break
        values = _INFO.unpack(info[: _INFO.size])
        btext = key[skip:]
        if values[_INFO_DOC_FREQUENCY] == 1:
            local = values[_INFO_FIRST_ID]
            if not (has_deletions and leaf.is_deleted(local)):
                yield btext.decode("utf-8"), base + local
            continue
        for local in leaf.postings(ID_FIELD, btext).all_ids():
            yield btext.decode("utf-8"), base + local


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
