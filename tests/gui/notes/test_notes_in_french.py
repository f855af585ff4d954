"""The notes panel as a French reader and an English reader see it.

Each test builds its panel after choosing the language: labels are translated when built.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.core.notes import Note, NotesStore, anchor_at
from app.ui.notes.panel import NotesPanel
from tests.gui.notes.notes_support import card_lines, panel_over

TEXT = "Antony Blinken et Sergueï Lavrov se sont rencontrés à Genève."
DOC = "doc-geneve"
TIMEOUT = 5000
NB = "\u00a0"

# What each language shows; the dates are those of the note written below.
WORDS = {
    "fr": {
        "new": "Nouvelle note",
        "delete": "Supprimer",
        "no_document": "Ouvrez un document pour voir ses notes.",
        "no_notes": "Aucune note sur ce document pour l’instant.",
        "pick": "Sélectionnez une note ou créez-en une.",
        "write": "Écrivez votre note (Markdown)…",
        "tags": "Étiquettes, séparées par des virgules ou des espaces",
        "tab": "Ce document",
        "tab_count": "Ce document (2)",
        "count_0": "0 note sur ce document",
        "count_1": "1 note sur ce document",
        "count_2": "2 notes sur ce document",
        "dates": "Créée le 1 février 2022, modifiée le 3 février 2022",
        "quote": f"«{NB}Genève{NB}»",
        "card_date": "Modifiée le 3 févr. 2022",
        "colour": f"Couleur de surlignage{NB}: jaune",
        "trashed": "Note mise à la corbeille —",
        "undo": "Annuler",
        "all": "Toutes les notes",
        "search": "Rechercher dans toutes les notes",
        "no_match": f"Aucune note ne correspond à «{NB}zzz{NB}».",
    },
    "en": {
        "new": "New note",
        "delete": "Delete",
        "no_document": "Open a document to see its notes.",
        "no_notes": "No notes on this document yet.",
        "pick": "Select a note, or create one.",
        "write": "Write your note (Markdown)…",
        "tags": "Tags, separated by commas or spaces",
        "tab": "This document",
        "tab_count": "This document (2)",
        "count_0": "0 notes on this document",
        "count_1": "1 note on this document",
        "count_2": "2 notes on this document",
        "dates": "Created February 1, 2022, edited February 3, 2022",
        "quote": "“Genève”",
        "card_date": "Edited Feb 3, 2022",
        "colour": "Highlight colour: yellow",
        "trashed": "Note moved to the trash —",
        "undo": "Undo",
        "all": "All notes",
        "search": "Search all notes",
        "no_match": "No note matches “zzz”.",
    },
}


@pytest.fixture(params=["fr", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def panel(qtbot: QtBot, store: NotesStore, lang: str) -> Iterator[NotesPanel]:
    """A panel built in ``lang`` (the shared fixture builds it in English, too early)."""
    set_language(lang)
    with panel_over(qtbot, store) as p:
        yield p


def dated_note(store: NotesStore) -> Note:
    """A note on "Genève" written on 1 February 2022 and edited two days later."""
    start = TEXT.index("Genève")
    note = Note(
        id="0" * 31 + "1",
        doc_id=DOC,
        text="Lieu des pourparlers",
        tags=("lieu",),
        created="2022-02-01T10:00:00Z",
        updated="2022-02-03T10:00:00Z",
        anchor=anchor_at(TEXT, start, start + len("Genève")),
    )
    store.merge_notes([note])
    return store.get(note.id)


def test_the_panel_speaks_the_readers_language(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore, lang: str
) -> None:
    words = WORDS[lang]
    assert panel.new_button.text() == words["new"]
    assert panel.delete_button.text() == words["delete"]
    assert panel.empty_label.text() == words["no_document"]
    assert panel.editor.body.placeholderText() == words["pick"]
    assert panel.editor.tags.placeholderText() == words["tags"]
    assert panel.tabs.tabText(0) == words["tab"]
    assert panel.tabs.tabText(1) == words["all"]
    assert panel.editor.color_buttons["yellow"].toolTip() == words["colour"]

    panel.set_document(DOC, TEXT)
    assert panel.empty_label.text().startswith(words["no_notes"])
    assert panel.tabs.tabToolTip(0) == words["count_0"]  # French: 0 takes the singular

    note = dated_note(store)
    panel.reload()
    assert panel.tabs.tabToolTip(0) == words["count_1"]
    store.add(DOC, "Une autre")
    panel.reload()
    assert panel.tabs.tabText(0) == words["tab_count"]
    assert panel.tabs.tabToolTip(0) == words["count_2"]

    assert panel.select_note(note.id)
    assert panel.editor.dates_label.text() == words["dates"]
    assert panel.editor.quote_label.text() == words["quote"]
    assert panel.editor.body.placeholderText() == words["write"]

    assert panel.delete_note(note.id)
    assert panel.undo_label.text() == words["trashed"]
    assert panel.undo_button.text() == words["undo"]


def test_all_notes_date_their_cards_and_say_when_nothing_matches(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore, lang: str
) -> None:
    words = WORDS[lang]
    dated_note(store)
    panel.set_document_titles({DOC: "Rencontre à Genève"})
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.all_notes
    assert view.search_field.placeholderText() == words["search"]
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        panel.show_all_notes()
    lines = card_lines(view.view)
    assert lines[:3] == ["Rencontre à Genève", words["card_date"], words["quote"]], lines

    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        view.set_query("zzz")
    assert view.model.rowCount() == 0
    assert view.message.text() == words["no_match"]
