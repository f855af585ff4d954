"""Typesetting of a document into a QTextDocument: header, then the text as plain runs.

The body is written in slices (``BodyWriter``) so a long book never blocks the window.

Everything goes in through QTextCursor.insertText, never as HTML, so markup in a document
is shown literally and nothing can be fetched.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
    QTextList,
    QTextListFormat,
    QTextOption,
)

from app.core.documents.layout import LINE_SEPARATOR, Run, TextLayout, url_spans
from app.core.i18n import tr
from app.core.i18n.formats import long_date, reading_time
from app.core.library.store import DocumentRecord
from app.ui.plain_text import tooltip
from app.ui.reader.page_marks import page_block_format
from app.ui.themes import Theme

SERIF_FAMILIES = [
    "Literata",
    "Source Serif 4",
    "Charter",
    "Georgia",
    "DejaVu Serif",
    "Noto Serif",
    "serif",
]
LINE_HEIGHT_PERCENT = 155
TITLE_SCALE = 1.45
META_SCALE = 0.82
# A sample of ordinary French prose: its mean advance gives the width of a column of
# COLUMN_CHARS characters in the current font.
_MEASURE = "Le chef de la diplomatie américaine s’entretenait avec son vis-à-vis russe."
COLUMN_CHARS = 68


def palette_for(theme: Theme, base: QPalette) -> QPalette:
    """``base`` recoloured for the page: window, text, selection, links, buttons."""
    page = QPalette(base)
    for role, color in (
        (QPalette.ColorRole.Window, theme.background),
        (QPalette.ColorRole.WindowText, theme.text),
        (QPalette.ColorRole.Base, theme.background),
        (QPalette.ColorRole.AlternateBase, theme.panel),
        (QPalette.ColorRole.Text, theme.text),
        # Selected text keeps its colour: the selection colour is chosen to carry it.
        (QPalette.ColorRole.Highlight, theme.selection),
        (QPalette.ColorRole.HighlightedText, theme.text),
        (QPalette.ColorRole.Link, theme.link),
        (QPalette.ColorRole.PlaceholderText, theme.muted),
        (QPalette.ColorRole.Button, theme.panel),
        (QPalette.ColorRole.ButtonText, theme.text),
        (QPalette.ColorRole.Mid, theme.border),
    ):
        page.setColor(role, QColor(color))
    return page


def serif_font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(SERIF_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


def column_width(point_size: float) -> float:
    metrics = QFontMetricsF(serif_font(point_size))
    return metrics.horizontalAdvance(_MEASURE) / len(_MEASURE) * COLUMN_CHARS


def meta_line(record: DocumentRecord) -> str:
    """'source · 2 mars 2023 · 4 min de lecture' in the reader's language, skipping what
    is unknown. The parts are separate facts joined by a dot, so no sentence is split."""
    parts = [record.source] if record.source else []
    if record.date:
        # A date that is not a real day (a year alone, "printemps 2021") is shown as given.
        parts.append(long_date(record.date) or record.date)
    parts.append(reading_time(record.reading_minutes))
    return " · ".join(parts)


@dataclass(frozen=True)
class _Style:
    """Formats for one kind of run: its paragraph and its characters."""

    block: QTextBlockFormat
    char: QTextCharFormat


HEADING_SCALES = {1: 1.5, 2: 1.3, 3: 1.15, 4: 1.05, 5: 1.0, 6: 1.0}
CAPTION_SCALE = 0.85
MONOSPACE = ["DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", "monospace"]


def render_header(
    doc: QTextDocument, record: DocumentRecord, theme: Theme, point_size: float
) -> QTextCursor:
    """Clear ``doc`` and write the title and the source line; the cursor is left after them."""
    doc.clear()
    doc.setUndoRedoEnabled(False)
    body_font = serif_font(point_size)
    doc.setDefaultFont(body_font)
    px = QFontMetricsF(body_font).height()
    doc.setDocumentMargin(px * 1.2)
    cursor = QTextCursor(doc)

    title_block = QTextBlockFormat()
    title_block.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    title_block.setBottomMargin(px * 0.45)
    title_block.setHeadingLevel(1)
    title_char = QTextCharFormat()
    title_char.setFont(serif_font(point_size * TITLE_SCALE))
    title_char.setFontWeight(QFont.Weight.DemiBold)
    title_char.setForeground(QColor(theme.title))
    cursor.setBlockFormat(title_block)
    cursor.setBlockCharFormat(title_char)
    cursor.insertText(_one_line(record.title), title_char)

    meta_block = QTextBlockFormat()
    meta_block.setBottomMargin(px * 1.6)
    meta_char = QTextCharFormat()
    meta_char.setFont(serif_font(point_size * META_SCALE))
    meta_char.setForeground(QColor(theme.muted))
    cursor.insertBlock(meta_block, meta_char)
    cursor.insertText(meta_line(record), meta_char)
    return cursor


class BodyWriter:
    """Appends the body's runs to a QTextDocument, a slice at a time, after the header.

    Only ever appends, so the Qt position of everything written stays put while the rest
    is being typeset: marks and scrolling can use the part already there.
    """

    def __init__(
        self, cursor: QTextCursor, layout: TextLayout, theme: Theme, point_size: float
    ) -> None:
        self._cursor = cursor
        self._layout = layout
        self._theme = theme
        self._point_size = point_size
        self._px = QFontMetricsF(serif_font(point_size)).height()
        self._styles: dict[tuple[str, int], _Style] = {}
        self._list: QTextList | None = None
        self.done = 0  # runs written
        style = self._style(layout.runs[0])
        cursor.insertBlock(self._block_format(layout.runs[0], style), style.char)
        self._apply_list(layout.runs[0])
        self.body_start = cursor.position()

    @property
    def finished(self) -> bool:
        return self.done >= len(self._layout.runs)

    def qt_end(self) -> int:
        """Body position up to which the text is written (exclusive of what follows)."""
        runs = self._layout.runs
        if self.finished:
            return self._layout.qt_length
        return runs[self.done].qt_start - 1 if self.done else 0

    def write(self, max_chars: int) -> None:
        """Write runs until about ``max_chars`` characters are added (always at least one)."""
        runs = self._layout.runs
        cursor = self._cursor
        budget = max_chars
        # One edit block: the layout updates once for the slice, not once per insert.
        cursor.beginEditBlock()
        try:
            while self.done < len(runs) and budget > 0:
                i = self.done
                run = runs[i]
                style = self._style(run)
                if i:
                    if runs[i - 1].ends_paragraph:
                        cursor.insertBlock(self._block_format(run, style), style.char)
                        self._apply_list(run)
                    else:
                        flow = runs[i - 1].flows
                        cursor.insertText(" " if flow else LINE_SEPARATOR, style.char)
                self._insert_run(run, style.char)
                budget -= run.end - run.start + 1
                self.done += 1
        finally:
            cursor.endEditBlock()

    def _insert_run(self, run: Run, char: QTextCharFormat) -> None:
        cursor = self._cursor
        line = self._layout.display(run)
        at = 0
        for start, end in url_spans(line):
            cursor.insertText(line[at:start], char)
            href = line[start:end]
            link = QTextCharFormat(char)
            link.setForeground(QColor(self._theme.link))
            link.setFontUnderline(True)
            link.setAnchor(True)
            link.setAnchorHref(href)
            link.setToolTip(tooltip(href))
            cursor.insertText(href, link)
            at = end
        cursor.insertText(line[at:], char)

    def _block_format(self, run: Run, style: _Style) -> QTextBlockFormat:
        # A page's first paragraph leaves room above it for the page marker.
        return page_block_format(style.block, run.page, self._px) if run.page else style.block

    def _apply_list(self, run: Run) -> None:
        """Consecutive list items share one QTextList: Qt draws the bullets, which are no
        characters of the document, so positions stay exact."""
        if run.kind != "list_item":
            self._list = None
            return
        if self._list is None:
            fmt = QTextListFormat()
            fmt.setStyle(QTextListFormat.Style.ListDisc)
            fmt.setIndent(1)
            self._list = self._cursor.createList(fmt)
        else:
            self._list.add(self._cursor.block())

    def _style(self, run: Run) -> _Style:
        key = (run.kind, run.level)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self._make_style(run.kind, run.level)
        return style

    def _make_style(self, kind: str, level: int) -> _Style:
        px, size, theme = self._px, self._point_size, self._theme
        block = QTextBlockFormat()
        block.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        block.setBottomMargin(px * 0.75)
        char = QTextCharFormat()
        char.setFont(serif_font(size))
        if kind == "heading":
            level = min(max(level, 1), 6)
            block.setHeadingLevel(level)  # read out as a heading by screen readers
            block.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            block.setTopMargin(px * (1.1 if level <= 2 else 0.7))
            block.setBottomMargin(px * 0.4)
            char.setFont(serif_font(size * HEADING_SCALES[level]))
            char.setFontWeight(QFont.Weight.Bold)
            char.setForeground(QColor(theme.title))
        elif kind == "list_item":
            block.setBottomMargin(px * 0.3)
        elif kind == "table_row":
            # Cells are tab-separated: even tab stops keep the columns readable while the
            # text (and every offset) stays exactly as stored.
            block.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            block.setBottomMargin(0)
            block.setBackground(QColor(theme.panel))
            block.setTabPositions(
                [QTextOption.Tab(px * 8 * k, QTextOption.TabType.LeftTab) for k in range(1, 9)]
            )
        elif kind == "quote":
            block.setLeftMargin(px * 1.5)
            block.setRightMargin(px * 1.5)
            char.setFontItalic(True)
        elif kind == "pre":
            block.setLineHeight(115, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            block.setBackground(QColor(theme.panel))
            mono = QFont()
            mono.setFamilies(MONOSPACE)
            mono.setStyleHint(QFont.StyleHint.Monospace)
            mono.setPointSizeF(size * 0.9)
            char.setFont(mono)
        elif kind == "caption":
            block.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            char.setFont(serif_font(size * CAPTION_SCALE))
            char.setForeground(QColor(theme.muted))
        return _Style(block, char)


def _one_line(text: str) -> str:
    # A title is one block: any newline in it would add a block and shift the body.
    return " ".join(text.split()) or tr("Untitled")


def set_column_margins(doc: QTextDocument, viewport_width: int, point_size: float) -> bool:
    """Centre a readable column in the viewport; True when the margins changed."""
    # An explicit frame margin replaces the document margin on that side, so the side
    # margin never goes below it: on a narrow pane the text still keeps off the edges.
    margin = doc.documentMargin()
    side = max((viewport_width - column_width(point_size)) / 2, margin)
    root = doc.rootFrame()
    fmt = root.frameFormat()
    if abs(fmt.leftMargin() - side) < 1 and abs(fmt.rightMargin() - side) < 1:
        return False
    fmt.setLeftMargin(side)
    fmt.setRightMargin(side)
    root.setFrameFormat(fmt)
    return True


# Letters a French page is made of: shaping them once loads their glyphs' metrics.
_SAMPLE = "Le cœur ému, à l'été — où ç'eût été « Noël » ? Ÿ 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def warm_fonts(point_size: float) -> None:
    """Load the reader's font engines and shape a sample line with each, ahead of a document.

    The first document typeset in the process otherwise pays for them in its own turn
    (several ms: font matching, faces loaded, glyph metrics), on top of its text.
    """
    title = serif_font(point_size * TITLE_SCALE)
    title.setWeight(QFont.Weight.DemiBold)
    for font in (serif_font(point_size), title, serif_font(point_size * META_SCALE)):
        layout = QTextLayout(_SAMPLE, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
