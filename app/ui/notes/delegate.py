"""How one note looks in a list: quote with a colour bar, first lines of the body, tags.

Lines are laid out with QTextLayout at the view's width, so the size hint and the painting
agree line for line and nothing is clipped whatever the font or DPI.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core.i18n import tr, tr_noop
from app.core.notes import Note
from app.ui.model_index import ModelIndex
from app.ui.notes.colours import DEFAULT_NOTE_COLOUR, NOTE_COLOURS
from app.ui.notes.model import DocTitleRole, NoteRole, PageRole, edited_line, passage_line, quoted
from app.ui.themes import warning_text

ORPHAN_TEXT = tr_noop("⚠ passage not found in the current text")
"""Shown under an orphan's quote, through ``tr``."""
_NEUTRAL_BAR = "#9e9e9e"

PAD = 8
BAR = 4
GAP = 4
QUOTE_LINES = 3
BODY_LINES = 3


def is_dark(palette: QPalette) -> bool:
    """Whether widgets with this palette are drawn light on dark (the dark theme)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def warning_colour(palette: QPalette) -> QColor:
    """The warning red (not saved, passage lost) readable on this palette's panels and lists."""
    return QColor(warning_text(is_dark(palette)))


def color_for(name: str | None) -> QColor | None:
    """A note colour name (from the shared table), CSS name or #rgb; None if unknown."""
    if not name:
        return None
    color = QColor(NOTE_COLOURS.get(name.lower(), name))
    return color if color.isValid() else None


def bar_color(note: Note, *, dark: bool = False) -> QColor:
    """The card's colour bar: the highlight's colour as the page draws it.

    A highlight without a colour of its own is the default colour, as on the page; an
    orphan is red (its passage is gone) and a note on the whole document neutral.
    """
    chosen = color_for(note.color)
    if note.orphan:
        return chosen or QColor(warning_text(dark))
    if chosen is not None:
        return chosen
    if note.anchor is not None:
        return QColor(NOTE_COLOURS[DEFAULT_NOTE_COLOUR])
    return QColor(_NEUTRAL_BAR)


def wrap(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """``text`` broken at ``width``; past ``max_lines`` the last line ends with an ellipsis."""
    metrics = QFontMetricsF(font)
    out: list[str] = []
    paragraphs = [p for p in text.splitlines() if p.strip()] or [""]
    for para in paragraphs:
        layout = QTextLayout(para, font)
        # A long URL or word must break rather than run past the card's edge.
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            out.append(para[line.textStart() : line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
        if len(out) > max_lines:
            break
    if len(out) > max_lines:
        out = out[:max_lines]
        last = out[-1] + " …"
        out[-1] = metrics.elidedText(last, Qt.TextElideMode.ElideRight, width)
        if not out[-1].endswith("…"):
            out[-1] = last
    return out


@dataclass
class _Block:
    lines: list[str]
    font: QFont
    role: str  # "title", "date", "quote", "orphan", "body", "empty", "tags"


class NoteDelegate(QStyledItemDelegate):
    """Paints a note as a small card; used by the document list and the All-notes list."""

    def _blocks(
        self, note: Note, title: str | None, page: str, base: QFont, width: float
    ) -> list[_Block]:
        blocks: list[_Block] = []
        if title is not None:
            bold = QFont(base)
            bold.setBold(True)
            blocks.append(_Block(wrap(title, bold, width, 1), bold, "title"))
            # All notes lists the newest edit first: the date says how far back a card is.
            edited = edited_line(note)
            if edited:
                blocks.append(_Block(wrap(edited, base, width, 1), base, "date"))
        if note.anchor is not None and note.anchor.quote.strip():
            italic = QFont(base)
            italic.setItalic(True)
            quote = " ".join(note.anchor.quote.split())
            line = passage_line(page, quoted(quote))  # "p. 12 · “…”" on a paged document
            blocks.append(_Block(wrap(line, italic, width, QUOTE_LINES), italic, "quote"))
            if note.orphan:
                blocks.append(_Block(wrap(tr(ORPHAN_TEXT), base, width, 2), base, "orphan"))
        if note.text.strip():
            blocks.append(_Block(wrap(note.text, base, width, BODY_LINES), base, "body"))
        elif note.anchor is None:
            italic = QFont(base)
            italic.setItalic(True)
            blocks.append(_Block([tr("(empty note)")], italic, "empty"))
        if note.tags:
            tags = "  ".join(f"#{t}" for t in note.tags)
            blocks.append(_Block(wrap(tags, base, width, 1), base, "tags"))
        return blocks

    def _layout(
        self, option: QStyleOptionViewItem, index: ModelIndex
    ) -> tuple[list[_Block], float]:
        note = index.data(NoteRole)
        if not isinstance(note, Note):
            return [], 0.0
        title = index.data(DocTitleRole) if self._shows_titles(index) else None
        width = max(60.0, self._width(option) - 2 * PAD - BAR - PAD)
        page = str(index.data(PageRole) or "")
        return self._blocks(note, title, page, option.font, width), width

    def card_lines(self, option: QStyleOptionViewItem, index: ModelIndex) -> list[str]:
        """The lines the card of ``index`` shows, top to bottom, as painted."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        return [line for block in self._layout(opt, index)[0] for line in block.lines]

    @staticmethod
    def _shows_titles(index: ModelIndex) -> bool:
        return bool(getattr(index.model(), "show_documents", False))

    @staticmethod
    def _width(option: QStyleOptionViewItem) -> float:
        # A list view asks for size hints without a row rect: use its viewport width instead.
        view = option.widget
        if isinstance(view, QAbstractItemView):
            return float(view.viewport().width())
        return float(option.rect.width() or 320)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        blocks, _ = self._layout(opt, index)
        height = 2.0 * PAD
        for i, block in enumerate(blocks):
            height += len(block.lines) * QFontMetricsF(block.font).lineSpacing()
            height += GAP if i < len(blocks) - 1 else 0
        return QSize(int(self._width(opt)), int(height + 1.5))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        note = index.data(NoteRole)
        if not isinstance(note, Note):
            return
        opt.text = ""  # the style draws only the background and focus; we draw the text
        style = opt.widget.style() if opt.widget is not None else None
        painter.save()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text_color)
        muted.setAlphaF(0.72)
        rect: QRect = opt.rect
        bar = bar_color(note, dark=is_dark(palette))
        bar_rect = QRect(rect.left() + PAD, rect.top() + PAD, BAR, rect.height() - 2 * PAD)
        painter.fillRect(bar_rect, bar)
        if selected:
            # A blue bar on a blue selection would vanish: outline it in the text colour.
            painter.setPen(text_color)
            painter.drawRect(bar_rect.adjusted(-1, -1, 0, 0))
        x = rect.left() + PAD + BAR + PAD
        y = float(rect.top() + PAD)
        blocks, _ = self._layout(opt, index)
        for block in blocks:
            metrics = QFontMetricsF(block.font)
            painter.setFont(block.font)
            if block.role == "orphan" and not selected:
                painter.setPen(warning_colour(palette))
            elif block.role in ("quote", "tags", "empty", "title", "date"):
                painter.setPen(muted if block.role != "title" else text_color)
            else:
                painter.setPen(text_color)
            for line in block.lines:
                painter.drawText(QPointF(x, y + metrics.ascent()), line)
                y += metrics.lineSpacing()
            y += GAP
        # A thin rule between cards keeps them apart without heavy frames.
        rule = QColor(palette.color(QPalette.ColorRole.Mid))
        rule.setAlphaF(0.4)
        painter.setPen(rule)
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())
        painter.restore()
