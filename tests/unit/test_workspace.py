"""Workspace: the one place that decides how the notes open and when the index is rebuilt."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import IndexBusyError, NotesError
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.core.search.index import SearchIndex
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


# ---- the search index: one rebuild, for every caller --------------------------------------


def _indexed(paths: DataPaths) -> None:
    with Workspace(paths, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        ws.sync_index()


def _garble_segments(paths: DataPaths) -> None:
    for seg in paths.index_dir.glob("*.seg"):
        seg.write_bytes(b"\x00" * seg.stat().st_size)


def test_rebuild_index_indexes_the_whole_library_again_and_says_so(paths: DataPaths) -> None:
    _indexed(paths)
    _garble_segments(paths)
    with Workspace(paths, corpus_dir=CORPUS) as ws:
        seen: list[tuple[int, int]] = []
        update = ws.rebuild_index(lambda done, total, what: seen.append((done, total)))
        assert update.indexed == 5 and seen[-1] == (5, 5)
        assert ws.messages == ["The search index was damaged; it was rebuilt."]
        assert ws.index.doc_count() == 5
        assert ws.search("negociation").total >= 2


def _fails_once(monkeypatch: pytest.MonkeyPatch, method: str, error: Exception) -> None:
    """``SearchIndex.<method>`` raises ``error`` the first time, as a garbled segment would."""
    real = getattr(SearchIndex, method)
    calls = iter([True])

    def once(self: SearchIndex, *args: Any, **kwargs: Any) -> Any:
        if next(calls, False):
            raise error
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, method, once)


def test_damage_found_while_writing_is_rebuilt_once_with_a_message(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace(paths, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        _fails_once(monkeypatch, "update", pickle.UnpicklingError("invalid load key"))
        update = ws.sync_index()
        assert ws.messages == ["The search index was damaged (UnpicklingError); it was rebuilt."]
        assert update.indexed == ws.index.doc_count() == 5


def test_damage_found_by_a_search_is_rebuilt_and_the_search_answered(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _indexed(paths)
    with Workspace(paths, corpus_dir=CORPUS) as ws:
        _fails_once(monkeypatch, "search", EOFError())
        found = ws.search("negociation")
        assert ws.messages == ["The search index was damaged (EOFError); it was rebuilt."]
        assert found.total >= 2 and ws.index.doc_count() == 5


def test_a_busy_index_is_not_damage(paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    _indexed(paths)
    with Workspace(paths, corpus_dir=CORPUS) as ws:
        _fails_once(monkeypatch, "update", IndexBusyError("later"))
        with pytest.raises(IndexBusyError):
            ws.sync_index()
        assert ws.messages == [] and ws.index.doc_count() == 5  # nothing thrown away


def test_the_markdown_export_cites_the_page_of_a_note_on_a_pdf(paths: DataPaths) -> None:
    # The window's File → Export and `carnet notes export` both go through this one call.
    from app.core.notes.anchoring import anchor_for_quote  # noqa: PLC0415

    docs = paths.root.parent / "docs"
    docs.mkdir()
    fixture = Path(__file__).parent / "documents" / "fixtures" / "qt-pdfwriter-fr.pdf"
    (docs / "rapport.pdf").write_bytes(fixture.read_bytes())
    with Workspace(paths, corpus_dir=docs / "none") as ws:
        (record,) = ws.import_paths([docs]).added
        quote = "le porte-parole a refusé"
        ws.notes.add(
            record.id, "Prudence", anchor=anchor_for_quote(ws.library.text(record.id), quote)
        )
        text, count = ws.export_notes("md")
    assert count == 1 and f"> {quote}\n> — p. 2\n" in text
