"""Each note order is one definition: the store's SQL and the in-memory key agree."""

from __future__ import annotations

from app.core.notes.anchoring import anchor_at
from app.core.notes.order import by_position, newest_first
from app.core.notes.store import NotesStore

from .conftest import DOC


def test_the_store_and_the_sort_key_list_a_document_alike(store: NotesStore) -> None:
    # Added out of order, with a tie on position (settled by creation) and free notes.
    for start, text in [(60, "b"), (None, "libre 1"), (5, "a"), (60, "c"), (None, "libre 2")]:
        anchor = None if start is None else anchor_at(DOC, start, start + 10)
        store.add("doc", text, anchor=anchor)
    listed = store.list("doc")
    assert [n.text for n in listed] == ["a", "b", "c", "libre 1", "libre 2"]
    assert sorted(reversed(listed), key=by_position) == listed


def test_the_trash_and_the_newest_first_key_agree(store: NotesStore) -> None:
    notes = [store.add("doc", f"note {i}") for i in range(4)]
    for note in (notes[2], notes[0], notes[3]):
        store.trash(note.id)
    trash = store.list_trash()
    assert [n.text for n in trash] == ["note 3", "note 0", "note 2"]
    assert sorted(reversed(trash), key=newest_first) == trash
