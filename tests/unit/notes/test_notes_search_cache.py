"""Note search keeps the notes in memory between searches, and never shows stale ones."""

from __future__ import annotations

from pathlib import Path

from app.core.notes.store import NotesStore
from app.core.paths import DataPaths


def test_search_sees_every_change_made_here_or_by_another_process(tmp_path: Path) -> None:
    data = DataPaths(tmp_path / "data")
    with NotesStore(data) as writer, NotesStore(data, read_only=True) as reader:
        first = writer.add("doc", "Une note sur la diplomatie")
        assert [h.note.id for h in reader.search("diplomatie")] == [first.id]
        assert [h.note.id for h in writer.search("diplomatie")] == [first.id]

        second = writer.add("doc", "Les négociations reprennent")  # another connection
        assert [h.note.id for h in reader.search("negociation")] == [second.id]

        writer.update(second.id, text="Plus rien")  # this connection
        assert writer.search("negociation") == []
        assert [h.note.id for h in writer.search("rien")] == [second.id]

        writer.trash(first.id)
        assert reader.search("diplomatie") == [] and writer.search("diplomatie") == []
