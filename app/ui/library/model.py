"""The library as a Qt table model, filtered and sorted through a proxy."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette

from app.core.collation import ordered, text_key
from app.core.dates import parse_timestamp
from app.core.i18n import language, tr, tr_noop
from app.core.i18n.formats import number, short_date
from app.core.library.store import DocumentRecord
from app.core.notes.reading import STATUSES, UNREAD, ReadingState, status_label
from app.core.search.analysis import fold
from app.ui.library.status_marks import blank_mark, status_mark
from app.ui.model_index import ModelIndex
from app.ui.plain_text import tooltip

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

# Appended columns only: saved header states (widths, hidden ones) know columns by index.
COLUMNS = (
    tr_noop("Title"),
    tr_noop("Source"),
    tr_noop("Date"),
    tr_noop("Words"),
    tr_noop("Notes"),
    tr_noop("Status"),
    tr_noop("Last read"),
)
TITLE, SOURCE, DATE, WORDS, NOTES, STATUS, LAST_READ = range(len(COLUMNS))

DOC_IDS_MIME = "application/x-carnet-doc-ids"
"""Documents dragged from the list: a JSON list of their ids (private to Carnet)."""


def doc_ids_from_mime(mime: QMimeData) -> list[str]:
    """The document ids a drag from the list carries; [] for anything else."""
    if not mime.hasFormat(DOC_IDS_MIME):
        return []
    try:
        ids = json.loads(bytes(mime.data(DOC_IDS_MIME).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    return [str(i) for i in ids] if isinstance(ids, list) else []


def missing_file(path: str) -> str:
    """What a missing document's row says: its file went, its notes did not."""
    return tr("The file is missing: {path} — its notes are kept").format(path=path)


def shown_date(iso: str | None) -> str:
    """A record's date as the list shows it: "1 févr. 2022"; a partial one ("2022") as is."""
    return _shown_date(language(), iso) if iso else ""


@lru_cache(maxsize=4096)
def _shown_date(spoken: str, iso: str) -> str:
    # Many documents share a day, and painting asks for each visible cell again and again:
    # Babel formats each day once per language (``spoken`` is in the key for that).
    return short_date(iso) or iso


class DocumentListModel(QAbstractTableModel):
    """One row per document: title, source, date, words, number of notes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[DocumentRecord] = []
        self._notes: dict[str, int] = {}
        self._states: Mapping[str, ReadingState] = {}
        self._any_marked = False  # some title has a status mark: unread ones keep its room
        self._sort = (TITLE, Qt.SortOrder.AscendingOrder)

    def set_records(
        self,
        records: list[DocumentRecord],
        note_counts: dict[str, int],
        *,
        presorted: bool = False,
        states: Mapping[str, ReadingState] | None = None,
    ) -> None:
        """Show these records; ``presorted`` when already in ``sort_spec()`` order."""
        self.beginResetModel()
        self._notes = dict(note_counts)
        if states is not None:
            self._set_states(states)
        self._records = list(records) if presorted else self._sorted(list(records), *self._sort)
        self.endResetModel()

    def sort_spec(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    def _sorted(
        self, records: list[DocumentRecord], column: int, order: Qt.SortOrder
    ) -> list[DocumentRecord]:
        descending = order == Qt.SortOrder.DescendingOrder
        if column == NOTES:  # keys that are not in the record itself
            return sorted(records, key=lambda r: self._notes.get(r.id, 0), reverse=descending)
        if column in (STATUS, LAST_READ):
            # By the real value: reading order of the statuses, the ISO UTC timestamp
            # (never the shown "1 févr."); never read last in both directions; title ties.
            records = sorted_records(records, TITLE, Qt.SortOrder.AscendingOrder)
            key = self._status_rank if column == STATUS else self._last_read_key
            known = [r for r in records if key(r) is not None]
            never = [r for r in records if key(r) is None]
            return sorted(known, key=key, reverse=descending) + never  # type: ignore[arg-type]
        return sorted_records(records, column, order)

    def _status_rank(self, record: DocumentRecord) -> int:
        return STATUS_ORDER.get(self.status(record.id), 0)

    def _last_read_key(self, record: DocumentRecord) -> str | None:
        state = self._states.get(record.id)
        return state.last_read if state is not None and state.last_read else None

    def status(self, doc_id: str) -> str:
        state = self._states.get(doc_id)
        return UNREAD if state is None else state.status

    def set_reading_states(self, states: Mapping[str, ReadingState]) -> None:
        """Statuses or last-read dates changed: the title's mark and those two columns."""
        if dict(states) == self._states:
            return
        self._set_states(states)
        if self._records:
            # One range for every row: views repaint once, however many documents changed.
            last = len(self._records) - 1
            self.dataChanged.emit(self.index(0, TITLE), self.index(last, LAST_READ))

    def _set_states(self, states: Mapping[str, ReadingState]) -> None:
        self._states = dict(states)
        self._any_marked = any(s.status != UNREAD for s in self._states.values())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts the Python list in one go (a proxy sort calls data() ~300k times at 10k rows)."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_rows = {record.id: row for row, record in enumerate(self._records)}
        self._records = self._sorted(self._records, column, order)
        new_rows = [old_rows[r.id] for r in self._records]
        moved = {old: new for new, old in enumerate(new_rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(moved[i.row()], i.column()) for i in persistent]
        )
        self.layoutChanged.emit()

    def change_note_count(self, doc_id: str, delta: int) -> None:
        """One document gained or lost notes: its Notes cell changes, no other row is read."""
        if delta == 0:
            return
        self._notes[doc_id] = max(0, self._notes.get(doc_id, 0) + delta)
        row = self.row_of(doc_id)
        if row >= 0:
            cell = self.index(row, NOTES)
            self.dataChanged.emit(cell, cell)

    def note_counts(self) -> dict[str, int]:
        """Notes per document as the list shows them (kept current by change_note_count)."""
        return self._notes

    def records(self) -> list[DocumentRecord]:
        return list(self._records)

    def titles(self) -> dict[str, str]:
        return {r.id: r.title for r in self._records}

    def record(self, row: int) -> DocumentRecord:
        return self._records[row]

    def row_of(self, doc_id: str) -> int:
        for row, record in enumerate(self._records):
            if record.id == doc_id:
                return row
        return -1

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == DOC_ID_ROLE:
            return record.id
        if role == RECORD_ROLE:
            return record
        if record.missing and role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(missing_file(record.path))
        if record.missing and role == Qt.ItemDataRole.ForegroundRole:
            # Greyed as a disabled row is, yet still selectable: its text and notes open.
            group, text = QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            return QGuiApplication.palette().color(group, text)
        if column == TITLE:
            return self._title_data(record, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (WORDS, NOTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _title_data(self, record: DocumentRecord, role: int) -> Any:
        # Reading and finished are marked before the title (a quiet icon), named in its
        # tooltip and in what a screen reader says; unread says nothing, as it always did,
        # but keeps the mark's room once some title has one, so the titles stay in line.
        status = self.status(record.id)
        if role == Qt.ItemDataRole.DecorationRole:
            mark = status_mark(status)
            if mark is None and self._any_marked:
                return blank_mark()
            return mark
        if role == Qt.ItemDataRole.ToolTipRole:
            if status == UNREAD:
                return tooltip(f"{record.title}\n{record.path}")
            said = tr("Status: {status}").format(status=status_label(status))
            return tooltip(f"{record.title}\n{said}\n{record.path}")
        if role == Qt.ItemDataRole.AccessibleTextRole and status != UNREAD:
            return tr("{title} ({status})").format(title=record.title, status=status_label(status))
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [DOC_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The dragged rows' document ids, once each, in the list's order."""
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._records[row].id for row in rows if 0 <= row < len(self._records)]
        mime = QMimeData()
        mime.setData(DOC_IDS_MIME, json.dumps(ids).encode("utf-8"))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction  # into a collection: the list keeps them

    def _display(self, record: DocumentRecord, column: int) -> str:
        if column == TITLE:
            return record.title
        if column == SOURCE:
            return record.source or ""
        if column == DATE:
            # "1 févr. 2022" shown; sorting reads record.date, the ISO day, never this.
            # A date that is not a whole day ("2022") is shown as it is.
            return shown_date(record.date)
        if column == WORDS:
            return number(record.words)
        if column == STATUS:
            # Unread is most of a library: blank keeps the column quiet, the rest stand out.
            status = self.status(record.id)
            return "" if status == UNREAD else status_label(status)
        if column == LAST_READ:
            return shown_last_read(self._last_read_key(record))
        notes = self._notes.get(record.id, 0)
        return number(notes) if notes else ""


STATUS_ORDER = {status: rank for rank, status in enumerate(STATUSES)}  # reading order


def shown_last_read(stamp: str | None) -> str:
    """A last-read timestamp (UTC) as the reader's own day, in the list's short form."""
    if not stamp:
        return ""
    try:
        day = parse_timestamp(stamp).astimezone().date()
    except ValueError:
        return ""
    return shown_date(day.isoformat())


def sorted_records(
    records: list[DocumentRecord], column: int, order: Qt.SortOrder
) -> list[DocumentRecord]:
    """Records in the list's order for a column; plain Python, safe in a worker thread.

    Titles and sources sort as a French reader expects (``app.core.collation``); documents
    without a source or date come last in both directions, by title among themselves.
    """
    descending = order == Qt.SortOrder.DescendingOrder
    if column == WORDS:
        return sorted(records, key=lambda r: r.words, reverse=descending)
    if column == TITLE:
        return ordered(records, lambda r: r.title, descending=descending, tie=lambda r: r.path)
    by_title = lambda r: text_key(r.title)  # noqa: E731 - the same tie-break twice
    if column == DATE:
        return ordered(records, lambda r: r.date, descending=descending, key=str, tie=by_title)
    return ordered(records, lambda r: r.source, descending=descending, tie=by_title)


class DocumentFilterProxy(QSortFilterProxyModel):
    """Filters on title and source, insensitive to accents and case; sorting is the model's."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._group: frozenset[str] | None = None  # the sidebar's choice; None: all
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts itself; the proxy keeps its order (sort column stays -1).
        self.sourceModel().sort(column, order)

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text.strip().lower())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_group(self, doc_ids: frozenset[str] | None) -> None:
        """Only these documents (a group chosen in the sidebar); None: the whole library."""
        if doc_ids == self._group:
            return
        self.beginFilterChange()
        self._group = doc_ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def group(self) -> frozenset[str] | None:
        return self._group

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self._needle and self._group is None:
            return True
        model = self.sourceModel()
        record = model.data(model.index(source_row, TITLE, source_parent), RECORD_ROLE)
        if self._group is not None and record.id not in self._group:
            return False
        if not self._needle:
            return True
        haystack = fold(f"{record.title} {record.source or ''}".lower())
        return all(word in haystack for word in self._needle.split())
