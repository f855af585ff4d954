"""What the reader tests share: a shown reader, and reading back what it displays."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app.ui.reader.marks import MARK_ID, MARK_KIND
from app.ui.reader.view import ReaderView


def shown_reader(qtbot: QtBot) -> ReaderView:
    """A reader on screen (offscreen), at a size that fits a column of text."""
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def body_text(view: ReaderView) -> str:
    """The text shown below the header, as Qt has it."""
    cursor = QTextCursor(view.browser.document())
    cursor.setPosition(view.py_to_qt(0))
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def qt_slice(view: ReaderView, start: int, end: int) -> str:
    """What the reader shows for the Python span ``text[start:end]``."""
    cursor = QTextCursor(view.browser.document())
    cursor.setPosition(view.py_to_qt(start))
    cursor.setPosition(view.py_to_qt(end, end=True), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def marks(view: ReaderView, kind: str) -> list[tuple[str, str]]:
    """(marked text, id) of the extra selections of one kind."""
    return [
        (s.cursor.selectedText(), s.format.stringProperty(MARK_ID))
        for s in view.browser.extraSelections()
        if s.format.property(MARK_KIND) == kind
    ]


def select(view: ReaderView, start: int, end: int) -> None:
    """Select ``text[start:end]`` as a user dragging over it would."""
    cursor = QTextCursor(view.browser.document())
    cursor.setPosition(view.py_to_qt(start))
    cursor.setPosition(view.py_to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    view.browser.setTextCursor(cursor)
