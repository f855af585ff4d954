"""Collections in the notes store: made, renamed, nested, deleted; documents in and out."""

from __future__ import annotations

import sqlite3

import pytest

from app.core.notes import NotesStore
from app.core.notes.collections import CollectionError, CollectionNotFound
from app.core.paths import DataPaths


def test_a_collection_holds_documents_and_a_document_can_be_in_several(store: NotesStore) -> None:
    store.create_collection("Thèse")
    store.create_collection("Ukraine")
    assert store.add_to_collection("Thèse", ["d1", "d2"]) == 2
    assert store.add_to_collection("Ukraine", ["d1"]) == 1
    assert store.add_to_collection("Thèse", ["d1"]) == 0  # already in it: nothing new
    assert store.collection_documents("Thèse") == {"d1", "d2"}
    assert store.collections_of() == {"d1": ["Thèse", "Ukraine"], "d2": ["Thèse"]}
    assert store.remove_from_collection("Thèse", ["d1", "nope"]) == 1
    assert store.collection_documents("Thèse") == {"d2"}
    assert store.collection_documents("Ukraine") == {"d1"}


def test_names_are_one_whatever_their_case_and_spacing(store: NotesStore) -> None:
    made = store.create_collection("  Revue   de presse ")
    assert made.name == "Revue de presse"
    assert store.find_collection("revue de PRESSE") == made
    with pytest.raises(CollectionError, match="already a collection"):
        store.create_collection("REVUE DE PRESSE")
    with pytest.raises(CollectionError, match="needs a name"):
        store.create_collection("   ")


def test_rename_keeps_the_documents_and_refuses_a_taken_name(store: NotesStore) -> None:
    store.add_to_collection("Lectures", ["d1"], create=True)
    store.create_collection("Archives")
    renamed = store.rename_collection("lectures", "À lire")
    assert renamed.name == "À lire"
    assert store.collection_documents("À lire") == {"d1"}
    assert store.find_collection("Lectures") is None
    with pytest.raises(CollectionError, match="already a collection"):
        store.rename_collection("À lire", "archives")
    # Changing only the case of its own name is allowed.
    assert store.rename_collection("À lire", "à lire").name == "à lire"


def test_delete_keeps_the_documents_elsewhere_and_moves_children_up(store: NotesStore) -> None:
    store.create_collection("Thèse")
    store.create_collection("Chapitre 1", parent="Thèse")
    store.add_to_collection("Thèse", ["d1"])
    store.add_to_collection("Chapitre 1", ["d2"])
    store.add_to_collection("Autre", ["d1"], create=True)
    deleted = store.delete_collection("thèse")
    assert deleted.name == "Thèse"
    assert store.find_collection("Thèse") is None
    child = store.find_collection("Chapitre 1")
    assert child is not None and child.parent is None
    assert store.collection_documents("Chapitre 1") == {"d2"}
    assert store.collection_documents("Autre") == {"d1"}
    with pytest.raises(CollectionNotFound):
        store.delete_collection("Thèse")


def test_a_parent_shows_its_childrens_documents_one_level_deep(store: NotesStore) -> None:
    store.create_collection("Thèse")
    store.create_collection("Chapitre 1", parent="Thèse")
    store.add_to_collection("Thèse", ["d1"])
    store.add_to_collection("Chapitre 1", ["d2"])
    assert store.collection_documents("Thèse") == {"d1", "d2"}
    assert store.collection_documents("Chapitre 1") == {"d2"}
    # The list of a document names the collections it was put in, not their parents.
    assert store.collections_of()["d2"] == ["Chapitre 1"]
    with pytest.raises(CollectionError, match="one level"):
        store.create_collection("Section 1.1", parent="Chapitre 1")
    with pytest.raises(CollectionError, match="one level"):
        store.move_collection("Thèse", "Chapitre 1")
    store.move_collection("Chapitre 1", None)
    assert store.collection_documents("Thèse") == {"d1"}


def test_unknown_collections_are_named_in_the_error(store: NotesStore) -> None:
    with pytest.raises(CollectionNotFound, match="“Nulle part”"):
        store.add_to_collection("Nulle part", ["d1"])
    with pytest.raises(CollectionNotFound):
        store.collection_documents("Nulle part")


def test_collections_survive_a_restart_and_a_crash_between(paths: DataPaths) -> None:
    store = NotesStore(paths)
    store.add_to_collection("Thèse", ["d1", "d2"], create=True)
    store.set_status("d1", "finished")
    # No close(): the process dies here; WAL with full sync has it on disk already.
    with NotesStore(paths) as again:
        assert again.collection_documents("Thèse") == {"d1", "d2"}
        assert again.reading_state("d1").status == "finished"
    store.close()


def test_a_failed_change_leaves_the_collection_as_it_was(store: NotesStore) -> None:
    store.add_to_collection("Thèse", ["d1"], create=True)
    real = store._conn

    class Failing:
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def execute(self, sql: str, params: object = ()) -> sqlite3.Cursor:
            if sql.startswith("INSERT OR IGNORE INTO collection_documents") and params[1] == "d3":  # type: ignore[index]
                raise sqlite3.OperationalError("database or disk is full")
            return real.execute(sql, params)  # type: ignore[arg-type]

    store._conn = Failing()  # type: ignore[assignment]
    try:
        with pytest.raises(Exception, match="full"):
            store.add_to_collection("Thèse", ["d2", "d3"])
    finally:
        store._conn = real
    assert store.collection_documents("Thèse") == {"d1"}  # d2 was not kept alone
