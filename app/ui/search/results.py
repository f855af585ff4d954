"""Search results as a Qt list model, and a delegate that shows title, source, date and snippet."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPoint,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from app.core.i18n import tr, trn
from app.core.i18n.formats import number, short_date
from app.core.notes.search import NoteHit
from app.core.search.index import SearchHit
from app.ui.model_index import ModelIndex

RESULT_ROLE = Qt.ItemDataRole.UserRole + 10


@dataclass(frozen=True)
class ResultItem:
    """One row: a document, or a note on a document."""

    kind: str  # "document" | "note"
    id: str
    doc_id: str
    title: str
    meta: str
    snippet_html: str  # HTML-escaped text with <b> marks, made by the core
    offset: int = 0  # where opening it goes: the best passage's first match
    passage_offsets: tuple[int, ...] = ()  # each passage shown, in order: a click opens it

    def at_passage(self, number: int) -> ResultItem:
        """The same result, opening at its ``number``-th passage (0: the first shown)."""
        return replace(self, offset=self.passage_offsets[number])

    @classmethod
    def from_document(cls, hit: SearchHit) -> ResultItem:
        meta = " · ".join(x for x in (hit.source, short_date(hit.date) or hit.date) if x)
        best = hit.best
        offset = best.offset if best else 0
        if len(hit.passages) < 2:
            return cls("document", hit.id, hit.id, hit.title, meta, hit.snippet, offset)
        offsets = tuple(p.offset for p in hit.passages)
        return cls("document", hit.id, hit.id, hit.title, meta, passages_html(hit), offset, offsets)

    @classmethod
    def from_note(cls, hit: NoteHit, doc_title: str) -> ResultItem:
        return cls("note", hit.note.id, hit.note.doc_id, doc_title, tr("Note"), hit.snippet)


def passages_html(hit: SearchHit) -> str:
    """A long document's passages, each under its page or section (snippets come escaped)."""
    rows = []
    for passage in hit.passages:
        place = html.escape(passage.place)
        label = f"<i>{place}</i> — " if place else ""
        rows.append(f"<div>{label}{passage.snippet}</div>")
    return "".join(rows)  # one block each: a click on one opens that passage


def results_summary(documents: int, notes: int, within: str | None = None) -> str:
    """What the list above the results says: "307 documents · 2 notes", "1 note"; with
    ``within`` (a group's name), where it looked: "3 documents in “Thèse”"."""
    parts = []
    if documents:
        parts.append(trn("{n} document", "{n} documents", documents).format(n=number(documents)))
    if notes:
        parts.append(trn("{n} note", "{n} notes", notes).format(n=number(notes)))
    if within is None:
        return " · ".join(parts) if parts else no_results()
    if not parts:
        return tr("No results in “{group}”.").format(group=within)
    return tr("{results} in “{group}”").format(results=" · ".join(parts), group=within)


def no_results() -> str:
    """The header of a search that found nothing."""
    return tr("No results.")


def suggestion_html(word: str) -> str:
    """'Did you mean <word>?' with the word as a link (escaped: it comes from the library)."""
    safe = html.escape(word)
    return tr("Did you mean {suggestion}?").format(suggestion=f'<a href="{safe}">{safe}</a>')


class SearchResultsModel(QAbstractListModel):
    """Ranked results, documents then notes, one page at a time as the list is scrolled.

    The view asks ``fetchMore`` when its end comes into sight; the model asks for the next
    page with ``moreWanted(offset)`` and the answer comes back through ``add_page``.
    """

    moreWanted = Signal(int)  # offset of the next page in the combined ranking

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[ResultItem] = []
        self._total = 0
        self._waiting = False

    def set_items(self, items: list[ResultItem], total: int | None = None) -> None:
        """A new first page; ``total`` is every result there is (default: these)."""
        self.beginResetModel()
        self._items = list(items)
        self._total = len(self._items) if total is None else max(total, len(self._items))
        self._waiting = False
        self.endResetModel()

    def add_page(self, offset: int, items: list[ResultItem]) -> None:
        """The page asked for at ``offset``; an empty one means the ranking ended early."""
        if offset != len(self._items):
            return  # an answer to a page asked for before the list changed
        self._waiting = False
        if not items:
            self._total = len(self._items)  # never ask again for what is not there
            return
        self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(items) - 1)
        self._items.extend(items)
        self.endInsertRows()

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._waiting and len(self._items) < self._total

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._waiting = True
            self.moreWanted.emit(len(self._items))

    def item(self, row: int) -> ResultItem:
        return self._items[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == RESULT_ROLE:
            return item
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if item.kind == "note":
                return tr("Note on {title}. {meta}").format(title=item.title, meta=item.meta)
            return f"{item.title}. {item.meta}"
        return None


class SearchResultDelegate(QStyledItemDelegate):
    """Title in bold, then source · date, then the snippet with matched words in bold."""

    PAD = 8
    MEASURED = 5_000  # heights remembered; past that they are measured afresh

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The list measures every row again each time a page comes in: without these, the
        # twelfth page of 50 cost 150 ms of the GUI thread, and each page more than the last.
        self._heights: dict[tuple[ResultItem, int, str], int] = {}

    def _document(
        self, item: ResultItem, option: QStyleOptionViewItem, width: int
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setTextWidth(max(50, width))
        palette = option.palette
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        accent = palette.color(QPalette.ColorRole.Link).name()
        kind = f'<span style="color:{accent}">✎ </span>' if item.kind == "note" else ""
        title = item.title.replace("&", "&amp;").replace("<", "&lt;")
        # The snippet is already escaped by the core: only <b> is markup in it.
        doc.setHtml(
            f'<div style="font-weight:600">{kind}{title}</div>'
            f'<div style="color:{muted}; font-size:small">{item.meta}</div>'
            f'<div style="margin-top:3px">{item.snippet_html}</div>'
        )
        return doc

    def passage_at(
        self, option: QStyleOptionViewItem, index: ModelIndex, point: QPoint
    ) -> int | None:
        """Which of a long document's passages ``point`` (in the view) is on, if any."""
        item = index.data(RESULT_ROLE)
        if item is None or not item.passage_offsets:
            return None
        rect = option.rect.adjusted(self.PAD, self.PAD // 2 + 2, -self.PAD, -self.PAD // 2)
        doc = self._document(item, option, rect.width())
        layout = doc.documentLayout()
        y = point.y() - rect.top()
        block = doc.begin()
        number = 0
        while block.isValid():
            if layout.blockBoundingRect(block).bottom() >= y:
                break
            block, number = block.next(), number + 1
        # The passages are the last blocks, one each (an empty source line makes no block).
        passage = number - (doc.blockCount() - len(item.passage_offsets))
        return passage if 0 <= passage < len(item.passage_offsets) else None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        item = index.data(RESULT_ROLE)
        if item is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = option.rect.adjusted(self.PAD, self.PAD // 2 + 2, -self.PAD, -self.PAD // 2)
        doc = self._document(item, option, rect.width())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        item = index.data(RESULT_ROLE)
        if item is None:
            return super().sizeHint(option, index)
        view = option.widget
        viewport_width = view.viewport().width() if isinstance(view, QAbstractItemView) else 320
        width = viewport_width - 2 * self.PAD
        key = (item, width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= self.MEASURED:
                self._heights.clear()
            doc = self._document(item, option, width)
            height = self._heights[key] = int(doc.size().height()) + self.PAD + 4
        return QSize(width, height)
