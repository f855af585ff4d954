"""Searching within the group chosen in the list, and widening to the whole library.

The sidebar tells the search controller which group the list shows (``set_group``); these
tests call it as the sidebar does, with a group of two bundled articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.core.paths import DataPaths
from app.ui.main_window import MainWindow
from app.ui.search.place import LIBRARY
from app.ui.workers.search_service import SearchAnswer
from tests.gui.window_support import TIMEOUT, open_window, search

# Two of the four bundled articles that speak of « négociation(s) ».
THESIS = ("premiere-rencontre-surprise-au-g20.txt", "le-message-de-blinken-a-lavrov.txt")
# Two others that do too: the place searched first in the stale-answer test.
OTHERS = ("blinken-et-lavrov-se-sont-telephone.txt", "la-diplomatie-n-est-pas-morte.txt")


def ids_of(window: MainWindow, names: tuple[str, ...]) -> frozenset[str]:
    found = frozenset(r.id for r in window.library.all() if Path(r.path).name in names)
    assert len(found) == len(names)
    return found


def shown_ids(window: MainWindow) -> set[str]:
    model = window.library_pane.results_model
    return {model.item(row).doc_id for row in range(model.rowCount())}


def shown_kinds(window: MainWindow) -> list[str]:
    model = window.library_pane.results_model
    return [model.item(row).kind for row in range(model.rowCount())]


def choose_thesis(window: MainWindow) -> frozenset[str]:
    thesis = ids_of(window, THESIS)
    window.search_controller.set_group("collection:1", "Thèse", thesis)
    return thesis


def test_a_chosen_group_is_searched_and_named_then_widened(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.search_bar
    assert bar.edit.placeholderText() == "Search the library  (Ctrl+K)"
    assert not bar.place_combo.isVisible()  # all documents: nothing to widen
    thesis = choose_thesis(window)
    assert bar.edit.placeholderText() == "Search in “Thèse”  (Ctrl+K)"
    assert bar.place_combo.isVisible()
    assert bar.place_combo.currentText() == "In “Thèse”"

    search(qtbot, window, "négociation")
    assert shown_ids(window) == thesis
    assert window.library_pane.summary.text() == "2 documents in “Thèse”"

    # Widening: the same words, the whole library; the list keeps its group.
    with qtbot.waitSignal(window.searchAnswered, timeout=TIMEOUT):
        bar.place_combo.setCurrentIndex(bar.place_combo.findData(LIBRARY))
    assert bar.place_combo.currentText() == "Whole library"
    assert len(shown_ids(window)) == 4 and thesis < shown_ids(window)
    assert window.library_pane.summary.text() == "4 documents"
    assert bar.edit.placeholderText() == "Search the library  (Ctrl+K)"

    # Back to all documents: the combo goes, the search stays on the whole library.
    window.search_controller.set_group("all", "All documents", None)
    assert not bar.place_combo.isVisible()


def test_choosing_another_group_searches_again_there(qtbot: QtBot, window: MainWindow) -> None:
    choose_thesis(window)
    search(qtbot, window, "négociation")
    others = ids_of(window, OTHERS)
    with qtbot.waitSignal(window.searchAnswered, timeout=TIMEOUT):
        window.search_controller.set_group("folder:/press", "Presse", others)
    assert shown_ids(window) == others
    assert window.library_pane.summary.text() == "2 documents in “Presse”"


def test_nothing_found_in_the_group_says_where_it_looked(qtbot: QtBot, window: MainWindow) -> None:
    # « La Russie reçoit la demande… » never speaks of negotiations.
    alone = ids_of(window, ("la-russie-recoit-la-demande-des-etats-unis.txt",))
    window.search_controller.set_group("collection:2", "Russie", alone)
    search(qtbot, window, "négociation")
    assert shown_ids(window) == set()
    assert window.library_pane.summary.text() == "No results in “Russie”."


def test_notes_are_searched_within_the_group_too(qtbot: QtBot, window: MainWindow) -> None:
    thesis = choose_thesis(window)
    inside = sorted(thesis)[0]
    outside = sorted(ids_of(window, OTHERS))[0]
    window.notes.add(inside, "Le tournesol de la thèse.")
    window.notes.add(outside, "Un tournesol ailleurs.")
    search(qtbot, window, "tournesol")
    assert shown_kinds(window) == ["note"]
    assert shown_ids(window) == {inside}
    assert window.library_pane.summary.text() == "1 note in “Thèse”"

    window.scope_combo.setCurrentIndex(window.scope_combo.findData("notes"))
    with qtbot.waitSignal(window.searchAnswered, timeout=TIMEOUT):
        window.search_controller.widen()
    assert shown_ids(window) == {inside, outside}
    assert window.library_pane.summary.text() == "2 notes"


def test_an_answer_for_the_group_left_is_never_shown(qtbot: QtBot, window: MainWindow) -> None:
    """Both searches are queued before either runs: the first one's answer must be dropped."""
    answered: list[SearchAnswer] = []
    shown: list[SearchAnswer] = []
    window.search_service.answered.connect(answered.append)
    window.searchAnswered.connect(shown.append)
    bar = window.search_bar
    others = ids_of(window, OTHERS)
    window.search_controller.set_group("folder:/press", "Presse", others)
    bar.edit.setText("négociation")
    bar.run()  # now, not after the typing pause
    thesis = choose_thesis(window)  # re-runs the query in the new group
    qtbot.waitUntil(lambda: len(answered) == 2, timeout=TIMEOUT)
    assert [a.only for a in answered] == [others, thesis]
    assert [a.only for a in shown] == [thesis]
    assert shown_ids(window) == thesis
    assert window.library_pane.summary.text() == "2 documents in “Thèse”"


@pytest.fixture
def french_window(qtbot: QtBot, data: DataPaths) -> Iterator[MainWindow]:
    set_language("fr")  # before the widgets are built: their labels are translated then
    w = open_window(qtbot, data)
    yield w
    w.close()


def test_the_group_searched_in_french(qtbot: QtBot, french_window: MainWindow) -> None:
    window = french_window
    bar = window.search_bar
    assert bar.edit.placeholderText() == "Rechercher dans la bibliothèque  (Ctrl+K)"
    choose_thesis(window)
    assert bar.edit.placeholderText() == "Rechercher dans «\u00a0Thèse\u00a0»  (Ctrl+K)"
    assert bar.place_combo.currentText() == "Dans «\u00a0Thèse\u00a0»"
    assert bar.place_combo.itemText(1) == "Toute la bibliothèque"
    search(qtbot, window, "négociation")
    assert window.library_pane.summary.text() == "2 documents dans «\u00a0Thèse\u00a0»"
    window.search_controller.set_group("collection:3", "Appel", ids_of(window, OTHERS[:1]))
    qtbot.waitUntil(
        lambda: window.library_pane.summary.text() == "1 document dans «\u00a0Appel\u00a0»",
        timeout=TIMEOUT,
    )
