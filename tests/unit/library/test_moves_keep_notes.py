"""Notes follow a document that moves: they are keyed by its id, which follows its text."""

from __future__ import annotations

from pathlib import Path

from app.core.paths import DataPaths
from app.core.workspace import Workspace
from tests.conftest import CORPUS

ARTICLE = "La trêve tient\n\n" + " ".join(
    f"Le paragraphe {n} dit que la trêve tient et que les négociations avancent." for n in range(40)
)


def test_an_annotated_file_moved_and_renamed_keeps_its_notes(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "archive").mkdir()
    old = tmp_path / "inbox" / "treve.txt"
    old.write_text(ARTICLE, "utf-8")
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=CORPUS) as ws:
        (record,) = ws.import_paths([tmp_path / "inbox", tmp_path / "archive"]).added
        note = ws.notes.add_for_quote(record.id, ws.library.text(record.id), "paragraphe 7", "Vu")
        old.rename(tmp_path / "archive" / "2024 - la trêve.txt")
        report = ws.import_paths([tmp_path / "inbox", tmp_path / "archive"])
        assert [m.record.id for m in report.moved] == [record.id] and not report.added
        moved = ws.library.get(record.id)
        assert moved.path.endswith("2024 - la trêve.txt") and not moved.missing
        assert [n.id for n in ws.notes.list(record.id)] == [note.id]


def test_notes_stay_on_a_missing_document_and_reanchor_on_a_resaved_copy(
    tmp_path: Path,
) -> None:
    (tmp_path / "docs").mkdir()
    old = tmp_path / "docs" / "treve.txt"
    old.write_text(ARTICLE, "utf-8")
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=CORPUS) as ws:
        (record,) = ws.import_paths([tmp_path / "docs"]).added
        quote = "paragraphe 30"
        note = ws.notes.add_for_quote(record.id, ws.library.text(record.id), quote, "Là")
        old.unlink()
        ws.import_paths([tmp_path / "docs"])
        assert ws.library.get(record.id).missing
        assert [n.id for n in ws.notes.list(record.id)] == [note.id]
        # Re-saved with a line added at the top: nearly the same text, offsets shifted.
        (tmp_path / "docs" / "treve-1.txt").write_text(
            ARTICLE.replace("\n\n", "\n\nMis à jour ce matin.\n\n", 1), "utf-8"
        )
        report = ws.import_paths([tmp_path / "docs"])
        assert [m.record.id for m in report.moved] == [record.id]
        (kept,) = ws.notes.list(record.id)
        assert kept.anchor is not None and not kept.orphan
        text = ws.library.text(record.id)
        assert text[kept.anchor.start : kept.anchor.end] == quote
