"""The library table's columns: their widths, which are shown, and their saved state.

Columns are appended, never reordered (``app.ui.library.model.COLUMNS``); a state saved
before a column existed leaves that column as it is by default (Qt's own restore of a
shorter state would show every new column, squeezing the title).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, Qt
from PySide6.QtGui import QFontMetrics, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QMenu

from app.core.i18n import tr
from app.ui.library.model import (
    COLUMNS,
    DATE,
    LAST_READ,
    NOTES,
    SOURCE,
    STATUS,
    TITLE,
    WORDS,
    shown_date,
)

HEADER_MARK = "carnet-columns:"
OLD_COLUMN_COUNT = 5  # a header saved before the mark: Title to Notes


def saved_column_count(state: bytes) -> tuple[int, bytes]:
    """How many columns a saved header state knew, and Qt's own state within it."""
    mark = HEADER_MARK.encode()
    if state.startswith(mark):
        count, _, raw = state[len(mark) :].partition(b";")
        if count.isdigit():
            return int(count), raw
    return OLD_COLUMN_COUNT, state


def set_up_columns(header: QHeaderView, metrics: QFontMetrics) -> None:
    """Widths for what each column holds, the title taking the rest; some hidden."""
    header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
    # Just what each holds ("28 sept. 2022", a site name, "12"): the rest is the title's.
    # The widest date of the year in the language spoken ("sept.", "déc.").
    widest = max(metrics.horizontalAdvance(shown_date(f"2022-{m:02}-28")) for m in range(1, 13))
    # The padding is the cell's two margins and some: less and "28 sept. 2015" wraps.
    widths = {SOURCE: 76, DATE: max(widest + 20, 76), WORDS: 64, NOTES: 48, STATUS: 72}
    widths[LAST_READ] = widths[DATE]
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setHighlightSections(False)
    # On demand, from the header's menu. Status and Last read too: the title keeps its
    # room at 1400 px, and the sidebar's Unread / Reading / Finished show the statuses.
    for column in (WORDS, STATUS, LAST_READ):
        header.setSectionHidden(column, True)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: column_menu(header, pos))


def column_menu(header: QHeaderView, pos: QPoint) -> None:
    """Show or hide columns; the title always stays."""
    menu = QMenu(header)
    for column in (SOURCE, DATE, WORDS, NOTES, STATUS, LAST_READ):
        action = menu.addAction(tr(COLUMNS[column]))
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
    menu.exec(header.mapToGlobal(pos))


def header_state(header: QHeaderView) -> QByteArray:
    """The columns' widths, order and shown ones, prefixed with how many columns."""
    prefix = QByteArray(f"{HEADER_MARK}{len(COLUMNS)};".encode())
    return prefix + header.saveState()


def restore_header_state(header: QHeaderView, state: QByteArray) -> None:
    """Put the columns back; those added since the state was saved keep their defaults."""
    saved, raw = saved_column_count(bytes(state.data()))
    if saved == len(COLUMNS):
        header.restoreState(QByteArray(raw))
        return
    # An older state read in a header of its own size, then copied column by column.
    old = QHeaderView(Qt.Orientation.Horizontal)
    old.setModel(QStandardItemModel(0, saved, old))
    if not old.restoreState(QByteArray(raw)):
        return
    for column in range(min(saved, len(COLUMNS))):
        if not old.isSectionHidden(column):
            header.resizeSection(column, old.sectionSize(column))
        header.setSectionHidden(column, old.isSectionHidden(column))
        header.moveSection(header.visualIndex(column), old.visualIndex(column))
    if 0 <= old.sortIndicatorSection() < len(COLUMNS):
        header.setSortIndicator(old.sortIndicatorSection(), old.sortIndicatorOrder())
