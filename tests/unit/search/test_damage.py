"""Index damage is named in one place: what counts, and what a reader that may not write is told."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from app.core.errors import IndexBusyError, NotesError, SearchIndexError
from app.core.paths import DataPaths
from app.core.search.damage import (
    IndexDamagedError,
    damage_checked,
    damage_reason,
    needs_rebuild,
    rebuilt_message,
)
from app.core.search.index import SearchIndex
from app.core.workspace import Workspace
from tests.conftest import CORPUS


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (pickle.UnpicklingError("invalid load key"), "UnpicklingError"),
        (EOFError(), "EOFError"),
        (KeyError("content"), "KeyError"),
        (IndexBusyError("busy"), None),  # our own typed errors mean what they say
        (SearchIndexError("cannot create"), None),
        (KeyboardInterrupt(), None),
    ],
)
def test_what_counts_as_damage(exc: BaseException, reason: str | None) -> None:
    assert damage_reason(exc) == reason


@pytest.mark.parametrize(
    ("exc", "rebuild"),
    [
        (IndexDamagedError("EOFError"), True),
        (SearchIndexError("The search index is being built; try again in a moment."), True),
        (IndexBusyError("Another Carnet is updating the search index"), False),
        (NotesError("read-only"), False),
    ],
)
def test_a_reader_asks_for_a_rebuild_only_when_one_would_help(
    exc: Exception, rebuild: bool
) -> None:
    assert needs_rebuild(exc) is rebuild


def test_damage_checked_names_the_damage_and_lets_typed_errors_through() -> None:
    assert damage_checked(lambda: 42) == 42

    def garbled() -> None:
        raise pickle.UnpicklingError("invalid load key, '\\x00'")

    with pytest.raises(IndexDamagedError) as damaged:
        damage_checked(garbled)
    assert damaged.value.reason == "UnpicklingError"
    assert damaged.value.__context__ is None  # the damaged index's files are not kept alive
    assert str(damaged.value) == "The search index is damaged; it is being rebuilt."

    def busy() -> None:
        raise IndexBusyError("later")

    with pytest.raises(IndexBusyError):
        damage_checked(busy)


def test_the_rebuilt_message_names_the_damage_when_known() -> None:
    assert rebuilt_message("EOFError") == "The search index was damaged (EOFError); it was rebuilt."
    assert rebuilt_message(None) == "The search index was damaged; it was rebuilt."


def _indexed(tmp_path: Path) -> DataPaths:
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        ws.sync_index()
    return data


def test_a_reader_that_may_not_write_is_told_and_the_index_left_as_it_is(tmp_path: Path) -> None:
    data = _indexed(tmp_path)
    toc = next(data.index_dir.glob("*.toc"))
    toc.write_bytes(b"\x80garbage" * 40)
    before = sorted(p.name for p in data.index_dir.iterdir())
    index = SearchIndex(data.index_dir)
    with pytest.raises(IndexDamagedError) as damaged:
        index.open(rebuild=False)
    assert needs_rebuild(damaged.value)
    assert sorted(p.name for p in data.index_dir.iterdir()) == before  # not rebuilt here
    assert toc.read_bytes() == b"\x80garbage" * 40


def test_a_missing_index_is_not_built_by_a_reader(tmp_path: Path) -> None:
    data = _indexed(tmp_path)
    shutil.rmtree(data.index_dir)
    with pytest.raises(SearchIndexError, match="being built") as raised:
        SearchIndex(data.index_dir).open(rebuild=False)
    assert needs_rebuild(raised.value)
    assert not data.index_dir.exists()
