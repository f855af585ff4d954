"""The notes' human text in French: the Markdown export, import errors, recovery dates.

The JSON export is a contract and reads the same in every language.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.core.i18n import set_language
from app.core.notes import (
    DocumentInfo,
    NotesImportError,
    NotesStore,
    QuoteNotFound,
    export_json,
    export_markdown,
    import_json,
)
from app.core.notes.recovery import backup_date
from app.core.paths import DataPaths

from .conftest import DOC, Doc

NB = "\u00a0"  # the no-break space French puts before ":" and inside « »
NNB = "\u202f"  # the narrow one before ";"


def test_markdown_export_in_french(store: NotesStore) -> None:
    set_language("fr")
    quoted = store.add_for_quote(
        "d1", DOC, "La diplomatie n'est pas morte", "Titre", tags=("otan",)
    )
    lost = replace(store.add_for_quote("d1", DOC, "Genève", ""), orphan=True)
    docs: dict[str, DocumentInfo] = {
        "d1": Doc("Blinken et Lavrov", "CNSNews", "2022-02-01", "/docs/blinken.txt"),
        "d2": Doc("Carnet de route", None, "2022", "/docs/route.md"),
    }
    notes = [quoted, lost, store.add("d2", "Sur la route"), store.add("gone", "Orpheline")]
    md = export_markdown(notes, docs, exported=date(2026, 12, 1), pages={quoted.id: 12})
    assert md == (
        "# Notes exportées de Carnet le 1 décembre 2026\n"
        "\n"
        "## Blinken et Lavrov\n"
        "\n"
        f"Source{NB}: CNSNews · Date{NB}: 1 février 2022 · Chemin{NB}: `/docs/blinken.txt`\n"
        "\n"
        "> Genève\n"
        "> *(ce passage n’est plus dans le document)*\n"
        "\n"
        "---\n"
        "\n"
        "> La diplomatie n'est pas morte\n"
        f"> — p.{NB}12\n"
        "\n"
        "Titre\n"
        "\n"
        "#otan\n"
        "\n"
        "## Carnet de route\n"
        "\n"
        # A year alone is not a day: written as stored.
        f"Date{NB}: 2022 · Chemin{NB}: `/docs/route.md`\n"
        "\n"
        "Sur la route\n"
        "\n"
        "## Document qui n’est plus dans la bibliothèque (gone)\n"
        "\n"
        "Orpheline\n"
    )


def test_markdown_export_in_english_names_the_same_things(store: NotesStore) -> None:
    note = store.add_for_quote("d1", DOC, "Genève", "")
    docs: dict[str, DocumentInfo] = {"d1": Doc("Blinken", None, "2022-02-01", "/b.txt")}
    md = export_markdown([note], docs, exported=date(2026, 12, 1), pages={note.id: 3})
    assert md.startswith("# Notes exported from Carnet on December 1, 2026\n")
    assert "Date: February 1, 2022 · Path: `/b.txt`\n" in md
    assert "> Genève\n> — p. 3\n" in md


def test_json_export_does_not_change_with_the_language(store: NotesStore) -> None:
    store.add_for_quote("d1", DOC, "Genève", "ville", tags=("lieu",), color="yellow")
    english = export_json(store.list(include_trashed=True))
    set_language("fr")
    assert export_json(store.list(include_trashed=True)) == english


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        (1, f'Rien n’a été importé{NB}: 1 note invalide{NB}: note 1{NB}: "orphan" doit'),
        (2, f'Rien n’a été importé{NB}: 2 notes invalides{NB}: note 1{NB}: "orphan" doit'),
    ],
)
def test_import_errors_in_french_count_the_notes(store: NotesStore, bad: int, said: str) -> None:
    note = store.add("d1", "x").to_json()
    notes = [{**note, "id": f"{i:032x}", "orphan": "oui"} for i in range(bad)]
    text = json.dumps({"format": "carnet-notes", "version": 1, "notes": notes})
    set_language("fr")
    with pytest.raises(NotesImportError) as info:
        import_json(store, text)
    assert str(info.value).startswith(said)
    assert "doit valoir true ou false" in str(info.value)


def test_import_errors_past_five_say_how_many_more(store: NotesStore) -> None:
    note = store.add("d1", "x").to_json()
    notes = [{**note, "id": f"{i:032x}", "orphan": "oui"} for i in range(7)]
    text = json.dumps({"format": "carnet-notes", "version": 1, "notes": notes})
    set_language("fr")
    with pytest.raises(NotesImportError, match="7 notes invalides") as info:
        import_json(store, text)
    assert str(info.value).endswith("; et 2 autres.")


def test_store_errors_in_french(store: NotesStore) -> None:
    set_language("fr")
    with pytest.raises(QuoteNotFound) as info:
        store.add_for_quote("d1", DOC, "Paris", "")
    assert str(info.value) == (
        f"Le passage «{NB}Paris{NB}» est introuvable dans ce document{NNB}; "
        "sélectionnez-le à nouveau dans le lecteur pour y attacher la note."
    )


def test_backup_dates_in_both_languages(tmp_path: Path) -> None:
    backup = tmp_path / "notes-20220201-140500-000000.sqlite3"
    assert backup_date(backup) == "February 1, 2022, 14:05 UTC"
    set_language("fr")
    assert backup_date(backup) == "1 février 2022 à 14:05 UTC"


def test_read_only_message_in_french(tmp_path: Path) -> None:
    from app.core.notes.errors import read_only_error  # noqa: PLC0415

    set_language("fr")
    message = str(read_only_error(DataPaths(tmp_path).root))
    assert message.startswith(f"Impossible d’enregistrer les notes{NB}: le dossier de données")
    assert message.endswith("avec --data-dir.")
