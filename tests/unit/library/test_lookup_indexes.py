"""Schemas 5 and 6: a library from before gets the indexes a watched folder's change needs.

Without them every import that brings a new file read all titles (0.32 s at 50,000
documents), and every index update scanned all documents for unindexed ones (0.16 s).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from app.core.library.store import Library

FIXTURE = Path(__file__).parent / "fixtures" / "library-v4.sqlite3"


TITLE = "SELECT id FROM documents WHERE title = ? ORDER BY id"
UNINDEXED = "SELECT id FROM documents WHERE indexed = 0 AND missing = 0 AND id > ? ORDER BY id"


def _plan(db_path: Path, query: str = TITLE) -> str:
    db = sqlite3.connect(db_path)
    try:
        rows = db.execute(f"EXPLAIN QUERY PLAN {query}", ("x",)).fetchall()
    finally:
        db.close()
    return " ".join(str(r[-1]) for r in rows)


def test_a_v4_library_gets_the_lookup_indexes_and_keeps_its_documents(tmp_path: Path) -> None:
    db_path = tmp_path / "library.sqlite3"
    shutil.copyfile(FIXTURE, db_path)
    assert "documents_title" not in _plan(db_path)
    assert "documents_unindexed" not in _plan(db_path, UNINDEXED)
    with Library(db_path) as lib:
        titles = sorted(r.title for r in lib.all())
    assert titles == ["Reprise des négociations à Genève", "Un carnet de lecture"]
    assert "USING INDEX documents_title" in _plan(db_path)
    assert "USING INDEX documents_unindexed" in _plan(db_path, UNINDEXED)


def test_a_renamed_file_with_a_new_text_is_still_found_by_its_title(tmp_path: Path) -> None:
    """The title lookup still finds a moved document whose text changed a little."""
    folder = tmp_path / "docs"
    folder.mkdir()
    body = "Les diplomates se retrouvent lundi à Genève pour reprendre les négociations. " * 20
    (folder / "a.txt").write_text(f"Reprise à Genève\n\n{body}\n", "utf-8")
    with Library(tmp_path / "library.sqlite3") as lib:
        lib.add_paths([folder])
        (doc,) = lib.all()
        (folder / "a.txt").unlink()
        (folder / "b.txt").write_text(f"Reprise à Genève\n\n{body} Fin.\n", "utf-8")
        report = lib.refresh()
        assert [m.record.id for m in report.moved] == [doc.id]
        assert [m.text_changed for m in report.moved] == [True]
