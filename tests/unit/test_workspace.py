"""Workspace: the one place that decides how a data directory's notes are opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import NotesError
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.core.workspace import Workspace
from tests.conftest import CORPUS


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


def test_notes_open_as_usual_and_say_nothing(paths: DataPaths) -> None:
    with Workspace(paths, corpus_dir=CORPUS) as ws:
        assert not ws.notes.read_only
        assert ws.notes_state is None and ws.messages == []


def test_an_unwritable_data_dir_gives_readable_notes_and_says_why(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with NotesStore(paths) as store:
        store.add("doc", "Note écrite avant.")
    # Tests run as root, whom permission bits do not stop: the store's own probe says no.
    monkeypatch.setattr("app.core.notes.database.probe_writable", lambda root: False)
    with Workspace(paths, corpus_dir=CORPUS) as ws:
        assert [n.text for n in ws.notes.list("doc")] == ["Note écrite avant."]
        assert ws.notes_state == "Notes: read-only"
        assert any("read-only" in m and str(paths.root) in m for m in ws.messages)
        with pytest.raises(NotesError, match="read-only"):
            ws.notes.add("doc", "refusée")


def test_a_store_that_cannot_open_for_writing_falls_back_to_reading(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.notes import store as store_module  # noqa: PLC0415
    from app.core.notes.errors import NotesDiskFullError  # noqa: PLC0415

    with NotesStore(paths) as store:
        store.add("doc", "gardée")
    real_init = store_module.NotesStore.__init__

    def refuse_writing(self: NotesStore, paths: DataPaths, *, read_only: bool = False) -> None:
        if not read_only:
            raise NotesDiskFullError("Notes cannot be saved: the disk is full.")
        real_init(self, paths, read_only=True)

    monkeypatch.setattr(store_module.NotesStore, "__init__", refuse_writing)
    with Workspace(paths, corpus_dir=CORPUS) as ws:
        assert ws.notes.read_only and [n.text for n in ws.notes.list("doc")] == ["gardée"]
        assert ws.notes_state == "Notes: read-only"
        assert ws.messages == ["Notes cannot be saved: the disk is full."]
