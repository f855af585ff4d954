"""The on-disk layout of one term's postings in Carnet's flat codec: plain arrays.

A term's record in the postings file, all little-endian, no padding::

    b"FLT1" | n: u32 | nblocks: u32 | blocksize: u32                      header, 16 bytes
    ids: n x u32            document numbers in the segment, ascending
    weights: n x f32        what Whoosh's ``matcher.weight()`` returns (W3 stores f32 too)
    blocks: nblocks x (max id u32, max weight f32, min length u8, max length u8, 2 pad)
    ends: n x u32           where each posting's value ends in ``values``
    values: bytes           encoded positions, read only for the postings that need them

After the last record: b"FLTE" | the file's length: u64, checked when a segment is opened.

The ids and weights of a whole term are contiguous, so ``numpy.frombuffer`` reads them
without a Python loop; Whoosh's matchers walk the same arrays in blocks of ``blocksize``
(the block table gives them the per-block maxima they use to skip).
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from whoosh.util.numeric import length_to_byte

MAGIC = b"FLT1"
HEADER = struct.Struct("<4sIII")
# The postings file ends with this tag and the file's whole length (u64).
TRAILER_MAGIC = b"FLTE"
TRAILER = struct.Struct("<4sQ")
BLOCK = struct.Struct("<IfBBxx")
# Postings per matcher block, as W3: the granularity of Whoosh's skipping. numpy readers
# take a whole term whatever the block size; 1024 made Whoosh's own top-10 search for two
# words 5-10x slower on 10,000 documents (coarser block maxima skip less).
BLOCK_SIZE = 128

_BIG_ENDIAN = sys.byteorder == "big"


class FlatFormatError(ValueError):
    """A flat postings record is not what its writer wrote (damaged file)."""


def _le_bytes(typecode: str, values: Sequence[int] | Sequence[float]) -> bytes:
    a = array(typecode, values)
    if _BIG_ENDIAN:
        a.byteswap()
    return a.tobytes()


def le_array(typecode: str, data: bytes) -> array:  # type: ignore[type-arg]
    """Little-endian bytes as an ``array`` of native numbers."""
    a = array(typecode)
    a.frombytes(data)
    if _BIG_ENDIAN:
        a.byteswap()
    return a


@dataclass(frozen=True)
class TermStats:
    """What Whoosh's term info keeps about a term, computed while packing it."""

    df: int
    weight: float
    max_weight: float
    min_length: int | None
    max_length: int
    min_id: int
    max_id: int


def pack_term(
    ids: Sequence[int],
    weights: Sequence[float],
    values: Sequence[bytes],
    lengths: Sequence[int | None],
    blocksize: int = BLOCK_SIZE,
) -> tuple[bytes, TermStats]:
    """One term's record and its statistics. ``ids`` ascending, at least one."""
    n = len(ids)
    if not n:
        raise ValueError("a term needs at least one posting")
    w32 = array("f", weights)  # rounded to f32 once: the stats agree with what is read
    nblocks = (n + blocksize - 1) // blocksize
    blocks = bytearray()
    minlen_all: int | None = None
    maxlen_all = 0
    for b in range(nblocks):
        lo, hi = b * blocksize, min(n, (b + 1) * blocksize)
        block_lengths = [x for x in lengths[lo:hi] if x]
        mn = min(block_lengths) if block_lengths else None
        mx = max(block_lengths) if block_lengths else 0
        if mn is not None and (minlen_all is None or mn < minlen_all):
            minlen_all = mn
        maxlen_all = max(maxlen_all, mx)
        blocks += BLOCK.pack(
            ids[hi - 1], max(w32[lo:hi]), length_to_byte(mn or 0), length_to_byte(mx)
        )
    ends = accumulate(map(len, values))
    record = b"".join(
        (
            HEADER.pack(MAGIC, n, nblocks, blocksize),
            _le_bytes("I", ids),
            w32.tobytes() if not _BIG_ENDIAN else _le_bytes("f", w32),
            bytes(blocks),
            _le_bytes("I", list(ends)),
            b"".join(values),
        )
    )
    stats = TermStats(
        df=n,
        weight=float(sum(w32)),
        max_weight=float(max(w32)),
        min_length=minlen_all,
        max_length=maxlen_all,
        min_id=int(ids[0]),
        max_id=int(ids[-1]),
    )
    return record, stats


@dataclass(frozen=True)
class TermLayout:
    """Where each region of a term's record lies, as absolute offsets in the file."""

    n: int
    nblocks: int
    blocksize: int
    ids: int
    weights: int
    blocks: int
    ends: int
    values: int
    end: int

    @classmethod
    def read(cls, header: bytes, offset: int, length: int) -> TermLayout:
        """The layout of the record at ``offset`` from its 16 header bytes; checks that
        the regions fit in ``length`` (a truncated or garbled file fails here)."""
        if len(header) < HEADER.size:
            raise FlatFormatError(f"postings record at {offset} is cut short")
        magic, n, nblocks, blocksize = HEADER.unpack_from(header)
        if magic != MAGIC:
            raise FlatFormatError(f"postings record at {offset} has tag {magic!r}")
        if not n or not blocksize or nblocks != (n + blocksize - 1) // blocksize:
            raise FlatFormatError(f"postings record at {offset} has a bad header")
        ids = offset + HEADER.size
        weights = ids + 4 * n
        blocks = weights + 4 * n
        ends = blocks + BLOCK.size * nblocks
        values = ends + 4 * n
        if values > offset + length:
            raise FlatFormatError(f"postings record at {offset} overruns its extent")
        return cls(n, nblocks, blocksize, ids, weights, blocks, ends, values, offset + length)
