"""``PostingSource`` for an index whose segments are all flat: arrays straight off the file.

Per segment a term costs a term-index lookup and two reads (header; ids and weights, which
lie side by side), turned into arrays by ``numpy.frombuffer``; the segment's document base
is added, deleted documents masked out, the segments concatenated. Positions are read
only for the documents asked for. What is per searcher (lengths, live mask) is cached.

A record is checked as it is read (header, extent, ids ascending and inside the segment):
a damaged postings file raises ``FlatFormatError``, which ``damage`` counts as damage.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length

from app.core.search.flat_codec import FlatCodec
from app.core.search.flat_format import HEADER, FlatFormatError, TermLayout
from app.core.search.postings import DocArray, JoinedPositions, PositionArray, TermPostings

if TYPE_CHECKING:
    from whoosh.searching import Searcher

# Positions of several documents are read as one span when it holds at most twice what
# was asked for plus this many bytes; sparser, one read per document.
SPAN_SLACK = 65536

# Whoosh stores a field's length in one byte; this is its decoding as a lookup table.
_BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass(frozen=True)
class _Leaf:
    reader: SegmentReader
    base: int
    doccount: int
    has_deletions: bool


def all_flat(searcher: Searcher) -> bool:
    """Whether every segment of ``searcher``'s index was written by ``FlatCodec``."""
    return all(
        isinstance(r, SegmentReader) and isinstance(r.codec(), FlatCodec)
        for r, _ in _segment_readers(searcher)
    )


def _segment_readers(searcher: Searcher) -> list[tuple[Any, int]]:
    leaves: list[tuple[Any, int]] = list(searcher.reader().leaf_readers())
    # An index with no segment has one EmptyReader leaf: nothing to read either way.
    return [(r, base) for r, base in leaves if r.doc_count_all()]


class FlatPostings:
    """Arrays read with ``numpy.frombuffer`` from flat segments (see ``all_flat``)."""

    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._leaves = [
            _Leaf(r, base, r.doc_count_all(), r.has_deletions())
            for r, base in _segment_readers(searcher)
        ]
        self._size = int(searcher.doc_count_all())
        self._lengths: dict[str, npt.NDArray[np.float64]] = {}
        self._live: npt.NDArray[np.bool_] | None = None

    def doc_count(self) -> int:
        return int(self._searcher.doc_count())

    def doc_count_all(self) -> int:
        return self._size

    def live(self) -> npt.NDArray[np.bool_]:
        if self._live is None:
            live = np.ones(self._size, dtype=np.bool_)
            for leaf in self._leaves:
                deleted = np.fromiter(leaf.reader._segment.deleted_docs(), dtype=np.int64)
                live[leaf.base + deleted] = False
            self._live = live
        return self._live

    def field_lengths(self, fieldname: str) -> npt.NDArray[np.float64]:
        if fieldname not in self._lengths:
            lengths = np.zeros(self._size, dtype=np.float64)
            for leaf in self._leaves:
                codes = _length_bytes(leaf, fieldname)
                lengths[leaf.base : leaf.base + len(codes)] = _BYTE_TO_LENGTH[codes]
            self._lengths[fieldname] = lengths
        return self._lengths[fieldname]

    def field_length_total(self, fieldname: str) -> int:
        return int(self._searcher.field_length(fieldname))

    def postings(self, fieldname: str, text: str) -> TermPostings:
        ids: list[DocArray] = []
        weights: list[npt.NDArray[np.float32]] = []
        live = self.live()
        for leaf in self._leaves:
            found = _record(leaf, fieldname, text)
            if found is None:
                continue
            _, layout, raw = found
            n, start = layout.n, HEADER.size
            local = np.frombuffer(raw, dtype="<u4", count=n, offset=start)
            _check_ids(local, leaf, fieldname, text)
            docs = local.astype(np.int64) + leaf.base
            w = np.frombuffer(raw, dtype="<f4", count=n, offset=start + 4 * n)
            if leaf.has_deletions:
                keep = live[docs]
                docs, w = docs[keep], w[keep]
            ids.append(docs)
            weights.append(w)
        if not ids:
            return TermPostings.empty()
        if len(ids) == 1:
            return TermPostings(ids[0], weights[0].astype(np.float64))
        return TermPostings(np.concatenate(ids), np.concatenate(weights).astype(np.float64))

    def positions(self, fieldname: str, text: str, docnums: DocArray) -> list[PositionArray]:
        return self.joined_positions(fieldname, text, docnums).split()

    def joined_positions(self, fieldname: str, text: str, docnums: DocArray) -> JoinedPositions:
        docnums = np.asarray(docnums, dtype=np.int64)
        if not len(docnums):
            return JoinedPositions.of([])
        fmt = self._searcher.schema[fieldname].format
        dtype = getattr(fmt, "RAW_POSITIONS", None)
        values: list[PositionArray] = []
        counts: list[DocArray] = []
        for leaf in self._leaves:
            lo, hi = np.searchsorted(docnums, [leaf.base, leaf.base + leaf.doccount])
            if lo == hi:
                continue
            wanted = docnums[lo:hi] - leaf.base
            found = _record(leaf, fieldname, text)
            if found is None:
                raise KeyError(f"{fieldname}:{text!r} is in none of documents {wanted + leaf.base}")
            postfile, layout, raw = found
            local = np.frombuffer(raw, dtype="<u4", count=layout.n, offset=HEADER.size)
            at = np.searchsorted(local, wanted)
            if (at >= layout.n).any() or (local[np.minimum(at, layout.n - 1)] != wanted).any():
                raise KeyError(f"{fieldname}:{text!r} is not in all of {wanted + leaf.base}")
            ends_all = np.frombuffer(postfile.get(layout.ends, 4 * layout.n), dtype="<u4")
            starts = np.where(at > 0, ends_all[np.maximum(at - 1, 0)], 0).astype(np.int64)
            ends = ends_all[at].astype(np.int64)
            if (
                (ends < starts).any()
                or (starts[1:] < ends[:-1]).any()
                or layout.values + int(ends[-1]) > layout.end
                or (dtype is not None and ((ends - starts) % 4).any())
            ):
                raise FlatFormatError(f"positions of {fieldname}:{text!r} overrun their record")
            if dtype is None:
                joined = JoinedPositions.of(_decoded(postfile, layout.values, starts, ends, fmt))
                values.append(joined.positions)
                counts.append(joined.counts)
            else:
                values.append(_raw_values(postfile, layout.values, starts, ends, dtype))
                counts.append((ends - starts) // 4)
        if not values:
            return JoinedPositions.of([])
        if len(values) == 1:
            return JoinedPositions(values[0], counts[0])
        return JoinedPositions(np.concatenate(values), np.concatenate(counts))


def _raw_values(
    postfile: Any,
    base: int,
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
    dtype: str,
) -> PositionArray:
    """Values ``[start, end)`` of the values region at ``base``, end to end, as one array
    (values of Carnet's positions format: 4 bytes each)."""
    first, last = int(starts[0]), int(ends[-1])
    sizes = ends - starts
    wanted = int(sizes.sum())
    if last - first <= 2 * wanted + SPAN_SLACK:
        # Dense enough: one read, then one gather of the wanted values (no array per
        # document: for 40,000 documents those cost more than the read).
        span = np.frombuffer(postfile.get(base + first, last - first), dtype=dtype)
        if wanted == last - first:  # adjacent documents: the span is the answer
            return span.astype(np.int64)
        counts = sizes // 4
        shift = (starts - first) // 4 - (np.cumsum(counts) - counts)
        at: npt.NDArray[np.int64] = np.arange(wanted // 4) + np.repeat(shift, counts)
        return span[at].astype(np.int64)
    spans = zip(starts.tolist(), ends.tolist(), strict=True)
    pieces = [postfile.get(base + a, b - a) for a, b in spans]
    return np.frombuffer(b"".join(pieces), dtype=dtype).astype(np.int64)


def _decoded(
    postfile: Any,
    base: int,
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
    fmt: Any,
) -> list[PositionArray]:
    """Values of a positions format other than Carnet's, decoded by the format itself."""
    return [
        np.array(fmt.decode_positions(postfile.get(base + a, b - a)), dtype=np.int64)
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
    ]


# W3's term info: flags, weight, doc frequency, lengths, max weight, ids, then the extent.
_TERM_INFO = struct.Struct("!BfIBBfIIqi")


def _record(leaf: _Leaf, fieldname: str, text: str) -> tuple[Any, TermLayout, bytes] | None:
    """The term's postings file, record layout and first bytes (header, ids, weights) in
    this segment, or None if the term is not there. One read: the doc frequency in the
    term info says how long the ids and weights are."""
    reader = leaf.reader
    terms = reader._terms
    key = terms._keycoder(fieldname, reader._text_to_bytes(fieldname, text))
    try:
        info = terms._tindex[key]
    except KeyError:
        return None
    if len(info) != _TERM_INFO.size or info[0]:  # FlatCodec never inlines postings
        raise FlatFormatError(f"{fieldname}:{text!r} has no flat postings record")
    _, _, df, _, _, _, _, _, offset, length = _TERM_INFO.unpack(info)
    postfile = terms._postfile
    raw = postfile.get(offset, HEADER.size + 8 * df)
    layout = TermLayout.read(raw[: HEADER.size], offset, length)
    if layout.n != df or len(raw) != HEADER.size + 8 * df:
        raise FlatFormatError(f"{fieldname}:{text!r}: record and term info disagree")
    return postfile, layout, raw


def _check_ids(local: npt.NDArray[np.uint32], leaf: _Leaf, fieldname: str, text: str) -> None:
    # Cheap next to the read (a few µs per 10,000 postings), and garbled ids would
    # otherwise become wrong answers rather than a rebuilt index.
    if len(local) and (int(local[-1]) >= leaf.doccount or bool((local[1:] <= local[:-1]).any())):
        raise FlatFormatError(f"postings of {fieldname}:{text!r} are not ascending doc ids")


def _length_bytes(leaf: _Leaf, fieldname: str) -> npt.NDArray[np.uint8]:
    """The segment's one-byte length codes for ``fieldname``, 0 where none is stored."""
    codes = np.zeros(leaf.doccount, dtype=np.uint8)
    perdoc = leaf.reader._perdoc
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if column is not None:
        count = min(column._count, leaf.doccount)
        raw = column._dbfile.get(column._basepos, count)
        codes[:count] = np.frombuffer(raw, dtype=np.uint8, count=count)
    return codes
