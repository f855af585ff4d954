"""Typesetting of a document into a QTextDocument: header, then the text as plain runs.

Everything goes in through QTextCursor.insertText, never as HTML, so markup in a document
is shown literally and nothing can be fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from app.core.library import DocumentRecord
from app.ui.plain_text import tooltip
from app.ui.reader_text import LINE_SEPARATOR, TextLayout, url_spans
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
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


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
    """'source · 2 March 2023 · 4 min read', skipping what is unknown."""
    parts = [record.source] if record.source else []
    if record.date:
        parts.append(_pretty_date(record.date))
    minutes = record.reading_minutes
    parts.append("under 1 min read" if minutes < 1 else f"{minutes} min read")
    return " · ".join(parts)


def _pretty_date(value: str) -> str:
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


@dataclass
class Typesetting:
    """What rendering produced: where the body starts in the QTextDocument."""

    body_start: int


def render(
    doc: QTextDocument,
    record: DocumentRecord,
    layout: TextLayout,
    theme: Theme,
    point_size: float,
) -> Typesetting:
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

    body_block = QTextBlockFormat()
    body_block.setLineHeight(
        LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    )
    body_block.setBottomMargin(px * 0.75)
    body_char = QTextCharFormat()
    body_char.setFont(body_font)
    link_char = QTextCharFormat(body_char)
    link_char.setForeground(QColor(theme.link))
    link_char.setFontUnderline(True)

    cursor.insertBlock(body_block, body_char)
    body_start = cursor.position()
    for i, run in enumerate(layout.runs):
        if i:
            if layout.runs[i - 1].ends_paragraph:
                cursor.insertBlock(body_block, body_char)
            else:
                cursor.insertText(LINE_SEPARATOR, body_char)
        line = layout.display(run)
        at = 0
        for start, end in url_spans(line):
            cursor.insertText(line[at:start], body_char)
            href = line[start:end]
            link_char.setAnchor(True)
            link_char.setAnchorHref(href)
            link_char.setToolTip(tooltip(href))
            cursor.insertText(href, link_char)
            at = end
        cursor.insertText(line[at:], body_char)
    return Typesetting(body_start=body_start)


def _one_line(text: str) -> str:
    # A title is one block: any newline in it would add a block and shift the body.
    return " ".join(text.split()) or "Untitled"


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
