"""What the notes GUI tests share: a panel over a store, and a note card's lines as drawn."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.core.notes import NotesStore
from app.ui.notes.delegate import NoteDelegate
from app.ui.notes.panel import NotesPanel
from app.ui.notes.service import NotesService


@contextmanager
def panel_over(qtbot: QtBot, service_or_store: NotesService | NotesStore) -> Iterator[NotesPanel]:
    """A notes panel at its usual width; its timers stopped after, as the store closes."""
    service = (
        service_or_store
        if isinstance(service_or_store, NotesService)
        else NotesService(service_or_store)
    )
    p = NotesPanel(service)
    qtbot.addWidget(p)
    p.resize(380, 800)
    yield p
    # Timers left running would save into a store the fixture has closed.
    p.autosaver.save_timer.stop()
    p.autosaver.retry_timer.stop()


def card_lines(view: QAbstractItemView, row: int = 0) -> list[str]:
    """The lines of the note card at ``row``, as its delegate draws them."""
    delegate = view.itemDelegate()
    assert isinstance(delegate, NoteDelegate)
    option = QStyleOptionViewItem()
    option.widget = view
    return delegate.card_lines(option, view.model().index(row, 0))
