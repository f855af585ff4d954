"""Search hits in the reader: phrases stepped as phrases with an 'n of m' count; and what
highlighting the selection does (whole words, the selection cleared, a reason when idle)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.core.library.store import DocumentRecord
from app.core.search.analysis import query_terms
from app.core.search.query_terms import query_phrases
from app.ui.reader.view import ReaderView
from tests.gui.reader_support import marks, select, shown_reader

TIMEOUT = 3000
TEXT = (
    "Paul Whelan est détenu en Russie depuis 2018.\n\n"
    "Le ministre russe a parlé de Paul, puis de Whelan, séparément.\n\n"
    "Les proches de Paul Whelan demandent sa libération."
)


def record() -> DocumentRecord:
    return DocumentRecord("d1", "/tmp/x.txt", "Whelan", "", "", 30, 1, "0" * 64)


def hit_texts(view: ReaderView, kind: str = "hit") -> list[str]:
    return [text for text, _ in marks(view, kind)]


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    view = shown_reader(qtbot)
    view.show_document(record(), TEXT)
    return view


def test_f3_steps_phrase_by_phrase_with_a_count(reader: ReaderView) -> None:
    query = '"Paul Whelan"'
    reader.set_search_terms(query_terms(query), phrases=query_phrases(query))
    assert reader.hit_count() == 2
    assert hit_texts(reader) == ["Paul Whelan", "Paul Whelan"]
    assert reader.current_hit() == "Paul Whelan"
    assert reader.hits_bar.isVisible()
    assert reader.hits_bar.count.text() == "Search match 1 of 2"
    reader.next_hit()  # F3
    assert reader.current_hit_index() == 1 and reader.current_hit() == "Paul Whelan"
    assert reader.hits_bar.count.text() == "Search match 2 of 2"
    reader.next_hit()
    assert reader.current_hit_index() == 0
    reader.previous_hit()
    assert reader.hits_bar.count.text() == "Search match 2 of 2"


def test_words_outside_the_phrase_are_still_marked_one_by_one(reader: ReaderView) -> None:
    query = '"Paul Whelan" russe'
    reader.set_search_terms(query_terms(query), phrases=query_phrases(query))
    # "Paul" and "Whelan" apart are not the phrase: not marked.
    assert hit_texts(reader) == ["Paul Whelan", "Russie", "russe", "Paul Whelan"]
    assert reader.hits_bar.count.text() == f"Search match 1 of {reader.hit_count()}"


def test_without_phrases_words_are_hits_and_the_bar_hides_when_cleared(
    reader: ReaderView,
) -> None:
    reader.set_search_terms(query_terms("Whelan"))
    assert hit_texts(reader) == ["Whelan", "Whelan", "Whelan"]
    assert reader.hits_bar.count.text() == "Search match 1 of 3"
    reader.set_search_terms(set())
    assert reader.hit_count() == 0 and not reader.hits_bar.isVisible()


def test_a_highlight_snaps_to_whole_words(reader: ReaderView, qtbot: QtBot) -> None:
    start = TEXT.index("ministre russe")
    select(reader, start + 1, start + len("ministre rus"))  # "inistre rus"
    with qtbot.waitSignal(reader.highlightRequested, timeout=TIMEOUT) as blocker:
        reader.highlight_action.trigger()
    s, e, _with_note = blocker.args
    assert TEXT[s:e] == "ministre russe"


def test_the_selection_clears_after_highlighting_so_the_colour_shows(
    reader: ReaderView, qtbot: QtBot
) -> None:
    start = TEXT.index("détenu")
    select(reader, start, start + len("détenu"))
    with qtbot.waitSignal(reader.highlightRequested, timeout=TIMEOUT):
        reader.highlight_action.trigger()
    assert not reader.browser.textCursor().hasSelection()


@pytest.mark.parametrize(("with_note", "keys"), [(False, "Ctrl+Shift+H"), (True, "Ctrl+Shift+N")])
def test_highlighting_with_nothing_selected_says_why(
    reader: ReaderView, qtbot: QtBot, with_note: bool, keys: str
) -> None:
    assert not reader.browser.textCursor().hasSelection()
    action = reader.highlight_with_note_action if with_note else reader.highlight_action
    with (
        qtbot.assertNotEmitted(reader.highlightRequested),
        qtbot.waitSignal(reader.statusMessage, timeout=TIMEOUT) as blocker,
    ):
        action.trigger()
    message = blocker.args[0]
    assert "select a passage" in message and keys in message
