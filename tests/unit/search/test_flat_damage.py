"""A damaged flat postings file is found when searched, and counted as damage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import qparser
from whoosh.index import Index

from app.core.search.damage import IndexDamagedError, damage_checked
from app.core.search.flat_codec import FlatCodec
from app.core.search.postings import open_postings
from tests.unit.search.flat_corpus import build


def _postings_region(ix: Index) -> tuple[Path, int, int]:
    """The compound segment file holding the first segment's postings, and where they lie."""
    segment = ix._segments()[0]
    compound = segment.open_compound_file(ix.storage)
    try:
        entry = compound._dir[segment.make_filename(FlatCodec.POSTS_EXT)]
        offset, length = entry["offset"], entry["length"]
    finally:
        compound.close()
    return Path(ix.storage.folder) / segment.make_filename(".seg"), offset, length


def _zero_headers(data: bytearray, offset: int, length: int) -> None:
    for at in range(offset, offset + length, 97):  # every record's header is hit somewhere
        data[at : at + 4] = b"\x00\x00\x00\x00"


def _reverse_ids(data: bytearray, offset: int, length: int) -> None:
    # Headers intact, ids out of order: only the ids themselves say something is wrong.
    at = offset
    while at + 16 <= offset + length:
        if data[at : at + 4] == b"FLT1":
            n = int.from_bytes(data[at + 4 : at + 8], "little")
            ids = data[at + 16 : at + 16 + 4 * n]
            data[at + 16 : at + 16 + 4 * n] = b"".join(
                ids[i : i + 4] for i in range(4 * (n - 1), -4, -4)
            )
            at += 16 + 4 * n
        else:
            at += 1


def _cut_records(data: bytearray, offset: int, length: int) -> None:
    # Each record claims far more postings than its extent holds (as a truncated file would).
    at = offset
    while at + 16 <= offset + length:
        if data[at : at + 4] == b"FLT1":
            data[at + 4 : at + 8] = (10**6).to_bytes(4, "little")
        at += 1


def _search_everything(ix: Index) -> Callable[[], None]:
    parser = qparser.QueryParser("content", ix.schema)

    def work() -> None:
        with ix.searcher() as s:
            for q in ("accord", '"accord paix"', "accord paix", "rare1*"):
                s.search(parser.parse(q), limit=None)
            source = open_postings(s)
            for text in ("accord", "paix", "route"):
                postings = source.postings("content", text)
                source.positions("content", text, postings.docnums)

    return work


@pytest.mark.parametrize("garble", [_zero_headers, _reverse_ids, _cut_records])
def test_a_garbled_flat_postings_file_is_damage(
    tmp_path: Path, garble: Callable[[bytearray, int, int], None]
) -> None:
    ix = build(tmp_path / "flat", FlatCodec())
    ix.writer(codec=FlatCodec()).commit(optimize=True)  # one segment: every term is in it
    damage_checked(_search_everything(ix))  # intact: no error
    seg, offset, length = _postings_region(ix)
    data = bytearray(seg.read_bytes())
    garble(data, offset, length)
    seg.write_bytes(bytes(data))
    with pytest.raises(IndexDamagedError) as damaged:
        damage_checked(_search_everything(ix))
    assert damaged.value.reason


def test_a_truncated_flat_postings_file_is_damage_found_on_open(tmp_path: Path) -> None:
    ix = build(tmp_path / "flat", FlatCodec())
    ix.writer(codec=FlatCodec(), compound=False).commit(optimize=True)  # a .pst file of its own
    damage_checked(_search_everything(ix))
    (postings,) = Path(ix.storage.folder).glob("*.pst")
    raw = postings.read_bytes()
    postings.write_bytes(raw[: len(raw) - 100])  # only the last term's record is cut
    with pytest.raises(IndexDamagedError) as damaged:
        damage_checked(lambda: ix.searcher().close())  # found on open, before any search
    assert damaged.value.reason == "FlatFormatError"
