"""NotesListModel: Qt model contract, roles, ordering of inserts, removal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.core.notes import Note, NotesStore, anchor_at
from app.core.notes.anchoring import Anchor
from app.ui.notes.delegate import bar_color
from app.ui.notes.model import (
    ColorRole,
    DocIdRole,
    DocTitleRole,
    NoteIdRole,
    NoteRole,
    NotesListModel,
    OrphanRole,
    QuoteRole,
)
from app.ui.themes import THEMES, note_base_color

TEXT = "Blinken et Lavrov se sont rencontrés à Genève pour des négociations sur l'Ukraine."


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester, store: NotesStore) -> None:
    model = NotesListModel()
    qtmodeltester.check(model)
    store.add("d", "libre")
    store.add("d", "ancrée", anchor=anchor_at(TEXT, 0, 7), color="yellow")
    model.set_notes(store.list("d"))
    qtmodeltester.check(model)
    model.upsert(store.add("d", "autre", anchor=anchor_at(TEXT, 30, 36)))
    first = model.note_at(0)
    assert first is not None
    model.remove(first.id)
    qtmodeltester.check(model)


def test_roles_and_display(store: NotesStore) -> None:
    note = store.add("d", "\n  Première ligne\nseconde", anchor=anchor_at(TEXT, 0, 7), color="pink")
    model = NotesListModel(show_documents=True)
    model.set_document_titles({"d": "Genève"})
    model.set_notes([note])
    index = model.index(0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Première ligne"
    assert index.data(NoteIdRole) == note.id
    assert index.data(NoteRole) == note
    assert index.data(QuoteRole) == "Blinken"
    assert index.data(OrphanRole) is False
    assert index.data(ColorRole) == "pink"
    assert index.data(DocIdRole) == "d"
    assert index.data(DocTitleRole) == "Genève"
    assert "Blinken" in index.data(Qt.ItemDataRole.AccessibleTextRole)


def test_upsert_inserts_by_position_and_replaces_in_place(qtbot: QtBot, store: NotesStore) -> None:
    late = store.add("d", "late", anchor=anchor_at(TEXT, 40, 46))
    free = store.add("d", "free")
    model = NotesListModel()
    model.set_notes(store.list("d"))
    assert [n.id for n in model.notes()] == [late.id, free.id]

    early = store.add("d", "early", anchor=anchor_at(TEXT, 0, 7))
    with qtbot.waitSignal(model.rowsInserted, timeout=1000):
        assert model.upsert(early) == 0
    assert [n.id for n in model.notes()] == [early.id, late.id, free.id]

    changed = store.update(late.id, text="changed")
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        assert model.upsert(changed) == 1
    assert model.note_at(1) == changed
    assert model.rowCount() == 3

    with qtbot.waitSignal(model.rowsRemoved, timeout=1000):
        assert model.remove(early.id)
    assert model.row_of(early.id) == -1
    assert not model.remove(early.id)
    assert model.note_at(5) is None


def test_a_highlight_has_the_same_colour_on_its_card_as_on_the_page() -> None:
    anchor = Anchor("passage", "", "", 0, 7, "")
    plain = Note("a" * 32, "d", "", (), "", "", anchor=anchor)  # no colour chosen
    for theme in THEMES.values():
        page_default = note_base_color(theme, None)
        assert bar_color(plain).name() == page_default
        for name in ("yellow", "green", "blue", "pink"):
            chosen = Note("b" * 32, "d", "", (), "", "", color=name, anchor=anchor)
            assert bar_color(chosen).name() == note_base_color(theme, name)
