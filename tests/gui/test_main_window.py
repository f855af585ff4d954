"""The real window, offscreen, on a temp data dir: what a reader sees and what must hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.ui.main_window import MainWindow
from app.ui.reader.view import DEFAULT_FONT_SIZE
from tests.gui.reader_support import marks, select
from tests.gui.window_support import INDEXING_TIMEOUT, TIMEOUT, open_window, search


def test_opens_on_a_fresh_data_dir_and_lists_the_five_articles(window: MainWindow) -> None:
    model = window.library_pane.model
    assert model.rowCount() == 5
    titles = {model.index(r, 0).data() for r in range(5)}
    assert "Le message de Blinken à Lavrov" in titles
    # the first document is open in the reader, with its header, and names the window
    doc_id = window.current_document()
    assert doc_id is not None
    assert window.reader.text
    assert window.windowTitle() == f"{window.library.find(doc_id).title} — Carnet"


def test_typing_a_query_shows_results_with_snippets(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "negociation")
    pane = window.library_pane
    assert pane.showing_results()
    items = [pane.results_model.item(r) for r in range(pane.results_model.rowCount())]
    assert len(items) >= 3
    for item in items:
        assert re.search(r"<b>[^<]*(n[ée]goci)[^<]*</b>", item.snippet_html, re.IGNORECASE)
    qtbot.keyClick(window.search_edit, "\x1b")  # Esc back to the library
    assert not pane.showing_results() and window.search_edit.text() == ""


def test_opening_a_result_highlights_its_hits(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "negociations")
    top = window.library_pane.top_result()
    assert top is not None
    window.open_document(next(r.id for r in window.library.all() if r.id != top.doc_id))
    assert window.current_document() != top.doc_id and window.reader.hit_count() == 0
    window.open_top_result()
    assert window.current_document() == top.doc_id
    hits = marks(window.reader, "hit")
    assert hits and all(re.match(r"(?i)n[ée]goci", text) for text, _ in hits)
    assert window.reader.hit_count() == len(hits)


def test_did_you_mean_is_offered_and_clickable(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "Lavrof")
    assert "lavrov" in window.library_pane.suggestion.text()
    with qtbot.waitSignal(window.searchAnswered, timeout=TIMEOUT):
        window.library_pane.suggestionClicked.emit("lavrov")
    assert window.search_edit.text() == "lavrov"
    assert window.library_pane.results_model.rowCount() == 5


def test_a_highlight_with_note_survives_closing_the_window(
    qtbot: QtBot, data: DataPaths, window: MainWindow
) -> None:
    doc_id = window.current_document()
    assert doc_id is not None
    text = window.reader.text
    quote = "Blinken"
    start = text.rindex(quote)  # in the body: the headline's repeat at the top is not shown
    select(window.reader, start, start + len(quote))
    window.actions_.highlight_with_note.trigger()
    panel = window.notes_panel
    note = panel.current_note()
    assert note is not None and note.anchor is not None and note.anchor.quote == quote
    panel.editor.body.setPlainText("Le nom revient dans chaque article.")
    window.close()

    again = open_window(qtbot, data)
    try:
        assert again.current_document() == doc_id  # the open document is remembered
        notes = again.notes.list(doc_id)
        assert [n.text for n in notes] == ["Le nom revient dans chaque article."]
        assert (quote, notes[0].id) in marks(again.reader, "note")
        assert again.notes_panel.model.rowCount() == 1
    finally:
        again.close()


def test_autosave_saves_text_left_without_saving(
    qtbot: QtBot, data: DataPaths, window: MainWindow
) -> None:
    window.actions_.new_note.trigger()
    note = window.notes_panel.current_note()
    assert note is not None
    window.notes_panel.editor.body.setPlainText("Écrit puis laissé là.")
    with NotesStore(data, read_only=True) as other:
        qtbot.waitUntil(lambda: other.get(note.id).text == "Écrit puis laissé là.", timeout=TIMEOUT)


def test_theme_and_zoom_change_the_reader(window: MainWindow) -> None:
    reader = window.reader
    themes = {a.data(): a for a in window.actions_.themes.actions()}

    def background() -> int:
        return (
            reader.browser.palette().color(reader.browser.viewport().backgroundRole()).lightness()
        )

    themes["dark"].trigger()  # through the View → Theme menu, as a reader would
    assert background() < 80
    assert reader.effective_theme() == "dark" and window.settings.theme == "dark"
    themes["light"].trigger()  # from dark: each step changes what the reader sees
    assert background() > 200
    assert reader.effective_theme() == "light" and window.settings.theme == "light"
    size = reader.font_size()
    window.actions_.zoom_in.trigger()
    zoomed = reader.font_size()
    assert zoomed > size and window.settings.font_size == zoomed  # remembered as it changes
    window.actions_.zoom_reset.trigger()
    assert reader.font_size() == DEFAULT_FONT_SIZE != zoomed
    assert window.settings.font_size == DEFAULT_FONT_SIZE


def test_import_through_the_file_dialog_adds_a_document(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "nouvel-article.html"
    article.write_text(
        "<html><head><title>Un article importé</title></head>"
        "<body><h1>Un article importé</h1><p>La négociation de Zanzibar.</p></body></html>",
        "utf-8",
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(article)], ""))
    )
    window.actions_.import_files.trigger()
    model = window.library_pane.model
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=INDEXING_TIMEOUT)
    assert "Un article importé" in {model.index(r, 0).data() for r in range(6)}
    search(qtbot, window, "zanzibar")
    assert window.library_pane.top_result().title == "Un article importé"


def test_the_open_document_shows_its_new_text_after_a_refresh(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    article = tmp_path / "brouillon.txt"
    article.write_text("Brouillon\n\nPremière version du texte.\n", "utf-8")
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        window.start_import([str(article)])
    (record,) = [r for r in window.library.all() if r.path == str(article)]
    window.open_document(record.id)
    assert "Première version" in window.reader.text
    article.write_text("Brouillon\n\nSeconde version, réécrite.\n", "utf-8")
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        window.actions_.refresh.trigger()
    assert window.current_document() == record.id
    assert "Seconde version" in window.reader.text


def test_keyboard_shortcuts_are_listed(window: MainWindow) -> None:
    rows = dict(window.actions_.shortcut_rows())
    assert rows["Search"] == "Ctrl+K"
    assert "Quit" in rows and "Find in Document" in rows
    # Ctrl+G is Go to Page (issue 11), no longer one of the platform's Find Next keys.
    assert rows["Go to Page"] == "Ctrl+G"
    assert "Ctrl+G" not in rows["Find Next"].split(", ")


def test_tab_walks_from_search_to_the_reader_and_the_notes(window: MainWindow) -> None:
    order = []
    widget = window.search_edit
    for _ in range(12):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
    names = [w.accessibleName() for w in order]
    assert names[:2] == ["Search", "Search scope"]
    reader = order.index(window.reader.browser)
    assert names.index("Documents") < reader < names.index("Notes") < names.index("Note editor")


def test_closing_twice_is_harmless(window: MainWindow) -> None:
    assert window.isVisible()
    assert window.close()
    assert not window.isVisible()
    # Ctrl+Q then the window manager: the second close is accepted, and raises nothing
    # (pytest-qt fails the test on an exception in closeEvent, e.g. a second disconnect).
    assert window.close()
    assert not window.isVisible()


def test_an_article_reads_without_its_share_button_repeated_headline_or_caption(
    qtbot: QtBot, window: MainWindow
) -> None:
    (row,) = [
        r for r in window.library.all() if r.path.endswith("premiere-rencontre-surprise-au-g20.txt")
    ]
    window.open_document(row.id)
    qtbot.waitUntil(window.reader.is_typeset, timeout=TIMEOUT)
    shown = window.reader.browser.toPlainText()
    assert "Partagez" not in shown  # in the file, and still in the text notes anchor to
    assert "Partagez" in window.library.text(row.id)
    assert shown.count("première rencontre surprise au G20 entre Blinken") == 1  # the title
