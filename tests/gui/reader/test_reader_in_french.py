"""The reader as a French reader and an English reader see it: a bundled article, its
header line, the find bar, the search matches, the highlight actions and the page dialogs.

Each test chooses the language (Carnet's catalog and Qt's own) before building the reader:
labels are translated when built.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.core.documents.toc import TocEntry
from app.core.library.store import DocumentRecord
from app.core.search.analysis import query_terms
from app.ui.language import apply_language
from app.ui.reader.contents import ContentsDialog
from app.ui.reader.go_to_page import GoToPageDialog
from app.ui.reader.view import ReaderView
from tests.gui.reader_support import select, shown_reader

ARTICLE = Path(__file__).parents[3] / "corpus" / "le-message-de-blinken-a-lavrov.txt"
TIMEOUT = 5000
NB = "\u00a0"

# What each language shows for the article below (dated 2 March 2023, 8 minutes).
WORDS = {
    "fr": {
        "meta": "Le blogue de Richard Hétu · 2 mars 2023 · 8 min de lecture",
        "short_meta": "moins d’une min de lecture",
        "untitled": "Sans titre",
        "empty": "Choisissez un document à lire",
        "find": "Rechercher dans le document",
        "no_match": "Aucune occurrence",
        "count": "1 sur 2",
        "previous_tip": "Occurrence précédente (Maj+Entrée)",
        "close_tip": "Fermer (Échap)",
        "hits": f"Recherche{NB}: occurrence 1 sur 2",
        "hits_tip": "Occurrence suivante de la recherche (F3)",
        "menu": ["Surligner", "Surligner avec une note…"],
        "why": f"Rien à surligner{NB}: sélectionnez d’abord un passage du texte",
        "keys": "Ctrl+Maj+H",
        "go_title": "Aller à la page",
        "go_label": f"&Page{NB}:",
        "go_suffix": " sur 265",
        "contents": "Table des matières",
        "headers": ["Titre", "Page"],
        "ok_cancel": ["OK", "Annuler"],
    },
    "en": {
        "meta": "Le blogue de Richard Hétu · March 2, 2023 · 8 min read",
        "short_meta": "under 1 min read",
        "untitled": "Untitled",
        "empty": "Choose a document to read",
        "find": "Find in document",
        "no_match": "No matches",
        "count": "1 of 2",
        "previous_tip": "Previous match (Shift+Enter)",
        "close_tip": "Close (Esc)",
        "hits": "Search match 1 of 2",
        "hits_tip": "Next search match (F3)",
        "menu": ["Highlight", "Highlight with Note…"],
        "why": "Nothing to highlight: select a passage in the text first",
        "keys": "Ctrl+Shift+H",
        "go_title": "Go to Page",
        "go_label": "&Page:",
        "go_suffix": " of 265",
        "contents": "Contents",
        "headers": ["Title", "Page"],
        "ok_cancel": ["OK", "Cancel"],
    },
}


def article(**changes: object) -> DocumentRecord:
    fields: dict[str, object] = {
        "id": "blinken",
        "path": str(ARTICLE),
        "title": "Le message de Blinken à Lavrov",
        "source": "Le blogue de Richard Hétu",
        "date": "2023-03-02",
        "words": 1800,
        "reading_minutes": 8,
        "sha256": "0" * 64,
    }
    fields.update(changes)
    return DocumentRecord(**fields)  # type: ignore[arg-type]


@pytest.fixture(params=["fr", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    """The language spoken (Carnet's and Qt's), English again afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, request.param)
    try:
        yield request.param
    finally:
        apply_language(app, "en")


@pytest.fixture
def reader(qtbot: QtBot, lang: str) -> ReaderView:
    view = shown_reader(qtbot)
    view.show_document(article(), ARTICLE.read_text("utf-8"))
    qtbot.waitUntil(view.is_typeset, timeout=TIMEOUT)
    return view


def header_line(view: ReaderView) -> str:
    return view.browser.document().firstBlock().next().text()


def test_the_header_line_gives_the_date_and_reading_time_in_the_language(
    reader: ReaderView, lang: str, qtbot: QtBot
) -> None:
    words = WORDS[lang]
    assert header_line(reader) == words["meta"]
    # A short note without a source, a title or a real day: the date is shown as given.
    reader.show_document(article(title=" ", source=None, date="2021", reading_minutes=0), "Oui.")
    qtbot.waitUntil(reader.is_typeset, timeout=TIMEOUT)
    assert reader.browser.document().firstBlock().text() == words["untitled"]
    assert header_line(reader) == f"2021 · {words['short_meta']}"
    reader.clear()
    assert reader._empty.text() == words["empty"]


def test_the_find_bar_and_the_search_matches_bar(reader: ReaderView, lang: str) -> None:
    words = WORDS[lang]
    reader.open_find()
    bar = reader.find_bar
    assert bar.field.placeholderText() == words["find"]
    bar.field.setText("zzz")
    assert bar.count.text() == words["no_match"]
    bar.field.setText("Paul Whelan")
    assert bar.count.text() == words["count"]
    assert bar.previous.toolTip() == words["previous_tip"]
    tips = [b.toolTip() for b in bar.findChildren(type(bar.previous))]
    assert words["close_tip"] in tips
    reader.close_find()

    reader.set_search_terms(query_terms("Whelan"))
    assert reader.hit_count() == 2
    assert reader.hits_bar.count.text() == words["hits"]
    hit_tips = [b.toolTip() for b in reader.hits_bar.findChildren(type(bar.previous))]
    assert words["hits_tip"] in hit_tips


def test_highlight_actions_and_why_nothing_was_highlighted(
    reader: ReaderView, lang: str, qtbot: QtBot
) -> None:
    words = WORDS[lang]
    with qtbot.waitSignal(reader.statusMessage, timeout=TIMEOUT) as said:
        reader.highlight_action.trigger()
    message = said.args[0]
    assert message.startswith(words["why"])
    # The keys as the Edit menu shows them, in Qt's words for this language.
    assert message.endswith(f"{words['keys']}.")
    start = reader.text.index("Whelan")
    select(reader, start, start + len("Whelan"))
    menu = reader.browser.build_context_menu(reader.browser.rect().center())
    try:
        assert [a.text() for a in menu.actions()[:2]] == words["menu"]
    finally:
        menu.deleteLater()


def test_go_to_page_and_contents_dialogs(qtbot: QtBot, lang: str) -> None:
    words = WORDS[lang]
    dialog = GoToPageDialog(None, 12, 265)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == words["go_title"]
    assert dialog.spin.suffix() == words["go_suffix"]
    form = dialog.layout()
    assert isinstance(form, QFormLayout)
    item = form.itemAt(0, QFormLayout.ItemRole.LabelRole)
    label = item.widget() if item is not None else None
    assert isinstance(label, QLabel) and label.text() == words["go_label"]
    # Qt's own buttons speak the same language (qtbase's catalog).
    buttons = [b.text().replace("&", "") for b in dialog.findChildren(QPushButton)]
    assert sorted(buttons) == sorted(words["ok_cancel"])
    text = "Première page.\fSeconde page."
    contents = ContentsDialog(None, (TocEntry("Début", 1, 0), TocEntry("Suite", 1, 15)), text)
    qtbot.addWidget(contents)
    assert contents.windowTitle() == words["contents"]
    header = contents.tree.headerItem()
    assert [header.text(0), header.text(1)] == words["headers"]
