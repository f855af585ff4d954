"""Libraries written by earlier Carnets open in this one, with their documents intact.

Each ``fixtures/library-v<N>.sqlite3`` was made by ``make_library_fixture`` with the
Carnet of schema N and is never rewritten; a new schema adds a new file.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.core.library.schema import SCHEMA_VERSION
from app.core.library.store import Library

from .fixtures.make_library_fixture import DOCUMENTS

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("library-v*.sqlite3"))
TITLES = {
    "geneve.txt": "Reprise des négociations à Genève",
    "carnet.md": "Un carnet de lecture",
}


def test_there_is_a_fixture_for_the_current_schema() -> None:
    assert f"library-v{SCHEMA_VERSION}.sqlite3" in [f.name for f in FIXTURES]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_an_earlier_library_opens_with_its_titles_and_texts(fixture: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "library.sqlite3"
    shutil.copyfile(fixture, db_path)
    with Library(db_path) as lib:
        assert not lib.read_only
        by_name = {Path(r.path).name: r for r in lib.all()}
        assert {name: r.title for name, r in by_name.items()} == TITLES
        for name, record in by_name.items():
            text = lib.text(record.id)
            # The stored text is what the reader shows and notes anchor to.
            assert DOCUMENTS[name].split("\n\n")[-1].strip() in text
            assert lib.get(record.id) == record
            # Rows from before formats were stored take theirs from the file's name.
            assert record.to_json()["format"] == {"geneve.txt": "txt", "carnet.md": "md"}[name]
            assert (record.missing, record.pages, record.author) == (False, None, None)
        assert lib.unindexed_count() == len(TITLES)  # the index is rebuilt from them
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_an_earlier_library_that_cannot_be_migrated_is_still_read(
    fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "library.sqlite3"
    shutil.copyfile(fixture, db_path)

    def read_only_disk(db: sqlite3.Connection, path: Path) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    # Root writes anywhere: the migration itself says the disk refused it.
    monkeypatch.setattr("app.core.library.store.migrate", read_only_disk)
    with Library(db_path) as lib:
        assert lib.read_only
        records = lib.all()
        assert {r.title for r in records} == set(TITLES.values())
        assert all(r.language is None and not r.missing for r in records)
