"""Markdown and JSON export; JSON import merges by id, is idempotent and all-or-nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

import pytest

from app.core.i18n.formats import long_date
from app.core.notes import (
    DocumentInfo,
    NotesDiskFullError,
    NotesImportError,
    NotesStore,
    database,
    export_json,
    export_markdown,
    import_json,
)
from app.core.paths import DataPaths

from .conftest import DOC, Doc


def test_markdown_export(store: NotesStore) -> None:
    store.add_for_quote(
        "d1", DOC, "La diplomatie n'est pas morte", "Titre **repris**", tags=("diplomatie",)
    )
    store.add("d1", "Remarque générale", tags=("à-relire", "otan"))
    store.add("d2", "Sans source ni date")
    store.add("gone", "Note d'un document supprimé")
    docs: dict[str, DocumentInfo] = {
        "d1": Doc("Blinken et Lavrov", "CNSNews", "2022-01-18", "/docs/blinken.txt"),
        "d2": Doc("Carnet de route", None, None, "/docs/route.md"),
    }
    md = export_markdown(store.list(), docs, exported=date(2026, 12, 1))
    # The date of the export on top; per document its title, then source, date and path;
    # per note the quote, then the note, then its tags; rules only between notes.
    assert md == (
        "# Notes exported from Carnet on December 1, 2026\n"
        "\n"
        "## Blinken et Lavrov\n"
        "\n"
        "Source: CNSNews · Date: January 18, 2022 · Path: `/docs/blinken.txt`\n"
        "\n"
        "> La diplomatie n'est pas morte\n"
        "\n"
        "Titre **repris**\n"
        "\n"
        "#diplomatie\n"
        "\n"
        "---\n"
        "\n"
        "Remarque générale\n"
        "\n"
        "#à-relire #otan\n"
        "\n"
        "## Carnet de route\n"
        "\n"
        "Path: `/docs/route.md`\n"
        "\n"
        "Sans source ni date\n"
        "\n"
        "## Document no longer in the library (gone)\n"
        "\n"
        "Note d'un document supprimé\n"
    )


def test_markdown_export_is_dated_today_by_default(store: NotesStore) -> None:
    store.add("d1", "Une note")
    md = export_markdown(store.list(), {})
    assert md.startswith(f"# Notes exported from Carnet on {long_date(date.today())}\n")
    assert not md.rstrip().endswith("---")


def test_json_export_is_complete(store: NotesStore) -> None:
    note = store.add_for_quote("d1", DOC, "Genève", "ville", color="yellow")
    store.trash(note.id)
    data = json.loads(export_json(store.list(include_trashed=True)))
    assert data["format"] == "carnet-notes" and data["version"] == 1
    (exported,) = data["notes"]
    assert exported["trashed"] is True and exported["quote"] == "Genève"
    assert exported["color"] == "yellow" and exported["text_hash"]


def test_round_trip_into_empty_store_and_idempotent(store: NotesStore, tmp_path: Any) -> None:
    store.add_for_quote("d1", DOC, "Genève", "ville", tags=("lieu",))
    trashed = store.add("d2", "jetée")
    store.trash(trashed.id)
    dump = export_json(store.list(include_trashed=True))
    with NotesStore(DataPaths(tmp_path / "other")) as other:
        first = import_json(other, dump)
        assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
        assert other.list(include_trashed=True) == store.list(include_trashed=True)
        second = import_json(other, dump)
        assert (second.added, second.updated, second.unchanged) == (0, 0, 2)
        assert other.list(include_trashed=True) == store.list(include_trashed=True)


def test_newer_updated_wins(store: NotesStore) -> None:
    note = store.add("d1", "version 1")
    old_dump = export_json(store.list())
    store.update(note.id, text="version 2")
    new_dump = export_json(store.list())
    assert import_json(store, old_dump).unchanged == 1  # older file does not win
    assert store.get(note.id).text == "version 2"
    store.update(note.id, text="version 3 locale")
    data = json.loads(new_dump)
    data["notes"][0]["updated"] = "2999-01-01T00:00:00.000000Z"
    data["notes"][0]["text"] = "version du futur"
    report = import_json(store, json.dumps(data))
    assert report.updated == 1 and store.get(note.id).text == "version du futur"


def _dump_with(store: NotesStore, **changes: Any) -> str:
    note = store.add("d1", "valide")
    good = note.to_json()
    bad = {**good, "id": "f" * 32, **changes}
    return json.dumps({"format": "carnet-notes", "version": 1, "notes": [good, bad]})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": None}, '"text" must be text'),
        ({"tags": "a,b"}, '"tags" must be a list'),
        ({"start": "3"}, '"start" must be a character offset'),
        ({"start": True}, '"start" must be a character offset'),
        ({"surprise": 1}, "unknown fields"),
        ({"id": "../../etc"}, "32 lowercase hex"),
        ({"updated": "hier"}, "ISO 8601"),
        ({"text": "x" * 1_000_001}, "longer than"),
        ({"orphan": "yes"}, "true or false"),
        ({"quote": "q", "start": 5, "end": 2}, "all set"),
        ({"color": "rouge vif!"}, "colour"),
    ],
)
def test_malformed_notes_reject_the_whole_file(
    store: NotesStore, changes: dict[str, Any], message: str
) -> None:
    text = _dump_with(store, **changes)
    before = store.list(include_trashed=True)
    fresh = NotesStore(DataPaths(store.paths.root.parent / "fresh"))
    try:
        with pytest.raises(NotesImportError, match="Nothing was imported") as info:
            import_json(fresh, text)
        assert message in str(info.value)
        assert fresh.list(include_trashed=True) == []
    finally:
        fresh.close()
    assert store.list(include_trashed=True) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "invalid JSON"),
        ("[]", "not a Carnet notes export"),
        ('{"format": "autre"}', "not a Carnet notes export"),
        ('{"format": "carnet-notes", "version": 2, "notes": []}', "version 2"),
        ('{"format": "carnet-notes", "version": 1}', 'no "notes" list'),
        ('{"format": "carnet-notes", "version": 1, "notes": [1]}', "not an object"),
        ("[" * 100_000 + "]" * 100_000, "not a Carnet notes export"),
    ],
)
def test_malformed_files(store: NotesStore, text: str, message: str) -> None:
    with pytest.raises(NotesImportError, match=message):
        import_json(store, text)


def test_duplicate_ids_rejected(store: NotesStore) -> None:
    note = store.add("d1", "x").to_json()
    text = json.dumps({"format": "carnet-notes", "version": 1, "notes": [note, note]})
    with pytest.raises(NotesImportError, match="appears twice"):
        import_json(store, text)


def test_failure_mid_import_applies_nothing(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = [store.add("d1", f"n{i}") for i in range(3)]
    dump = export_json(source)
    with NotesStore(DataPaths(store.paths.root.parent / "target")) as target:
        real_merge = database.merge

        def failing_merge(conn: Any, notes: Any) -> tuple[int, int, int]:
            real_merge(conn, notes[:2])  # two notes written inside the transaction...
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(database, "merge", failing_merge)
        with pytest.raises(NotesDiskFullError, match="disk holding"):
            import_json(target, dump)
        assert target.list() == []  # ...and rolled back together
