"""The window on paged and structured documents: a PDF's pages, Contents, Open original."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.core.documents.toc import page_at
from app.core.library.store import DocumentRecord
from app.core.paths import DataPaths
from app.ui.main_window import MainWindow
from app.ui.reader.contents import ContentsDialog
from app.ui.reader.go_to_page import GoToPageDialog
from tests.gui.notes.notes_support import card_lines as note_card_lines
from tests.gui.reader_support import select
from tests.gui.window_support import INDEXING_TIMEOUT, TIMEOUT, open_window

SENTENCES = [
    "Le printemps éclaire des souvenirs anciens au bord du lac.",
    "Une rivière traverse le village voisin sans bruit.",
    "La montagne montre une saison nouvelle aux marcheurs.",
    "Cette horloge cache la route du nord depuis longtemps.",
    "Sa lumière rappelle la vallée entière aux voyageurs.",
    "Un jardin annonce un vieux moulin derrière la colline.",
    "Le marché ouvre ses portes avant le lever du soleil.",
    "Les archives gardent la trace des accords signés.",
]


def write_pdf(path: Path, pages: list[list[str]]) -> None:
    """A real PDF, one list of paragraphs per page, written by Qt's own PDF writer."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setResolution(96)
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    for p, paragraphs in enumerate(pages):
        for k, paragraph in enumerate(paragraphs):
            fmt = QTextBlockFormat()
            if p and not k:
                fmt.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            if p or k:
                cursor.insertBlock(fmt)
            cursor.insertText(paragraph)
    doc.print_(writer)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    w = open_window(qtbot, DataPaths(tmp_path / "data"))
    yield w
    w.close()


def import_and_open(qtbot: QtBot, window: MainWindow, path: Path) -> DocumentRecord:
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        window.start_import([str(path)])
    record = next(r for r in window.library.all() if r.path == str(path))
    window.open_document(record.id)
    assert window.current_document() == record.id
    return record


def card_lines(window: MainWindow, row: int = 0) -> list[str]:
    return note_card_lines(window.notes_panel.list_view, row)


def test_a_pdf_goes_to_a_page_with_ctrl_g_and_its_note_names_the_page(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    pdf = tmp_path / "rapport.pdf"
    write_pdf(pdf, [SENTENCES[2 * p : 2 * p + 2] for p in range(4)])
    import_and_open(qtbot, window, pdf)
    reader, text = window.reader, window.reader.text
    assert "\f" in text  # the pages were kept
    assert window.actions_.go_to_page.isEnabled()
    assert not window.actions_.contents.isEnabled()  # this PDF has no outline
    QTest.keyClick(reader.browser, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.navigation.dialog, GoToPageDialog), timeout=TIMEOUT)
    dialog = window.navigation.dialog
    assert isinstance(dialog, GoToPageDialog)
    assert dialog.spin.maximum() == text.count("\f") + 1
    dialog.spin.setValue(3)
    dialog.accept()
    qtbot.waitUntil(lambda: page_at(text, reader.reading_position()) == 3, timeout=TIMEOUT)
    quote = "un vieux moulin"
    start = text.index(quote)
    assert page_at(text, start) == 3
    select(reader, start, start + len(quote))
    window.actions_.highlight.trigger()
    qtbot.waitUntil(lambda: window.notes_panel.model.rowCount() == 1, timeout=TIMEOUT)
    assert card_lines(window)[0].startswith("p. 3 · “un vieux moulin")
    window.notes_panel.select_note(window.notes_panel.model.note_at(0).id)
    assert window.notes_panel.editor.quote_label.text() == "p. 3 · “un vieux moulin”"


def test_notes_on_a_text_without_pages_name_no_page(qtbot: QtBot, window: MainWindow) -> None:
    reader = window.reader
    assert "\f" not in reader.text
    assert not window.actions_.go_to_page.isEnabled()
    start = reader.text.rindex("Blinken")
    select(reader, start, start + len("Blinken"))
    window.actions_.highlight.trigger()
    qtbot.waitUntil(lambda: window.notes_panel.model.rowCount() == 1, timeout=TIMEOUT)
    assert card_lines(window)[0] == "“Blinken”"


def test_contents_of_a_markdown_document_jump_to_a_heading(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    notes = tmp_path / "carnet-de-route.md"

    def filler(part: int) -> str:  # paragraphs that differ: a repeated one would be hidden
        return "".join(f"{part}.{k}. {' '.join(SENTENCES[k % 8 :])}\n\n" for k in range(12))

    notes.write_text(
        f"# Carnet de route\n\n{filler(0)}## Le départ\n\n{filler(1)}"
        f"### Au col\n\n{filler(2)}## Le retour\n\n{filler(3)}",
        "utf-8",
    )
    import_and_open(qtbot, window, notes)
    assert window.actions_.contents.isEnabled()
    assert not window.actions_.go_to_page.isEnabled()  # Markdown has no pages
    window.actions_.contents.trigger()
    dialog = window.navigation.dialog
    assert isinstance(dialog, ContentsDialog)
    # The title is the document's own headline, shown as its title: the chapters remain.
    assert dialog.entries_shown() == [(0, "Le départ"), (1, "Au col"), (0, "Le retour")]
    col = dialog.tree.topLevelItem(0).child(0)
    assert col.text(0) == "Au col"
    dialog.tree.itemActivated.emit(col, 0)  # Enter or a double-click on it
    reader = window.reader
    heading = reader.text.index("Au col")

    def at_top() -> bool:  # the heading's line is the first one in view, its margin above
        caret = QTextCursor(reader.browser.document())
        caret.setPosition(reader.py_to_qt(heading))
        top = reader.browser.cursorRect(caret).top()
        return 0 <= top < reader.browser.viewport().height() // 8

    qtbot.waitUntil(at_top, timeout=TIMEOUT)
    assert window.navigation.dialog is None  # it closed on the jump


def test_open_original_opens_the_file_only_when_asked(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    article = tmp_path / "article.txt"
    article.write_text("Un article\n\nSur la négociation de Zanzibar.\n", "utf-8")
    record = import_and_open(qtbot, window, article)
    assert opened == []  # opening the document in Carnet opens nothing else
    assert window.actions_.open_original.isEnabled()
    window.actions_.open_original.trigger()
    assert [u.toLocalFile() for u in opened] == [str(article)]
    # The same from the document's context menu in the library list.
    menu = window.library_pane.document_menu(record)
    original = next(a for a in menu.actions() if a.text().replace("&", "") == "Open Original")
    original.trigger()
    assert [u.toLocalFile() for u in opened] == [str(article)] * 2


def test_a_missing_document_still_opens_with_its_notes_but_not_its_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    article = tmp_path / "parti.txt"
    article.write_text("Un article parti\n\nLe texte reste lisible dans Carnet.\n", "utf-8")
    record = import_and_open(qtbot, window, article)
    start = window.reader.text.index("lisible")
    select(window.reader, start, start + len("lisible"))
    window.actions_.highlight.trigger()
    article.unlink()
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        window.actions_.refresh.trigger()
    model = window.library_pane.model
    qtbot.waitUntil(lambda: model.record(model.row_of(record.id)).missing, timeout=TIMEOUT)
    row = model.index(model.row_of(record.id), 0)
    shown = QTextDocumentFragment.fromHtml(row.data(Qt.ItemDataRole.ToolTipRole)).toPlainText()
    assert shown == f"The file is missing: {article} — its notes are kept"
    assert row.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    window.show_no_document()
    window.library_pane.select_document(record.id)
    qtbot.waitUntil(lambda: window.current_document() == record.id, timeout=TIMEOUT)
    assert "Le texte reste lisible" in window.reader.text
    assert window.notes_panel.model.rowCount() == 1
    assert not window.actions_.open_original.isEnabled()
    menu = window.library_pane.document_menu(model.record(model.row_of(record.id)))
    original = next(a for a in menu.actions() if a.text().replace("&", "") == "Open Original")
    assert not original.isEnabled()
