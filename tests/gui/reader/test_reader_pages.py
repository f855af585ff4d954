"""Paged documents in the reader: page markers, Go to Page, Contents, typeset in slices."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.documents.layout import TextLayout
from app.core.documents.toc import TocEntry, page_at, page_starts
from app.core.library.store import DocumentRecord
from app.ui.reader.contents import ContentsDialog
from app.ui.reader.page_marks import PAGE_PROPERTY
from app.ui.reader.typeset import FIRST_SLICE_CHARS
from app.ui.reader.view import ReaderView
from tests.gui.reader_support import body_text, qt_slice, shown_reader

TIMEOUT = 5000


def record(doc_id: str = "p1") -> DocumentRecord:
    return DocumentRecord(
        id=doc_id,
        path="/tmp/livre.pdf",
        title="Un livre paginé",
        source=None,
        date=None,
        words=5000,
        reading_minutes=20,
        sha256="0" * 64,
        format="pdf",
        pages=40,
    )


def paged_text(pages: int, paragraphs: int = 4) -> str:
    """A book of ``pages`` pages; each paragraph says which page it is on."""
    return "\f".join(
        "\n\n".join(
            f"Paragraphe {k} de la page {p}, où la négociation reprend avec des mots ordinaires."
            for k in range(paragraphs)
        )
        for p in range(1, pages + 1)
    )


def marked_pages(view: ReaderView) -> dict[int, str]:
    """Page number -> text of the block that carries a page marker."""
    out = {}
    block = view.browser.document().begin()
    while block.isValid():
        page = block.blockFormat().property(PAGE_PROPERTY)
        if page:
            out[int(page)] = block.text()
        block = block.next()
    return out


def top_text(view: ReaderView) -> str:
    """The text of the first line at the top of the view."""
    start = view.qt_to_py(view.browser.top_position())
    return view.text[start : start + 30]


def test_each_page_starts_with_a_marker_and_no_form_feed_is_shown(qtbot: QtBot) -> None:
    view = shown_reader(qtbot)
    text = paged_text(5)
    view.show_document(record(), text)
    assert "\f" not in body_text(view)
    marks = marked_pages(view)
    assert sorted(marks) == [2, 3, 4, 5]  # page 1 opens the text: no marker above it
    assert marks[3].startswith("Paragraphe 0 de la page 3")
    # The offsets stay exact on both sides of a page break.
    start = text.index("page 3")
    assert qt_slice(view, start, start + 6) == "page 3"
    view.browser.viewport().grab()  # painting the markers in view must not fail


def test_a_long_paged_book_typeset_in_slices_keeps_every_marker(qtbot: QtBot) -> None:
    view = shown_reader(qtbot)
    text = paged_text(120, paragraphs=8)
    assert len(text) > 4 * FIRST_SLICE_CHARS
    with qtbot.waitSignal(view.typesetFinished, timeout=TIMEOUT):
        view.show_document(record(), text)
    assert sorted(marked_pages(view)) == list(range(2, 121))
    assert body_text(view).count("Paragraphe 7 de la page") == 120


def test_going_to_an_offset_puts_its_page_at_the_top(qtbot: QtBot) -> None:
    view = shown_reader(qtbot)
    text = paged_text(120, paragraphs=8)
    view.show_document(record(), text)
    # Page 90 is not typeset yet: the jump waits for it, then lands on it.
    target = page_starts(text)[89]
    view.go_to_offset(target)
    qtbot.waitUntil(
        lambda: top_text(view).startswith("Paragraphe 0 de la page 90"), timeout=TIMEOUT
    )
    assert view.reading_position() == target
    assert page_at(text, view.reading_position()) == 90
    with qtbot.waitSignal(view.positionChanged, timeout=TIMEOUT) as moved:
        pass
    assert moved.args == [target]  # remembered as the reading position


def test_first_shown_skips_the_gap_after_a_page_break() -> None:
    text = "Fin de la page un.\n\f\n\nDébut de la page deux."
    layout = TextLayout(text)
    assert layout.first_shown(text.index("\f")) == text.index("Début")
    assert layout.first_shown(3) == 3  # inside a line: the place itself
    assert layout.first_shown(len(text)) == len(text)


def test_contents_nest_levels_show_pages_and_jump(qtbot: QtBot) -> None:
    view = shown_reader(qtbot)
    text = paged_text(6)
    view.show_document(record(), text)
    starts = page_starts(text)
    entries = (
        TocEntry("Première partie", 1, 0),
        TocEntry("Chapitre un", 2, starts[1]),
        TocEntry("Chapitre deux", 2, starts[4]),
        TocEntry("Seconde partie", 1, starts[5]),
    )
    dialog = ContentsDialog(None, entries, text)
    qtbot.addWidget(dialog)
    assert dialog.entries_shown() == [
        (0, "Première partie"),
        (1, "Chapitre un"),
        (1, "Chapitre deux"),
        (0, "Seconde partie"),
    ]
    chapter = dialog.tree.topLevelItem(0).child(1)
    assert chapter.text(1) == "5"  # its page
    dialog.entryChosen.connect(view.go_to_offset)
    dialog.tree.setCurrentItem(chapter)
    with qtbot.waitSignal(dialog.entryChosen, timeout=TIMEOUT) as chosen:
        dialog.accept()
    assert chosen.args == [starts[4]]
    landed = "Paragraphe 0 de la page 5"
    qtbot.waitUntil(lambda: top_text(view).startswith(landed), timeout=TIMEOUT)


def test_contents_of_an_unpaged_text_have_no_page_column(qtbot: QtBot) -> None:
    dialog = ContentsDialog(None, (TocEntry("Seule", 1, 0),), "Seule\n\nUn texte.")
    qtbot.addWidget(dialog)
    assert dialog.tree.columnCount() == 1 and dialog.tree.isHeaderHidden()
