"""Structure in the reader: headings, lists, tables, quotes and captions rendered as such,
repeated spans left out of view, and every visible character still at its exact offset."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.documents.layout import TextLayout
from app.core.documents.structure import Block
from app.core.library.store import DocumentRecord
from app.core.notes import Note
from app.core.notes.anchoring import Anchor
from app.core.search.analysis import query_terms
from app.ui.reader.view import ReaderView
from tests.gui.reader_support import body_text, marks, qt_slice, shown_reader

TITLE = "Le message de Blinken à Lavrov"
TEXT = (
    f"{TITLE}\n\n"  # the headline again, as pages repeat it: hidden
    "Les faits\n\n"
    "Le chef de la diplomatie a parlé.\n\n"
    "premier point\n"
    "second point\n\n"
    "Pays\tCapitale\tHabitants\n"
    "Russie\tMoscou\t146\n\n"
    "« Nous restons ouverts », a-t-il dit.\n\n"
    "Photo : Lavrov à Genève.\n\n"
    "Photo : Lavrov à Genève.\n\n"  # the caption printed twice: hidden
    "Fin de l’article."
)


def span(text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def block(text: str, kind: str, level: int = 0, nth: int = 0) -> Block:
    start, end = span(text, nth)
    return Block(start, end, kind, level)  # type: ignore[arg-type]


BLOCKS = (
    block(TITLE, "title_repeat"),
    block("Les faits", "heading", 2),
    block("premier point", "list_item"),
    block("second point", "list_item"),
    block("Pays\tCapitale\tHabitants", "table_row"),
    block("Russie\tMoscou\t146", "table_row"),
    block("« Nous restons ouverts », a-t-il dit.", "quote"),
    block("Photo : Lavrov à Genève.", "caption"),
    block("Photo : Lavrov à Genève.", "duplicate", nth=1),
)


def record() -> DocumentRecord:
    return DocumentRecord("d1", "/tmp/x.html", TITLE, "", "", 40, 1, "0" * 64)


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    view = shown_reader(qtbot)
    view.show_document(record(), TEXT, BLOCKS)
    return view


def qt_block(view: ReaderView, offset: int):  # type: ignore[no-untyped-def]
    return view.browser.document().findBlock(view.py_to_qt(offset))


def test_headings_are_headings(reader: ReaderView) -> None:
    heading = qt_block(reader, span("Les faits")[0])
    paragraph = qt_block(reader, span("Le chef")[0])
    assert heading.text() == "Les faits"
    assert heading.blockFormat().headingLevel() == 2
    assert paragraph.blockFormat().headingLevel() == 0
    h_font = heading.charFormat().font()
    p_font = paragraph.charFormat().font()
    assert h_font.weight() >= QFont.Weight.Bold
    assert h_font.pointSizeF() > p_font.pointSizeF()
    assert heading.blockFormat().topMargin() > paragraph.blockFormat().topMargin()


def test_list_items_share_one_bulleted_list(reader: ReaderView) -> None:
    first = qt_block(reader, span("premier point")[0])
    second = qt_block(reader, span("second point")[0])
    assert first.text() == "premier point" and second.text() == "second point"
    assert first.textList() is not None
    assert first.textList() == second.textList()
    assert first.textList().count() == 2
    assert qt_block(reader, span("Le chef")[0]).textList() is None


def test_table_rows_keep_their_cells_apart(reader: ReaderView) -> None:
    row = qt_block(reader, span("Russie\tMoscou")[0])
    assert row.text() == "Russie\tMoscou\t146"
    stops = [tab.position for tab in row.blockFormat().tabPositions()]
    assert stops and stops == sorted(stops)


def test_quotes_and_captions(reader: ReaderView) -> None:
    quote = qt_block(reader, span("« Nous")[0])
    caption = qt_block(reader, span("Photo")[0])
    plain = qt_block(reader, span("Le chef")[0])
    assert quote.charFormat().font().italic()
    assert quote.blockFormat().leftMargin() > plain.blockFormat().leftMargin()
    assert caption.charFormat().font().pointSizeF() < plain.charFormat().font().pointSizeF()


def test_hidden_spans_are_left_out_and_offsets_stay_exact(reader: ReaderView) -> None:
    shown = body_text(reader)
    assert TITLE not in shown  # the header's title is the only one
    assert shown.count("Photo : Lavrov à Genève.") == 1
    assert reader.browser.document().firstBlock().text() == TITLE
    assert shown.startswith("Les faits")
    for part in ("Les faits", "second point", "Moscou\t146", "a-t-il dit", "Fin de l’article."):
        start, end = span(part)
        assert qt_slice(reader, start, end) == part
        for i in range(start, end + 1):
            assert reader.qt_to_py(reader.py_to_qt(i)) == i


def test_a_note_inside_a_hidden_span_is_still_reachable(reader: ReaderView) -> None:
    start, end = span("Lavrov à Genève", 1)  # in the duplicate caption
    anchor = Anchor("Lavrov à Genève", "", "", start, end, "")
    hidden = Note("a" * 32, "d1", "", (), "", "", anchor=anchor)
    reader.set_note_highlights([hidden])
    assert reader.select_note(hidden.id)
    # It maps to the nearest visible place: the end of the caption shown before it.
    assert reader.py_to_qt(start) == reader.py_to_qt(span("Photo : Lavrov à Genève.")[1])


def test_hits_and_finds_in_hidden_spans_are_not_counted(reader: ReaderView) -> None:
    reader.set_search_terms(query_terms("Genève"))
    assert reader.hit_count() == 1
    reader.open_find()
    reader.find_bar.field.setText("Blinken")
    assert reader.find_count() == 0  # only in the hidden headline repeat
    reader.find_bar.field.setText("Photo")
    assert reader.find_count() == 1
    assert [text for text, _ in marks(reader, "find-current")] == ["Photo"]


# -- property: any blocks over any text keep the mapping exact -----------------------------

_ALPHABET = list("ab é\n\t𝄞🇫🇷œ\u2028\r")
_KINDS = ["heading", "list_item", "table_row", "quote", "pre", "caption", "duplicate"]


@st.composite
def text_and_blocks(draw: st.DrawFn) -> tuple[str, list[Block]]:
    text = draw(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    blocks = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a < b:
            kind = draw(st.sampled_from(_KINDS))
            blocks.append(Block(a, b, kind, draw(st.integers(1, 6)) if kind == "heading" else 0))  # type: ignore[arg-type]
    return text, blocks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_blocks())
def test_structure_keeps_the_mapping_exact_property(
    qapp: QApplication, case: tuple[str, list[Block]]
) -> None:
    text, blocks = case
    view = ReaderView()
    try:
        view.show_document(record(), text, blocks)
        layout = TextLayout(text, blocks)
        hidden = [(b.start, b.end) for b in blocks if b.hidden]
        for run in layout.runs:
            part = text[run.start : run.end]
            expected = part.replace("\r", " ").replace("\u2029", "\u2028")
            assert qt_slice(view, run.start, run.end) == expected
            for i in range(run.start, run.end + 1):
                assert view.qt_to_py(view.py_to_qt(i)) == i
                assert view.qt_to_py(view.py_to_qt(i, end=True)) == i
            # No visible run reaches into a hidden span.
            assert not any(a < run.end and run.start < b for a, b in hidden)
        assert len(body_text(view).encode("utf-16-le")) // 2 == layout.qt_length
    finally:
        view.deleteLater()
