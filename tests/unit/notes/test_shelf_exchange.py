"""Collections and reading states travel in the JSON export and merge back on import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.notes import NotesImportError, NotesStore, import_json
from app.core.notes.exchange import render_export
from app.core.paths import DataPaths


def _organised(store: NotesStore) -> None:
    store.create_collection("Thèse")
    store.create_collection("Chapitre 1", parent="Thèse")
    store.add_to_collection("Thèse", ["d1"])
    store.add_to_collection("Chapitre 1", ["d2", "gone"])
    store.document_opened("d1")
    store.save_position("d1", 345, 0.25)
    store.set_status("d2", "finished")
    store.add("d1", "Une note")


def _fresh(tmp_path: Path, name: str) -> NotesStore:
    return NotesStore(DataPaths(tmp_path / name))


def test_an_export_restores_collections_and_statuses_in_a_fresh_store(
    store: NotesStore, tmp_path: Path
) -> None:
    _organised(store)
    dump, count = render_export(store, {}, "json")
    assert count == 1
    data = json.loads(dump)
    assert [c["name"] for c in data["collections"]] == ["Thèse", "Chapitre 1"]
    with _fresh(tmp_path, "other") as other:
        report = import_json(other, dump)
        assert (report.added, report.collections_added, report.reading_added) == (1, 2, 2)
        assert report.documents_filed == 3
        assert other.collection_documents("Thèse") == {"d1", "d2", "gone"}
        chapter = other.find_collection("Chapitre 1")
        assert chapter is not None and chapter.parent == other.find_collection("Thèse").id  # type: ignore[union-attr]
        assert other.reading_state("d1") == store.reading_state("d1")
        assert other.reading_state("d2").status == "finished"
        # The same file again changes nothing.
        again = import_json(other, dump)
        assert not again.shelf_changed and (again.added, again.updated) == (0, 0)
        assert json.loads(render_export(other, {}, "json")[0])["collections"] == data["collections"]


def test_a_newer_status_or_name_wins_an_older_one_stays(store: NotesStore, tmp_path: Path) -> None:
    _organised(store)
    old_dump = render_export(store, {}, "json")[0]
    with _fresh(tmp_path, "other") as other:
        import_json(other, old_dump)
        other.rename_collection("Thèse", "Doctorat")
        other.set_status("d1", "finished")
        newer = render_export(other, {}, "json")[0]
    # The older export into the newer store: the newer rename and status stay.
    with _fresh(tmp_path, "third") as third:
        import_json(third, newer)
        report = import_json(third, old_dump)
        assert report.collections_updated == 0 and report.reading_updated == 0
        assert third.find_collection("Doctorat") is not None
        assert third.reading_state("d1").status == "finished"
    # The newer export into the first store: the rename and the status arrive.
    report = import_json(store, newer)
    assert report.collections_updated == 1 and report.reading_updated == 1
    assert store.find_collection("Doctorat") is not None
    assert store.reading_state("d1").status == "finished"


def test_a_collection_named_as_one_here_joins_it(store: NotesStore, tmp_path: Path) -> None:
    store.add_to_collection("Thèse", ["d1"], create=True)
    with _fresh(tmp_path, "other") as other:
        other.add_to_collection("thèse", ["d9"], create=True)
        import_json(other, render_export(store, {}, "json")[0])
        assert [c.name for c in other.collections()] == ["thèse"]
        assert other.collection_documents("Thèse") == {"d1", "d9"}


def test_an_export_from_before_collections_still_imports(store: NotesStore) -> None:
    dump = json.dumps({"format": "carnet-notes", "version": 1, "notes": []})
    report = import_json(store, dump)
    assert (report.added, report.shelf_changed) == (0, False)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["reading"][0].update(status="skimmed"), "reading state 1"),
        (lambda d: d["reading"][0].update(progress=3), "from 0 to 1"),
        (lambda d: d["collections"][0].update(name=""), "needs a name"),
        (lambda d: d["collections"][1].update(parent_id="f" * 32), "parent"),
        (lambda d: d["collections"][0].update(documents="d1"), "list of document ids"),
        (lambda d: d["collections"].append(dict(d["collections"][0])), "appears twice"),
    ],
)
def test_a_bad_shelf_imports_nothing_not_even_the_notes(
    store: NotesStore, tmp_path: Path, change: object, message: str
) -> None:
    _organised(store)
    data = json.loads(render_export(store, {}, "json")[0])
    change(data)  # type: ignore[operator]
    with _fresh(tmp_path, "other") as other:
        with pytest.raises(NotesImportError, match=message):
            import_json(other, json.dumps(data))
        assert other.list() == [] and other.collections() == [] and other.reading_states() == {}


def test_markdown_export_of_one_collection(store: NotesStore) -> None:
    _organised(store)
    store.add("d2", "Note du chapitre")
    store.add("d3", "Hors collection")
    text, count = render_export(store, {}, "md", collection="chapitre 1")
    assert count == 1
    assert "Collection: Chapitre 1" in text
    assert "Note du chapitre" in text and "Hors collection" not in text
    text, count = render_export(store, {}, "md", collection="Thèse")  # its child's too
    assert count == 2
