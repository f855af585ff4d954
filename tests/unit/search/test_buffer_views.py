"""Whoosh's buffer sub-files read in place: the same bytes as BytesIO gave, without a copy."""

from __future__ import annotations

import io
import pickle
from array import array

from whoosh.filedb.structfile import BufferFile

from app.core.search import buffer_views
from app.core.search.buffer_views import BufferReader

DATA = b"first line\nsecond\n\nno newline at the end"


def test_reads_what_bytesio_reads() -> None:
    ours, theirs = BufferReader(memoryview(DATA)), io.BytesIO(DATA)
    for step in (
        lambda f: f.read(5),
        lambda f: f.readline(),
        lambda f: f.seek(3, 1),
        lambda f: f.readline(4),
        lambda f: f.tell(),
        lambda f: f.seek(-7, 2),
        lambda f: f.read(),
        lambda f: f.read(3),
        lambda f: f.seek(0),
        list,
    ):
        assert step(ours) == step(theirs)


def test_readinto_fills_a_buffer() -> None:
    reader = BufferReader(DATA)
    target = bytearray(5)
    assert reader.readinto(target) == 5
    assert bytes(target) == b"first"
    reader.seek(-2, 2)
    assert reader.readinto(target) == 2
    assert bytes(target[:2]) == b"nd"


def test_a_buffer_file_reads_in_place_once_installed() -> None:
    buffer_views.install()
    numbers = array("i", [1, 2, 3])
    numbers.byteswap()  # Whoosh's arrays are big-endian on disk
    source = bytearray(pickle.dumps({"terms": 3}) + numbers.tobytes())
    file = BufferFile(memoryview(source))
    assert file.read_pickle() == {"terms": 3}
    assert list(file.read_array("i", 3)) == [1, 2, 3]
    # No copy: the file sees the buffer as it is now (BytesIO would show the old bytes).
    source[0:1] = b"X"
    file.seek(0)
    assert file.read(1) == b"X"
