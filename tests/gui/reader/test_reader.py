"""ReaderView: text shown exactly and safely, exact offsets, marks, find, themes, zoom."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPalette, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.core.documents.layout import FoldedText, TextLayout
from app.core.library.store import DocumentRecord
from app.core.notes import Note
from app.core.notes.anchoring import Anchor
from app.core.search.analysis import query_terms
from app.ui.reader.marks import note_color
from app.ui.reader.view import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, ReaderView
from app.ui.themes import MIN_CONTRAST, THEMES, contrast, note_strengths
from tests.gui.reader_support import body_text, marks, qt_slice, select, shown_reader

CORPUS = Path(__file__).parents[3] / "corpus"
ARTICLE = CORPUS / "le-message-de-blinken-a-lavrov.txt"
PARAGRAPH = "\u2029"
LINE = "\u2028"
TIMEOUT = 3000


def record(title: str = "Le message de Blinken à Lavrov", doc_id: str = "d1") -> DocumentRecord:
    return DocumentRecord(
        id=doc_id,
        path="/tmp/x.txt",
        title=title,
        source="Le blogue de Richard Hétu",
        date="2023-03-02",
        words=1800,
        reading_minutes=8,
        sha256="0" * 64,
    )


def note(text: str, quote: str, n: int = 1, color: str | None = None, nth: int = 0) -> Note:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    anchor = Anchor(quote, "", "", start, start + len(quote), "")
    return Note(f"{n:032x}", "d1", "", (), "", "", color=color, anchor=anchor)


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    return shown_reader(qtbot)


def test_shows_header_and_the_exact_text_of_a_corpus_article(
    reader: ReaderView, qtbot: QtBot
) -> None:
    text = ARTICLE.read_text("utf-8")
    reader.show_document(record(), text)
    qtbot.waitUntil(reader.is_typeset, timeout=TIMEOUT)
    doc = reader.browser.document()
    assert doc.firstBlock().text() == "Le message de Blinken à Lavrov"
    meta = doc.firstBlock().next().text()
    assert meta == "Le blogue de Richard Hétu · March 2, 2023 · 8 min read"
    assert reader.document_id() == "d1"
    assert reader.text == text
    # Paragraphs become blocks and line breaks line separators; words are all there.
    shown = body_text(reader)
    assert PARAGRAPH in shown
    assert shown.split() == text.split()
    assert reader.accessibleName() == "Reader"


def test_paragraphs_are_blocks_and_single_newlines_line_breaks(reader: ReaderView) -> None:
    reader.show_document(record(), "  Un\ndeux  \n\n\n   trois\n")
    assert body_text(reader) == f"Un{LINE}deux{PARAGRAPH}trois"
    body = reader.browser.document().findBlock(reader.py_to_qt(0))
    assert body.blockFormat().lineHeight() >= 150


def test_markup_is_shown_literally_and_nothing_is_fetched(
    reader: ReaderView, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    text = (
        'Voir <img src="http://example.com/x.png"> et <b>gras</b>.\n\n'
        "Fichier file:///etc/passwd ou https://example.org/page_(x), lien."
    )
    reader.show_document(record("<script>alert(1)</script>"), text)
    QApplication.processEvents()
    plain = reader.browser.toPlainText()
    assert '<img src="http://example.com/x.png">' in plain
    assert "<b>gras</b>" in plain
    assert "file:///etc/passwd" in plain
    assert reader.browser.document().firstBlock().text() == "<script>alert(1)</script>"
    assert reader.browser.resource_requests == []
    assert reader.browser.loadResource(0, QUrl("file:///etc/passwd")) is None
    # Only http(s) URLs are links (shown as text still), without trailing punctuation.
    hrefs = set()
    block = reader.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                hrefs.add(fmt.anchorHref())
            it += 1
        block = block.next()
    assert hrefs == {"http://example.com/x.png", "https://example.org/page_(x)"}
    # A click opens http(s) only.
    reader.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    reader.browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert opened == []
    reader.browser.anchorClicked.emit(QUrl("https://example.org/page_(x)"))
    assert [u.toString() for u in opened] == ["https://example.org/page_(x)"]


def test_empty_state(reader: ReaderView) -> None:
    reader.show_document(record(), "Du texte.")
    reader.clear()
    assert reader.document_id() is None
    assert reader.text == ""
    assert reader._empty.isVisible()
    assert reader._empty.text() == "Choose a document to read"
    assert not reader.highlight_action.isEnabled()


# -- offsets -------------------------------------------------------------------------------

ASTRAL = "Drapeau 🇫🇷 et clé 𝄞 ici.\nLigne 𝄞𝄞 deux\n\n  « Paragraphe 🇫🇷 » trois.\n\n\nFin 😀"


def test_offsets_map_exactly_with_astral_characters(reader: ReaderView) -> None:
    reader.show_document(record(), ASTRAL)
    layout = TextLayout(ASTRAL)
    for run in layout.runs:
        assert qt_slice(reader, run.start, run.end) == ASTRAL[run.start : run.end]
        for i in range(run.start, run.end + 1):
            assert reader.qt_to_py(reader.py_to_qt(i)) == i
        for i in range(run.start, run.end):
            assert qt_slice(reader, i, i + 1) == ASTRAL[i]
    flag = ASTRAL.index("🇫🇷")
    assert reader.py_to_qt(flag + 2) - reader.py_to_qt(flag) == 4  # two astral characters
    fin = ASTRAL.index("Fin")
    assert qt_slice(reader, ASTRAL.index("Ligne"), fin + 3) == (
        f"Ligne 𝄞𝄞 deux{PARAGRAPH}« Paragraphe 🇫🇷 » trois.{PARAGRAPH}Fin"
    )
    # The header maps to the start of the text.
    assert reader.qt_to_py(0) == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(list("ab é\n\t𝄞🇫🇷œ\u2028\u2029\r\ufdd0\f")),
        min_size=0,
        max_size=40,
    )
)
def test_offset_mapping_property(qapp: QApplication, text: str) -> None:
    view = ReaderView()
    try:
        view.show_document(record(), text)
        layout = TextLayout(text)
        shown = body_text(view)
        for run in layout.runs:
            part = text[run.start : run.end]
            expected = part.replace("\r", " ").replace("\u2029", LINE).replace("\ufdd0", "\ufffd")
            assert qt_slice(view, run.start, run.end) == expected
            for i in range(run.start, run.end + 1):
                assert view.qt_to_py(view.py_to_qt(i)) == i
            # A form feed is a page break: never shown, and the run after it names its page.
            assert "\f" not in part
        assert len(shown.encode("utf-16-le")) // 2 == layout.qt_length
        # The first line shown of each new page, and only it, carries the page's number.
        shown_page = 1
        for run in layout.runs:
            page = text.count("\f", 0, run.start) + 1
            assert run.page == (page if page != shown_page else 0)
            shown_page = page
    finally:
        view.deleteLater()


# -- note highlights -----------------------------------------------------------------------

NEGO = (
    "Négociations à Genève.\n\n"
    "Les négociations reprennent ; le cœur du problème reste entier.\n"
    "Washington veut négocier 🇫🇷 vite, dit-on. Coeur battant."
)


def test_note_highlights_cover_exactly_their_quotes(reader: ReaderView) -> None:
    text = ARTICLE.read_text("utf-8")
    reader.show_document(record(), text)
    a = note(text, "C’était la première fois", 1)
    b = note(text, "lignes de communication ouvertes", 2, color="green")
    c = note(text, "New Delhi", 3, color="#123456")
    orphan = Note("f" * 32, "d1", "", (), "", "", anchor=a.anchor, orphan=True)
    free = Note("e" * 32, "d1", "", (), "", "")
    reader.set_note_highlights([a, b, c, orphan, free])
    drawn = sorted(marks(reader, "note"))
    assert drawn == sorted(
        [
            ("C’était la première fois", a.id),
            ("lignes de communication ouvertes", b.id),
            ("New Delhi", c.id),
        ]
    )
    # Drawing does not touch the text.
    assert reader.browser.document().toRawText().count("C’était la première fois") == 1


def test_highlight_over_astral_characters(reader: ReaderView) -> None:
    reader.show_document(record(), NEGO)
    n = note(NEGO, "négocier 🇫🇷 vite", 7)
    reader.set_note_highlights([n])
    assert marks(reader, "note") == [("négocier 🇫🇷 vite", n.id)]


def test_clicking_a_highlight_emits_note_clicked(reader: ReaderView, qtbot: QtBot) -> None:
    reader.show_document(record(), NEGO)
    n = note(NEGO, "le cœur du problème", 5)
    reader.set_note_highlights([n])
    cursor = QTextCursor(reader.browser.document())
    cursor.setPosition(reader.py_to_qt(n.anchor.start + 5))  # type: ignore[union-attr]
    center = reader.browser.cursorRect(cursor).center()
    with qtbot.waitSignal(reader.noteClicked, timeout=TIMEOUT) as blocker:
        QTest.mouseClick(reader.browser.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == [n.id]
    assert marks(reader, "note-current") == [("le cœur du problème", n.id)]


def test_clicking_plain_text_emits_nothing(reader: ReaderView, qtbot: QtBot) -> None:
    reader.show_document(record(), NEGO)
    reader.set_note_highlights([note(NEGO, "le cœur du problème", 5)])
    cursor = QTextCursor(reader.browser.document())
    cursor.setPosition(reader.py_to_qt(NEGO.index("Washington") + 3))
    with qtbot.assertNotEmitted(reader.noteClicked):
        QTest.mouseClick(
            reader.browser.viewport(),
            Qt.MouseButton.LeftButton,
            pos=reader.browser.cursorRect(cursor).center(),
        )


def test_select_note_scrolls_to_it_and_makes_it_current(reader: ReaderView) -> None:
    text = ARTICLE.read_text("utf-8")
    reader.show_document(record(), text)
    far = note(text, "contacts avec la réalité", 9)
    reader.set_note_highlights([far])
    assert reader.browser.verticalScrollBar().value() == 0
    assert reader.select_note(far.id)
    assert reader.browser.verticalScrollBar().value() > 0
    assert marks(reader, "note-current") == [("contacts avec la réalité", far.id)]
    assert not reader.select_note("0" * 32)
    assert marks(reader, "note-current") == []


# -- creating highlights -------------------------------------------------------------------


def test_selection_requests_a_highlight_with_exact_trimmed_offsets(
    reader: ReaderView, qtbot: QtBot
) -> None:
    reader.show_document(record(), NEGO)
    start = NEGO.index("négocier 🇫🇷")
    end = start + len("négocier 🇫🇷 vite")
    select(reader, start - 1, end + 1)  # with the space before and the comma after
    assert reader.browser.textCursor().selectedText() == " négocier 🇫🇷 vite,"
    select(reader, start - 1, end)
    assert reader.highlight_action.isEnabled()
    with qtbot.waitSignal(reader.highlightRequested, timeout=TIMEOUT) as blocker:
        reader.highlight_action.trigger()
    s, e, with_note = blocker.args
    assert NEGO[s:e] == "négocier 🇫🇷 vite"
    assert with_note is False
    select(reader, start - 1, end)
    with qtbot.waitSignal(reader.highlightRequested, timeout=TIMEOUT) as blocker:
        reader.highlight_with_note_action.trigger()
    assert blocker.args == [s, e, True]


def test_selection_across_paragraphs(reader: ReaderView, qtbot: QtBot) -> None:
    reader.show_document(record(), NEGO)
    start, end = NEGO.index("Genève"), NEGO.index("Les négo") + 3
    select(reader, start, end)
    assert reader.browser.textCursor().selectedText() == f"Genève.{PARAGRAPH}Les"
    with qtbot.waitSignal(reader.highlightRequested, timeout=TIMEOUT) as blocker:
        reader.highlight_action.trigger()
    assert blocker.args == [start, end, False]


def test_highlight_keys_win_over_a_window_shortcut(qtbot: QtBot) -> None:
    """A window binding Ctrl+Shift+H too must not make the key ambiguous in the reader."""
    window = QWidget()
    qtbot.addWidget(window)
    reader = ReaderView(window)
    QVBoxLayout(window).addWidget(reader)
    fired: list[bool] = []
    clash = QAction("Highlight", window)
    clash.setShortcut(QKeySequence("Ctrl+Shift+H"))
    clash.triggered.connect(lambda: fired.append(True))
    window.addAction(clash)
    window.show()
    qtbot.waitExposed(window)
    reader.show_document(record(), NEGO)
    start = NEGO.index("Genève")
    select(reader, start, start + 6)
    reader.browser.setFocus()
    with qtbot.waitSignal(reader.highlightRequested, timeout=TIMEOUT) as blocker:
        QTest.keyClick(
            reader.browser,
            Qt.Key.Key_H,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert blocker.args == [start, start + 6, False]
    assert fired == []


def test_context_menu_offers_highlights_on_a_selection(reader: ReaderView) -> None:
    reader.show_document(record(), NEGO)
    select(reader, 0, 5)
    menu = reader.browser.build_context_menu(QPoint(5, 5))
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Highlight", "Highlight with Note…"]
    menu.deleteLater()
    select(reader, 3, 3)
    menu = reader.browser.build_context_menu(QPoint(5, 5))
    assert "Highlight" not in [a.text() for a in menu.actions()]
    menu.deleteLater()


# -- find ----------------------------------------------------------------------------------


def test_find_ignores_accents_case_and_ligatures(reader: ReaderView, qtbot: QtBot) -> None:
    reader.show_document(record(), NEGO)
    reader.open_find()
    assert reader.is_find_open()
    reader.find_bar.field.setText("negociations")
    assert reader.find_count() == 2
    assert [t for t, _ in marks(reader, "find")] == ["Négociations", "négociations"]
    assert marks(reader, "find-current") == [("Négociations", "")]
    assert reader.find_bar.count.text() == "1 of 2"
    QTest.keyClick(reader.find_bar.field, Qt.Key.Key_Return)
    assert reader.find_bar.count.text() == "2 of 2"
    assert marks(reader, "find-current") == [("négociations", "")]
    QTest.keyClick(reader.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert reader.current_find_index() == 0
    QTest.keyClick(reader.find_bar.field, Qt.Key.Key_F3)
    assert reader.current_find_index() == 1

    reader.find_bar.field.setText("COEUR")
    assert [t for t, _ in marks(reader, "find")] == ["cœur", "Coeur"]
    reader.find_bar.field.setText("zzz")
    assert reader.find_bar.count.text() == "No matches"

    reader.find_bar.field.setText("geneve")
    QTest.keyClick(reader.find_bar.field, Qt.Key.Key_Escape)
    assert not reader.is_find_open()
    assert marks(reader, "find") == [] and marks(reader, "find-current") == []


def test_ctrl_f_opens_the_find_bar(reader: ReaderView) -> None:
    reader.show_document(record(), NEGO)
    reader.browser.setFocus()
    QTest.keyClick(reader.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert reader.is_find_open()
    assert reader.find_bar.field.hasFocus()


def test_folded_find_maps_back_exactly() -> None:
    text = "Le Cœur, l’ŒUVRE et l'œuvre ; e\u0301te\u0301 et ÉTÉ 🇫🇷 cœur."
    folded = FoldedText(text)
    assert [text[s:e] for s, e in folded.find_all("oeuvre")] == ["ŒUVRE", "œuvre"]
    assert [text[s:e] for s, e in folded.find_all("l'oeuvre")] == ["l’ŒUVRE", "l'œuvre"]
    assert [text[s:e] for s, e in folded.find_all("ete")] == ["e\u0301te\u0301", "ÉTÉ"]
    assert [text[s:e] for s, e in folded.find_all("coeur.")] == ["cœur."]
    assert folded.find_all("   ") == []


# -- search hits ---------------------------------------------------------------------------


def test_search_terms_mark_what_the_index_matches(reader: ReaderView) -> None:
    reader.show_document(record(), NEGO)
    reader.set_search_terms(query_terms("negociation"))
    assert [t for t, _ in marks(reader, "hit")] == ["Négociations", "négociations", "négocier"]
    assert reader.hit_count() == 3
    assert reader.current_hit_index() == 0
    first = reader.browser.textCursor().position()
    assert first == reader.py_to_qt(0)
    reader.next_hit()
    assert reader.current_hit_index() == 1
    assert reader.browser.textCursor().position() == reader.py_to_qt(NEGO.index("négociations"))
    assert marks(reader, "hit-current") == [("négociations", "")]
    reader.previous_hit()
    reader.previous_hit()
    assert reader.current_hit_index() == 2  # wraps around
    reader.set_search_terms(set())
    assert reader.hit_count() == 0 and reader.current_hit_index() == -1
    assert marks(reader, "hit") == []


def test_search_hits_scroll_to_the_first_one(reader: ReaderView) -> None:
    text = ARTICLE.read_text("utf-8")
    reader.show_document(record(), text)
    reader.set_search_terms(query_terms("intoxiqué"))
    assert reader.hit_count() == 1
    assert reader.browser.verticalScrollBar().value() > 0


def test_after_going_to_a_hit_zoom_keeps_it_in_view(reader: ReaderView) -> None:
    text = ARTICLE.read_text("utf-8")
    reader.show_document(record(), text)
    reader.set_search_terms(query_terms("intoxiqué"))
    hit = text.index(reader.current_hit())
    # Where the jump landed is where the reader now is, not the top it came from.
    assert 0 < reader.reading_position() <= hit
    reader.zoom_in()
    cursor = QTextCursor(reader.browser.document())
    cursor.setPosition(reader.py_to_qt(hit))
    rect = reader.browser.cursorRect(cursor)
    assert rect.top() >= 0 and rect.bottom() <= reader.browser.viewport().height()


# -- themes, zoom, position ----------------------------------------------------------------


def test_themes_change_colours(reader: ReaderView, qtbot: QtBot) -> None:
    reader.show_document(record(), NEGO)
    base = QPalette.ColorRole.Base
    assert reader.theme() == "light"
    light = reader.browser.palette().color(base).name()
    with qtbot.waitSignal(reader.themeChanged, timeout=TIMEOUT) as blocker:
        reader.set_theme("dark")
    assert blocker.args == ["dark"]
    assert reader.browser.palette().color(base).name() == THEMES["dark"].background
    assert reader.browser.palette().color(base).name() != light
    title = reader.browser.document().firstBlock().charFormat().foreground().color().name()
    assert title == THEMES["dark"].title
    reader.set_theme("sepia")
    assert reader.browser.palette().color(base).name() == THEMES["sepia"].background
    reader.set_theme("system")
    assert reader.theme() == "system"
    assert reader.effective_theme() in ("light", "dark")
    with pytest.raises(ValueError):
        reader.set_theme("neon")


@pytest.mark.parametrize("name", ["light", "sepia", "dark"])
def test_theme_colours_keep_text_readable(name: str) -> None:
    t = THEMES[name]
    assert contrast(t.text, t.background) >= 7
    assert contrast(t.muted, t.background) >= MIN_CONTRAST
    assert contrast(t.link, t.background) >= MIN_CONTRAST
    for mark in (t.selection, t.hit, t.hit_current, t.find, t.find_current):
        assert contrast(t.text, mark) >= MIN_CONTRAST, mark
    colors: list[str | None] = [*t.note_colors, None, "#ffff00", "#000080", "teal"]
    for strength in note_strengths(t):
        for color in colors:
            assert contrast(t.text, note_color(t, color, strength)) >= MIN_CONTRAST


def test_zoom_changes_the_font_size_within_bounds(reader: ReaderView, qtbot: QtBot) -> None:
    reader.show_document(record(), NEGO)
    assert reader.font_size() == DEFAULT_FONT_SIZE
    with qtbot.waitSignal(reader.zoomChanged, timeout=TIMEOUT) as blocker:
        reader.zoom_in()
    assert blocker.args == [DEFAULT_FONT_SIZE + 1]
    assert reader.browser.document().defaultFont().pointSizeF() == DEFAULT_FONT_SIZE + 1
    reader.zoom_out()
    reader.zoom_out()
    assert reader.font_size() == DEFAULT_FONT_SIZE - 1
    reader.set_font_size(99)
    assert reader.font_size() == MAX_FONT_SIZE
    reader.zoom_reset()
    assert reader.font_size() == DEFAULT_FONT_SIZE
    # Zooming re-typesets but keeps the marks.
    reader.set_search_terms(query_terms("coeur"))
    reader.zoom_in()
    assert [t for t, _ in marks(reader, "hit")] == ["cœur", "Coeur"]


def test_column_is_centred_and_readable(reader: ReaderView) -> None:
    reader.show_document(record(), ARTICLE.read_text("utf-8"))
    root = reader.browser.document().rootFrame().frameFormat()
    assert root.leftMargin() == pytest.approx(root.rightMargin())
    assert root.leftMargin() > 0
    column = reader.browser.viewport().width() - 2 * (
        root.leftMargin() + reader.browser.document().documentMargin()
    )
    assert 500 < column < 900


def test_reading_position_round_trips(reader: ReaderView, qtbot: QtBot) -> None:
    text = ARTICLE.read_text("utf-8")
    reader.show_document(record(), text)
    bar = reader.browser.verticalScrollBar()
    with qtbot.waitSignal(reader.positionChanged, timeout=TIMEOUT) as blocker:
        bar.setValue(bar.maximum() // 2)
    position = reader.reading_position()
    assert blocker.args == [position]
    assert 0 < position < len(text)
    # The top line starts at that offset.
    line_start = text.rfind("\n", 0, position) + 1
    assert text[line_start:position].strip() == "" or position > line_start

    other = ReaderView()
    qtbot.addWidget(other)
    other.resize(900, 700)
    other.show_document(record(), text)
    other.restore_position(position)  # before it is shown: applied once laid out
    other.show()
    qtbot.waitExposed(other)
    qtbot.waitUntil(lambda: other.reading_position() == position, timeout=TIMEOUT)
    assert other.browser.verticalScrollBar().value() > 0
    # Zoom and resizing keep the place.
    other.zoom_in()
    assert other.reading_position() == position
    other.resize(700, 600)
    qtbot.waitUntil(lambda: other.browser.width() < 750, timeout=TIMEOUT)
    assert other.reading_position() == position
    top = other.browser.top_position()
    assert abs(other.qt_to_py(top) - position) < 80
    other.restore_position(0)
    assert other.browser.verticalScrollBar().value() == 0


def test_reading_keys_scroll_the_page(reader: ReaderView) -> None:
    reader.show_document(record(), ARTICLE.read_text("utf-8"))
    reader.browser.setFocus()
    bar = reader.browser.verticalScrollBar()
    QTest.keyClick(reader.browser, Qt.Key.Key_PageDown)
    assert bar.value() == bar.pageStep()
    QTest.keyClick(reader.browser, Qt.Key.Key_Down)
    assert bar.value() == bar.pageStep() + bar.singleStep()


def test_whitespace_between_runs_maps_to_the_separator() -> None:
    layout = TextLayout("ab\n\n  cd")
    assert [(r.start, r.end) for r in layout.runs] == [(0, 2), (6, 8)]
    assert layout.to_qt(3) == layout.to_qt(5) == 2  # inside the gap: the separator
    assert layout.to_qt(6) == 3
    assert layout.to_py(2) == 2
    assert layout.to_py(3) == 6
    assert re.fullmatch(r"ab", layout.display(layout.runs[0]))
