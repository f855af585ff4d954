"""Reading status: unread until opened, reading, finished at the end; by hand too."""

from __future__ import annotations

import pytest

from app.core.errors import NotesError
from app.core.i18n import set_language
from app.core.notes import NotesStore
from app.core.notes.reading import status_label


def test_a_document_never_opened_is_unread_at_its_start(store: NotesStore) -> None:
    state = store.reading_state("d1")
    assert (state.status, state.position, state.progress, state.last_read) == (
        "unread",
        0,
        0.0,
        None,
    )
    assert store.reading_states() == {}


def test_opening_makes_it_reading_and_the_end_makes_it_finished(store: NotesStore) -> None:
    opened = store.document_opened("d1")
    assert opened.status == "reading" and opened.last_read is not None
    moved = store.save_position("d1", 1200, 0.42)
    assert (moved.position, moved.progress, moved.status) == (1200, 0.42, "reading")
    done = store.document_finished("d1")
    assert (done.status, done.progress) == ("finished", 1.0)
    # Opening a finished document again does not make it unfinished.
    assert store.document_opened("d1").status == "finished"
    assert store.reading_state("d1").position == 1200


def test_the_readers_own_choice_wins_until_next_opened(store: NotesStore) -> None:
    store.document_opened("d1")
    assert store.set_status("d1", "unread").status == "unread"
    assert store.reading_state("d1").status == "unread"
    assert store.document_opened("d1").status == "reading"
    assert store.set_status("d2", "finished").progress == 1.0
    with pytest.raises(NotesError, match="unread, reading, finished"):
        store.set_status("d1", "skimmed")


def test_nothing_changes_without_a_change(store: NotesStore) -> None:
    first = store.save_position("d1", 10, 0.1)
    again = store.save_position("d1", 10, 0.1)
    assert again.updated == first.updated
    assert store.save_position("d1", 11, 2.5).progress == 1.0  # clamped to the document


def test_status_labels_in_both_languages() -> None:
    assert status_label("finished") == "Finished"
    set_language("fr")
    assert status_label("finished") == "Terminé"
    assert status_label("unread") == "Non lu"
    assert status_label("reading") == "En cours"
