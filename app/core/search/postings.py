"""A term's postings as arrays: the one door through which the vectorised evaluator reads.

``open_postings(searcher)`` gives a ``PostingSource`` for the searcher's index as it is
now. Every array holds *global* document numbers (those of ``searcher.stored_fields``),
ascending, live documents only (deleted ones are left out).

``GenericPostings`` reads any Whoosh segment through Whoosh's own matchers: correct
everywhere, one Python step per posting. A segment written by Carnet's flat codec can be
read with ``numpy.frombuffer`` instead (see ``flat_codec``), without a Python loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from whoosh.searching import Searcher

DocArray = npt.NDArray[np.int64]
PositionArray = npt.NDArray[np.int64]
WeightArray = npt.NDArray[np.float64]

_NO_DOCS: DocArray = np.zeros(0, dtype=np.int64)
_NO_WEIGHTS: WeightArray = np.zeros(0, dtype=np.float64)


@dataclass(frozen=True)
class TermPostings:
    """The live documents that hold one term, and the term's weight in each."""

    docnums: DocArray
    """Global document numbers, ascending."""
    weights: WeightArray
    """What Whoosh's ``matcher.weight()`` gives: the term's frequency times the field boost."""

    @classmethod
    def empty(cls) -> TermPostings:
        return cls(_NO_DOCS, _NO_WEIGHTS)

    def __len__(self) -> int:
        return len(self.docnums)


@dataclass(frozen=True)
class JoinedPositions:
    """One term's word positions in several documents, end to end in one array."""

    positions: PositionArray
    """The first document's positions (ascending), then the next one's, and so on."""
    counts: DocArray
    """How many of ``positions`` each document has, in the order the documents were asked."""

    @classmethod
    def of(cls, per_document: list[PositionArray]) -> JoinedPositions:
        if not per_document:
            return cls(_NO_DOCS, _NO_DOCS)
        counts = np.fromiter(map(len, per_document), dtype=np.int64, count=len(per_document))
        return cls(np.concatenate(per_document).astype(np.int64, copy=False), counts)

    def split(self) -> list[PositionArray]:
        """Per document, its positions (views of ``positions``)."""
        if not len(self.counts):
            return []
        return np.split(self.positions, np.cumsum(self.counts[:-1]).tolist())


class PostingSource(Protocol):
    """What an evaluator needs of an index, as arrays."""

    def doc_count(self) -> int:
        """Live documents (Whoosh's ``searcher.doc_count()``)."""
        ...

    def doc_count_all(self) -> int:
        """Document numbers in use, deleted ones included: the size of per-document arrays."""
        ...

    def live(self) -> npt.NDArray[np.bool_]:
        """Per global document number: False where the document is deleted."""
        ...

    def field_lengths(self, fieldname: str) -> npt.NDArray[np.float64]:
        """Per global document number, the field's length as Whoosh's BM25F sees it
        (``reader.doc_field_length``: stored in one byte, so approximate)."""
        ...

    def field_length_total(self, fieldname: str) -> int:
        """Sum of the field's lengths (``searcher.field_length``), for the average."""
        ...

    def postings(self, fieldname: str, text: str) -> TermPostings:
        """The term's postings; empty when the term is nowhere."""
        ...

    def positions(self, fieldname: str, text: str, docnums: DocArray) -> list[PositionArray]:
        """The term's word positions in each of ``docnums`` (each must hold the term),
        read for those documents only."""
        ...

    def joined_positions(self, fieldname: str, text: str, docnums: DocArray) -> JoinedPositions:
        """``positions`` as one array and a count per document: what a phrase check on
        thousands of documents wants, without an array per document."""
        ...


class GenericPostings:
    """Any Whoosh index, read through its matchers (one Python step per posting)."""

    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._reader = searcher.reader()
        self._lengths: dict[str, npt.NDArray[np.float64]] = {}
        self._live: npt.NDArray[np.bool_] | None = None

    def doc_count(self) -> int:
        return int(self._searcher.doc_count())

    def doc_count_all(self) -> int:
        return int(self._searcher.doc_count_all())

    def live(self) -> npt.NDArray[np.bool_]:
        if self._live is None:
            live = np.ones(self.doc_count_all(), dtype=np.bool_)
            live[[d for d in range(len(live)) if self._reader.is_deleted(d)]] = False
            self._live = live
        return self._live

    def field_lengths(self, fieldname: str) -> npt.NDArray[np.float64]:
        if fieldname not in self._lengths:
            length = self._reader.doc_field_length
            self._lengths[fieldname] = np.array(
                [length(d, fieldname) for d in range(self.doc_count_all())], dtype=np.float64
            )
        return self._lengths[fieldname]

    def field_length_total(self, fieldname: str) -> int:
        return int(self._searcher.field_length(fieldname))

    def postings(self, fieldname: str, text: str) -> TermPostings:
        if (fieldname, text) not in self._reader:
            return TermPostings.empty()
        m = self._reader.postings(fieldname, text)
        ids: list[int] = []
        weights: list[float] = []
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
        return TermPostings(np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64))

    def positions(self, fieldname: str, text: str, docnums: DocArray) -> list[PositionArray]:
        out: list[PositionArray] = []
        if not len(docnums):
            return out
        m = self._reader.postings(fieldname, text)
        for docnum in docnums.tolist():
            m.skip_to(docnum)
            if not m.is_active() or m.id() != docnum:
                raise KeyError(f"{fieldname}:{text!r} is not in document {docnum}")
            out.append(np.array(m.value_as("positions"), dtype=np.int64))
        return out

    def joined_positions(self, fieldname: str, text: str, docnums: DocArray) -> JoinedPositions:
        return JoinedPositions.of(self.positions(fieldname, text, docnums))


def open_postings(searcher: Searcher) -> PostingSource:
    """The fastest source that can read every segment of ``searcher``'s index."""
    from app.core.search.flat_postings import FlatPostings, all_flat  # noqa: PLC0415 - a cycle

    if all_flat(searcher):
        return FlatPostings(searcher)
    return GenericPostings(searcher)  # e.g. segments written before the flat codec
