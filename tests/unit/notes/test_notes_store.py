"""NotesStore basics: notes round-trip, ordering, trash, settings of the database file."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from app.core.errors import NotesError
from app.core.notes import Note, NoteNotFound, NotesStore, QuoteNotFound, anchor_at
from app.core.notes.errors import NotesLockedError
from app.core.paths import DataPaths

from .conftest import DOC

JSON_KEYS = {
    "id", "doc_id", "text", "tags", "quote", "start", "end", "orphan", "created", "updated",
    "color", "prefix", "suffix", "text_hash",
}  # fmt: skip


def test_add_get_round_trip(store: NotesStore) -> None:
    note = store.add("doc1", "**Important**", tags=("#russie", " otan ", "russie"), color="yellow")
    assert len(note.id) == 32
    assert note.tags == ("russie", "otan")
    assert note.created == note.updated and note.created.endswith("Z")
    assert store.get(note.id) == note
    assert not note.orphan and not note.trashed and note.anchor is None


def test_to_json_unanchored_and_anchored(store: NotesStore) -> None:
    plain = store.add("doc1", "sans citation").to_json()
    assert set(plain) == JSON_KEYS
    assert plain["quote"] is None and plain["start"] is None and plain["end"] is None
    quoted = store.add_for_quote("doc1", DOC, "Lavrov", "ministre", color="#ffd54f").to_json()
    assert quoted["quote"] == "Lavrov"
    assert DOC[quoted["start"] : quoted["end"]] == "Lavrov"
    assert quoted["color"] == "#ffd54f" and len(quoted["text_hash"]) == 64


def test_add_for_quote_first_occurrence_and_missing(store: NotesStore) -> None:
    note = store.add_for_quote("doc1", DOC, "la", "premier 'la'")
    assert note.anchor is not None and note.anchor.start == DOC.find("la")
    with pytest.raises(QuoteNotFound, match="not found in this document"):
        store.add_for_quote("doc1", DOC, "Washington", "absent")


def test_update_changes_only_what_is_given(store: NotesStore) -> None:
    note = store.add("doc1", "avant", tags=("a",), color="yellow")
    updated = store.update(note.id, text="après")
    assert updated.text == "après" and updated.tags == ("a",) and updated.color == "yellow"
    assert updated.updated > note.updated and updated.created == note.created
    assert store.update(note.id, tags=["b"]).tags == ("b",)
    assert store.update(note.id, color="").color is None  # "" clears the colour
    same = store.get(note.id)
    assert store.update(note.id, text="après") == same  # no change, no write


def test_invalid_values_are_refused(store: NotesStore) -> None:
    with pytest.raises(NotesError, match="colour"):
        store.add("doc1", "x", color="not a colour!")
    with pytest.raises(NotesError, match="list of words"):
        store.add("doc1", "x", tags="russie")
    assert store.list() == []


def test_missing_note(store: NotesStore) -> None:
    for call in (store.get, store.trash, store.restore):
        with pytest.raises(NoteNotFound, match="No note with id"):
            call("0" * 32)
    with pytest.raises(NoteNotFound):
        store.update("0" * 32, text="x")


def test_list_orders_by_anchor_then_created(store: NotesStore) -> None:
    late = store.add("doc1", "late", anchor=anchor_at(DOC, 100, 110))
    plain = store.add("doc1", "plain")
    early = store.add("doc1", "early", anchor=anchor_at(DOC, 5, 12))
    other = store.add("doc2", "other")
    assert [n.id for n in store.list("doc1")] == [early.id, late.id, plain.id]
    assert {n.id for n in store.list()} == {early.id, late.id, plain.id, other.id}


def test_trash_restore_and_empty(store: NotesStore) -> None:
    keep = store.add("doc1", "keep")
    gone = store.add("doc1", "gone")
    store.trash(gone.id)
    assert [n.id for n in store.list()] == [keep.id]
    assert [n.id for n in store.list_trash()] == [gone.id]
    assert {n.id for n in store.list(include_trashed=True)} == {keep.id, gone.id}
    assert store.get(gone.id).trashed
    store.restore(gone.id)
    assert not store.get(gone.id).trashed
    store.trash(gone.id)
    assert store.count_by_document() == {"doc1": 1}
    assert store.empty_trash() == 1
    assert store.list_trash() == []
    with pytest.raises(NoteNotFound):
        store.get(gone.id)
    assert store.get(keep.id).text == "keep"


def test_count_by_document_keeps_notes_of_documents_gone_from_library(store: NotesStore) -> None:
    store.add("doc1", "a")
    store.add("doc1", "b")
    store.add("deleted-doc", "still mine", anchor=anchor_at(DOC, 0, 6))
    assert store.count_by_document() == {"doc1": 2, "deleted-doc": 1}
    report = store.reanchor_document("doc1", DOC)  # other documents' notes are untouched
    assert report.total == 0
    assert [n.text for n in store.list("deleted-doc")] == ["still mine"]


def test_database_settings_and_file_mode(store: NotesStore, paths: DataPaths) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    store.add("doc1", "x")
    assert stat.S_IMODE(os.stat(paths.notes_db).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(paths.root).st_mode) == 0o700


def test_persists_across_reopen_and_marker_lifecycle(paths: DataPaths) -> None:
    with NotesStore(paths) as s:
        note = s.add("doc1", "persist")
        markers = list(paths.root.glob("notes.sqlite3.open.*"))
        assert len(markers) == 1
    assert list(paths.root.glob("notes.sqlite3.open.*")) == []
    with NotesStore(paths) as s:
        assert s.get(note.id) == note


def test_two_stores_share_the_database(paths: DataPaths) -> None:
    with NotesStore(paths) as a, NotesStore(paths) as b:
        na = a.add("doc1", "from a")
        nb = b.add("doc1", "from b")
        assert {n.id for n in a.list()} == {na.id, nb.id}
        assert b.get(na.id) == na


def test_locked_database_gives_clear_error(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.core.notes.database.BUSY_TIMEOUT_S", 0.05)
    with NotesStore(paths) as s:
        before = s.add("doc1", "before")
        other = sqlite3.connect(paths.notes_db, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(NotesLockedError, match="another Carnet window"):
                s.add("doc1", "blocked")
            other.execute("ROLLBACK")
        finally:
            other.close()
        assert [n.id for n in s.list()] == [before.id]
        s.add("doc1", "after")  # works again once the other writer is done
        assert len(s.list()) == 2


def test_note_is_a_frozen_value(store: NotesStore) -> None:
    note = store.add("doc1", "x")
    assert isinstance(note, Note)
    with pytest.raises(AttributeError):
        note.text = "y"  # type: ignore[misc]


def test_closing_twice_is_a_clean_close(paths: DataPaths) -> None:
    s = NotesStore(paths)
    note = s.add("doc1", "gardée")
    s.close()
    s.close()  # the window closing after Ctrl+Q: harmless, and still a clean shutdown
    with NotesStore(paths) as reopened:
        assert [n.id for n in reopened.list()] == [note.id]
        assert reopened.recovery_message is None  # not taken for a crash
