"""NotesService: the window's one door for note writes, and the one change it reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.notes import NotesStore, anchor_at
from app.ui.notes.service import ChangeKind, NoteChange, NotesService

TEXT = "Antony Blinken et Sergueï Lavrov se sont rencontrés à Genève."
DOC = "doc-geneve"
UI = Path(__file__).resolve().parents[3] / "app" / "ui"


@pytest.fixture
def changes(qtbot: QtBot, store: NotesStore) -> tuple[NotesService, list[NoteChange]]:
    service = NotesService(store)
    seen: list[NoteChange] = []
    service.changed.connect(seen.append)
    return service, seen


def test_each_write_reports_one_change_with_the_stored_note(
    store: NotesStore, changes: tuple[NotesService, list[NoteChange]]
) -> None:
    service, seen = changes
    note = service.add(DOC, "", anchor=anchor_at(TEXT, 0, 14), color="blue")
    edited = service.save_edit(note, text="À relire", tags=("diplomatie",), color="")
    trashed = service.trash(note.id)
    restored = service.restore(note.id)
    assert [(c.kind, c.doc_id, c.note_id, c.count_delta) for c in seen] == [
        (ChangeKind.ADDED, DOC, note.id, 1),
        (ChangeKind.EDITED, DOC, note.id, 0),
        (ChangeKind.TRASHED, DOC, note.id, -1),
        (ChangeKind.RESTORED, DOC, note.id, 1),
    ]
    assert [c.note for c in seen] == [note, edited, None, restored]
    assert (edited.text, edited.tags, edited.color) == ("À relire", ("diplomatie",), None)
    assert trashed == edited and restored == store.get(note.id) and not restored.trashed


def test_an_edit_that_changes_nothing_reports_nothing(
    changes: tuple[NotesService, list[NoteChange]],
) -> None:
    service, seen = changes
    note = service.add(DOC, "même texte")
    seen.clear()
    assert service.save_edit(note, text="même texte") == note
    assert seen == []


def test_an_edit_of_a_note_deleted_elsewhere_is_kept_as_a_new_note(
    store: NotesStore, changes: tuple[NotesService, list[NoteChange]]
) -> None:
    service, seen = changes
    note = service.add(DOC, "avant", anchor=anchor_at(TEXT, 18, 33), tags=("x",))
    with NotesStore(store.paths) as other:  # another window empties the trash
        other.trash(note.id)
        other.empty_trash()
    seen.clear()
    kept = service.save_edit(note, text="écrit pendant ce temps")
    assert kept.id != note.id
    assert store.get(kept.id).text == "écrit pendant ce temps"
    assert (kept.anchor, kept.tags) == (note.anchor, note.tags)  # its passage and tags too
    assert seen == [NoteChange(ChangeKind.REPLACED, DOC, kept.id, kept, previous_id=note.id)]
    assert seen[0].count_delta == 0  # the window still counted the vanished one


_STORE_WRITE = re.compile(
    r"\b(?:store|_store|notes)\s*\.\s*"
    r"(?:add|add_for_quote|update|trash|restore|empty_trash|merge_notes|reanchor_document)\("
)


def test_no_window_code_writes_to_the_notes_store_but_the_service() -> None:
    writers = sorted(
        str(path.relative_to(UI))
        for path in UI.rglob("*.py")
        if _STORE_WRITE.search(path.read_text(encoding="utf-8"))
    )
    assert writers == ["notes/service.py"]
