"""Carnet's Whoosh codec: W3 in every respect but the postings, which are flat arrays.

Whoosh's directory, table of contents, segments, term index, columns, locking and merging
are W3's own; only a term's postings differ (``flat_format``), so ``numpy.frombuffer``
reads a whole term's ids and weights (``flat_postings``) while Whoosh's matchers still
walk them block by block (``FlatLeafMatcher``). Segments are pickled into the table of
contents with their codec: these classes must keep this module path.

Single-posting terms are not inlined into the term index (W3 with its default limit
never inlines either): a term record of one posting costs 48 bytes plus its positions,
and one code path is worth more than those bytes.
"""

from __future__ import annotations

import copy
from bisect import bisect_left
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3TermInfo
from whoosh.matching import ListMatcher, ReadTooFar
from whoosh.matching.mcore import LeafMatcher
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length

from app.core.search.flat_format import (
    BLOCK,
    BLOCK_SIZE,
    HEADER,
    TRAILER,
    TRAILER_MAGIC,
    FlatFormatError,
    TermLayout,
    le_array,
    pack_term,
)


def _term_info(stats: Any, offset: int, length: int) -> W3TermInfo:
    info = W3TermInfo()
    info._weight = stats.weight
    info._df = stats.df
    info._minlength = stats.min_length
    info._maxlength = stats.max_length
    info._maxweight = stats.max_weight
    info._minid = stats.min_id
    info._maxid = stats.max_id
    info.set_extent(offset, length)
    return info


def record_extent(terminfo: W3TermInfo) -> tuple[int, int]:
    """Where a term's record lies in the postings file."""
    offset, length = terminfo.extent()
    # W3TermInfo.from_bytes leaves the length as unpack's 1-tuple (W3 never reads it).
    if isinstance(length, tuple):
        (length,) = length
    return int(offset), int(length)


def check_trailer(postfile: Any, length: int) -> None:
    """Raise ``FlatFormatError`` unless the postings file ends with the trailer its writer
    wrote, giving its whole length: a truncated file is found when the segment is opened,
    not by the first search that reaches its end."""
    tail = postfile.get(length - TRAILER.size, TRAILER.size) if length >= TRAILER.size else b""
    if len(tail) != TRAILER.size:
        raise FlatFormatError(f"postings file of {length} bytes has no trailer")
    magic, written = TRAILER.unpack(tail)
    if magic != TRAILER_MAGIC or written != length:
        raise FlatFormatError(f"postings file is {length} bytes, its trailer says {written}")


class FlatPostingsWriter:
    """Buffers one term's postings and writes them as one flat record."""

    def __init__(self, postfile: Any, blocksize: int = BLOCK_SIZE) -> None:
        self._postfile = postfile
        self._blocksize = blocksize
        self._in_term = False
        self._clear()

    def _clear(self) -> None:
        self._ids: list[int] = []
        self._weights: list[float] = []
        self._values: list[bytes] = []
        self._lengths: list[int | None] = []

    def written(self) -> bool:
        return False

    def start_postings(self, format_: Any, terminfo: Any) -> None:
        if self._in_term:
            raise RuntimeError("start_postings inside a term")
        self._in_term = True
        self._clear()

    def add_posting(
        self, id_: int, weight: float, vbytes: bytes, length: int | None = None
    ) -> None:
        self._ids.append(id_)
        self._weights.append(weight)
        self._values.append(vbytes)
        self._lengths.append(length)

    def finish_postings(self) -> W3TermInfo:
        self._in_term = False
        info = write_term(
            self._postfile, self._ids, self._weights, self._values, self._lengths, self._blocksize
        )
        self._clear()
        return info


def write_term(  # noqa: PLR0917 - the field writer's own signature, plus the file
    postfile: Any,
    ids: list[int],
    weights: list[float],
    values: list[bytes],
    lengths: list[int] | list[int | None],
    blocksize: int = BLOCK_SIZE,
) -> W3TermInfo:
    """Append one term's record to ``postfile``; its term info points at it."""
    record, stats = pack_term(ids, weights, values, lengths, blocksize)
    offset = postfile.tell()
    postfile.write(record)
    return _term_info(stats, offset, len(record))


class FlatFieldWriter(W3FieldWriter):
    """W3's field writer with flat postings, plus a one-call path for a whole term."""

    def add_term_postings(
        self,
        btext: bytes,
        docnums: list[int],
        weights: list[float],
        values: list[bytes],
        lengths: list[int],
    ) -> None:
        """Same as ``start_term(btext)``, ``add(...)`` per posting, ``finish_term()``."""
        if self._postwriter is None:
            raise RuntimeError("add_term_postings before start_field")
        info = write_term(self._postfile, docnums, weights, values, lengths, self._codec.blocksize)
        self._tindex.add(pack_ushort(self._fieldid) + btext, info.to_bytes())

    def close(self) -> None:
        # The trailer lets a reader see on open that the file is whole (see check_trailer).
        self._postfile.write(TRAILER.pack(TRAILER_MAGIC, self._postfile.tell() + TRAILER.size))
        super().close()


class FlatCodec(W3Codec):
    """Whoosh's W3 codec with flat posting records (see the module docstring)."""

    def __init__(self, blocksize: int = BLOCK_SIZE) -> None:
        super().__init__()
        self.blocksize = blocksize

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("blocksize", BLOCK_SIZE)

    def field_writer(self, storage: Any, segment: Any) -> FlatFieldWriter:
        return FlatFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        if byteids:  # term vectors (Carnet stores none) keep W3's blocks
            return super().postings_writer(dbfile, byteids=True)
        return FlatPostingsWriter(dbfile, self.blocksize)

    def terms_reader(self, storage: Any, segment: Any) -> Any:
        reader = super().terms_reader(storage, segment)
        length = storage.file_length(segment.make_filename(self.POSTS_EXT))
        try:
            check_trailer(reader._postfile, length)
        except BaseException:
            reader.close()
            raise
        return reader

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(
                ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
            )
        offset, length = record_extent(terminfo)
        return FlatLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class FlatLeafMatcher(LeafMatcher):
    """Whoosh's matcher interface over one flat term record, one block at a time."""

    def __init__(  # noqa: PLR0917 - W3LeafMatcher's signature
        self,
        postfile: Any,
        offset: int,
        length: int,
        format_: Any,
        term: Any = None,
        scorer: Any = None,
    ) -> None:
        self._postfile = postfile
        self.format = format_
        self._term = term
        self.scorer = scorer
        self._novalues = format_.fixed_value_size() == 0
        layout = TermLayout.read(postfile.get(offset, HEADER.size), offset, length)
        self._layout = layout
        table = postfile.get(layout.blocks, BLOCK.size * layout.nblocks)
        self._blockinfo = list(BLOCK.iter_unpack(table))
        self._goto(0)

    def copy(self) -> FlatLeafMatcher:
        return copy.copy(self)

    def reset(self) -> None:
        self._goto(0)

    def _goto(self, block: int) -> None:
        layout = self._layout
        self._block = block
        self._i = 0
        self._ids: Any = None
        self._weights: Any = None
        self._vbytes: bytes | None = None
        self._atend = block >= layout.nblocks
        if self._atend:
            return
        self._lo = block * layout.blocksize
        self._count = min(layout.blocksize, layout.n - self._lo)
        self._maxid, self._maxweight, minbyte, maxbyte = self._blockinfo[block]
        self._minlength = byte_to_length(minbyte)
        self._maxlength = byte_to_length(maxbyte)

    def _next_block(self) -> None:
        if self._atend:
            raise ReadTooFar("no next block")
        self._goto(self._block + 1)

    def _skip_to_block(self, skipwhile: Any) -> int:
        skipped = 0
        while self.is_active() and skipwhile():
            self._next_block()
            skipped += 1
        return skipped

    def is_active(self) -> bool:
        return not self._atend

    def _read_ids(self) -> Any:
        at = self._layout.ids + 4 * self._lo
        self._ids = le_array("I", self._postfile.get(at, 4 * self._count))
        return self._ids

    def id(self) -> int:
        ids = self._ids if self._ids is not None else self._read_ids()
        return int(ids[self._i])

    def weight(self) -> float:
        if self._weights is None:
            at = self._layout.weights + 4 * self._lo
            self._weights = le_array("f", self._postfile.get(at, 4 * self._count))
        return float(self._weights[self._i])

    def value(self) -> bytes | None:
        if self._novalues:
            return None
        if self._vbytes is None:
            self._read_values()
        assert self._vbytes is not None
        start = self._ends[self._i] - self._vstart
        end = self._ends[self._i + 1] - self._vstart
        return self._vbytes[start:end]

    def _read_values(self) -> None:
        layout, lo = self._layout, self._lo
        # ends[lo - 1] is where this block's first value starts (0 for the first block).
        first = lo - 1 if lo else lo
        raw = le_array(
            "I", self._postfile.get(layout.ends + 4 * first, 4 * (lo + self._count - first))
        )
        ends = [0, *raw] if not lo else list(raw)
        self._ends = ends
        self._vstart = ends[0]
        size = ends[-1] - ends[0]
        if layout.values + ends[-1] > layout.end:
            raise ValueError(f"postings values of {self._term!r} overrun their record")
        self._vbytes = self._postfile.get(layout.values + ends[0], size)

    def next(self) -> bool:
        self._i += 1
        if self._i >= self._count:
            self._next_block()
            return True
        return False

    def skip_to(self, targetid: int) -> None:
        if not self.is_active():
            raise ReadTooFar
        if targetid <= self.id():
            return
        if targetid > self._maxid:
            self._skip_to_block(lambda: targetid > self._maxid)
            if not self.is_active():
                return
        ids = self._ids if self._ids is not None else self._read_ids()
        self._i = bisect_left(ids, targetid, self._i)
        if self._i >= self._count:  # the block's max id was wrong: a damaged record
            raise ValueError(f"postings of {self._term!r} are out of order")

    def skip_to_quality(self, minquality: float) -> int:
        if self.block_quality() > minquality:
            return 0
        return self._skip_to_block(lambda: self.block_quality() <= minquality)

    def block_min_id(self) -> int:
        ids = self._ids if self._ids is not None else self._read_ids()
        return int(ids[0])

    def block_max_id(self) -> int:
        return int(self._maxid)

    def block_min_length(self) -> int:
        return int(self._minlength)

    def block_max_length(self) -> int:
        return int(self._maxlength)

    def block_max_weight(self) -> float:
        return float(self._maxweight)
