"""NotesListModel: a flat Qt list model over ``Note`` values for the notes panel.

The model holds immutable notes; callers replace one with ``upsert`` after the store returns
its new version, so the list never shows text that is not in the database.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, Qt

from app.core.dates import parse_timestamp
from app.core.i18n import tr
from app.core.i18n.formats import long_date, short_date
from app.core.notes import Note
from app.core.notes.order import by_position
from app.ui.model_index import ModelIndex
from app.ui.plain_text import tooltip

_USER = int(Qt.ItemDataRole.UserRole)
NoteIdRole = _USER + 1
NoteRole = _USER + 2
QuoteRole = _USER + 3
OrphanRole = _USER + 4
ColorRole = _USER + 5
DocIdRole = _USER + 6
TagsRole = _USER + 7
DocTitleRole = _USER + 8
PageRole = _USER + 9  # "p. 12" on a paged document, else ""

SortKey = Callable[[Note], Any]


def quoted(passage: str) -> str:
    """A passage between the language's quotation marks: “…” in English, « … » in French."""
    return tr("“{passage}”").format(passage=passage)


def local_day(stamp: str) -> date | None:
    """The reader's own calendar day of a note's UTC timestamp; None if it is not one."""
    try:
        return parse_timestamp(stamp).astimezone().date()
    except ValueError:
        return None


def edited_line(note: Note) -> str:
    """A card's date: "Edited 1 Feb 2022" / "Modifiée le 1 févr. 2022"."""
    day = local_day(note.updated)
    return tr("Edited {date}").format(date=short_date(day)) if day else ""


def dates_line(note: Note) -> str:
    """The editor's dates: when the note was written and, if on another day, last edited."""
    created, updated = local_day(note.created), local_day(note.updated)
    if created is None:
        return ""
    if updated is None or updated == created:
        return tr("Created {date}").format(date=long_date(created))
    return tr("Created {created}, edited {edited}").format(
        created=long_date(created), edited=long_date(updated)
    )


def passage_line(page: str, quote: str) -> str:
    """A passage as the cards and the editor show it: "p. 12 · “quote”" when paged."""
    return f"{page} · {quote}" if page and quote else quote


def summary_line(note: Note) -> str:
    """One line naming the note: its first non-blank body line, else its quote."""
    for line in note.text.splitlines():
        if line.strip():
            return line.strip()
    if note.anchor is not None and note.anchor.quote.strip():
        return note.anchor.quote.strip().splitlines()[0]
    return tr("(empty note)")


class NotesListModel(QAbstractListModel):
    """Notes of one document (ordered by position) or of all documents (``show_documents``)."""

    def __init__(
        self,
        parent: Any = None,
        *,
        sort_key: SortKey = by_position,
        show_documents: bool = False,
        page_label: Callable[[Note], str] = lambda _note: "",
    ) -> None:
        super().__init__(parent)
        self._page_label = page_label
        self._notes: list[Note] = []
        self._sort_key = sort_key
        self.show_documents = show_documents
        self._titles: dict[str, str] = {}

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._notes)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                NoteIdRole: QByteArray(b"noteId"),
                NoteRole: QByteArray(b"note"),
                QuoteRole: QByteArray(b"quote"),
                OrphanRole: QByteArray(b"orphan"),
                ColorRole: QByteArray(b"color"),
                DocIdRole: QByteArray(b"docId"),
                TagsRole: QByteArray(b"tags"),
                DocTitleRole: QByteArray(b"docTitle"),
                PageRole: QByteArray(b"page"),
            }
        )
        return names

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note = self._notes[index.row()]
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return summary_line(note)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(note.anchor.quote) if note.anchor is not None else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(note)
        if role == NoteIdRole:
            return note.id
        if role == NoteRole:
            return note
        if role == QuoteRole:
            return note.anchor.quote if note.anchor is not None else None
        if role == OrphanRole:
            return note.orphan
        if role == ColorRole:
            return note.color
        if role == DocIdRole:
            return note.doc_id
        if role == TagsRole:
            return list(note.tags)
        if role == DocTitleRole:
            return self.document_title(note.doc_id)
        if role == PageRole:
            return self._page_label(note)
        return None

    # --- helpers for views --------------------------------------------------------------------

    def _spoken(self, note: Note) -> str:
        """What a screen reader says for a row: the whole summary in words, not just a line."""
        parts = []
        if self.show_documents:
            parts.append(tr("In {title}.").format(title=self.document_title(note.doc_id)))
        if note.anchor is not None:
            parts.append(tr("Quote: {quote}.").format(quote=note.anchor.quote))
            if note.orphan:
                parts.append(tr("Passage not found in the current text."))
        parts.append(summary_line(note))
        if note.tags:
            parts.append(tr("Tags: {tags}").format(tags=", ".join(note.tags)))
        return " ".join(parts)

    def set_document_titles(self, titles: dict[str, str]) -> None:
        self._titles = dict(titles)
        if self._notes:
            self.dataChanged.emit(self.index(0), self.index(len(self._notes) - 1))

    def document_title(self, doc_id: str) -> str:
        return self._titles.get(doc_id) or doc_id

    # --- content ------------------------------------------------------------------------------

    def set_notes(self, notes: Iterable[Note]) -> None:
        """Replace the whole list; the given order is kept (callers pass the store's order)."""
        self.beginResetModel()
        self._notes = list(notes)
        self.endResetModel()

    def notes(self) -> list[Note]:
        return list(self._notes)

    def note_at(self, row: int) -> Note | None:
        return self._notes[row] if 0 <= row < len(self._notes) else None

    def row_of(self, note_id: str) -> int:
        for row, note in enumerate(self._notes):
            if note.id == note_id:
                return row
        return -1

    def upsert(self, note: Note) -> int:
        """Replace the note with the same id in place, or insert it where the order puts it."""
        row = self.row_of(note.id)
        if row >= 0:
            self._notes[row] = note
            idx = self.index(row)
            self.dataChanged.emit(idx, idx)
            return row
        keys = [self._sort_key(n) for n in self._notes]
        row = bisect_right(keys, self._sort_key(note))
        self.beginInsertRows(QModelIndex(), row, row)
        self._notes.insert(row, note)
        self.endInsertRows()
        return row

    def remove(self, note_id: str) -> bool:
        row = self.row_of(note_id)
        if row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._notes[row]
        self.endRemoveRows()
        return True
