"""The search bar and its results header in French and in English: words, plurals, counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.core.paths import DataPaths
from app.ui.language import apply_language
from app.ui.search.results import results_summary, suggestion_html
from tests.gui.window_support import open_window

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("documents", "notes", "french", "english"),
    [
        (1, 0, "1 document", "1 document"),
        (2, 1, "2 documents · 1 note", "2 documents · 1 note"),
        (12345, 2, f"12{NNBSP}345 documents · 2 notes", "12,345 documents · 2 notes"),
        (0, 3, "3 notes", "3 notes"),
        (0, 0, "Aucun résultat.", "No results."),
    ],
)
def test_results_header_agrees_with_its_count_in_both_languages(
    documents: int, notes: int, french: str, english: str
) -> None:
    set_language("fr")
    assert results_summary(documents, notes) == french
    set_language("en")
    assert results_summary(documents, notes) == english


def test_did_you_mean_links_the_word_with_french_typography() -> None:
    set_language("fr")
    assert suggestion_html("négociation") == (
        f'Vouliez-vous dire <a href="négociation">négociation</a>{NNBSP}?'
    )
    set_language("en")
    assert suggestion_html("a<b") == 'Did you mean <a href="a&lt;b">a&lt;b</a>?'


@pytest.mark.parametrize(
    ("code", "scopes", "placeholder"),
    [
        ("fr", ["Documents et notes", "Documents", "Notes"], "Rechercher dans la bibliothèque"),
        ("en", ["Documents & notes", "Documents", "Notes"], "Search the library"),
    ],
)
def test_the_search_bar_speaks_the_language_chosen_at_start(
    qtbot: QtBot, tmp_path: Path, code: str, scopes: list[str], placeholder: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, code)
    try:
        window = open_window(qtbot, DataPaths(tmp_path / "data"))
        combo = window.scope_combo
        assert [combo.itemText(i) for i in range(combo.count())] == scopes
        assert window.search_edit.placeholderText().startswith(placeholder)
        window.close()
    finally:
        apply_language(app, "en")
