"""Notes written by earlier Carnets open in this one, every field as the reader left it.

Each ``fixtures/notes-v<N>.sqlite3`` was made by ``make_notes_fixture`` with the Carnet
of schema N and is never rewritten; a new schema adds a new file.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.core.notes.schema import SCHEMA_VERSION
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths

from .fixtures.make_notes_fixture import DOC_ID, DOC_TEXT, QUOTE

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("notes-v*.sqlite3"))


def test_there_is_a_fixture_for_the_current_schema() -> None:
    assert f"notes-v{SCHEMA_VERSION}.sqlite3" in [f.name for f in FIXTURES]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_earlier_notes_open_with_every_field(fixture: Path, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    paths.root.mkdir()
    shutil.copyfile(fixture, paths.notes_db)
    with NotesStore(paths) as store:
        assert store.recovery_message is None
        anchored, free = store.list(DOC_ID)
        assert anchored.text == "Enfin « un pas »\nsur deux lignes"
        assert anchored.tags == ("diplomatie", "Genève")
        assert anchored.color == "yellow"
        assert anchored.anchor is not None
        assert DOC_TEXT[anchored.anchor.start : anchored.anchor.end] == QUOTE
        assert (free.text, free.anchor, free.tags) == ("Une note libre, sans passage.", None, ())
        assert [n.text for n in store.list_trash()] == ["À la corbeille"]
        assert [h.note.id for h in store.search("Genève")] == [anchored.id]
        version = int(fixture.stem.removeprefix("notes-v"))
        if version >= 2:  # collections and reading states, as that Carnet left them
            assert store.collection_documents("Thèse") == {DOC_ID, "autre"}
            assert store.collections_of() == {DOC_ID: ["Chapitre 1"], "autre": ["Chapitre 1"]}
            state = store.reading_state(DOC_ID)
            assert (state.status, state.position, state.progress) == ("reading", 12, 0.5)
            assert store.reading_state("autre").status == "finished"
        else:  # an older store gains empty collections and every document unread
            assert store.collections() == []
            assert store.reading_state(DOC_ID).status == "unread"
    db = sqlite3.connect(paths.notes_db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
