"""Jumps in the reader: going to a place of the text once the text there is typeset.

A long text is typeset in slices (see ``typeset``), so a jump to a note, a hit or a
position may be asked for before its text is in the view: ``PendingJump`` keeps it and
runs it when that text arrives. The functions place the caret and the scroll for a jump.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

# A jump waits until the text this far past its target is typeset, so it can reach the top.
JUMP_LOOKAHEAD = 6_000


class PendingJump:
    """The one jump waiting for its text: (Python offset, action); a newer one replaces it."""

    def __init__(self, is_written: Callable[[int], bool]) -> None:
        # Asked each time, not once: the text (and so where an offset lies) can change.
        self._is_written = is_written
        self._jump: tuple[int, Callable[[], None]] | None = None

    def is_waiting(self) -> bool:
        return self._jump is not None

    def cancel(self) -> None:
        self._jump = None

    def when_written(self, offset: int, action: Callable[[], None]) -> None:
        """Run ``action`` now if the text at ``offset`` is typeset, else once it is."""
        self._jump = (offset, action)
        if self._is_written(offset):
            self.run()

    def text_arrived(self) -> None:
        """More text is typeset: run the waiting jump if its text is in now."""
        if self._jump is not None and self._is_written(self._jump[0]):
            self.run()

    def run(self) -> None:
        """Run the waiting jump now, if there is one (the whole text is in)."""
        if self._jump is None:
            return
        action = self._jump[1]
        self._jump = None
        action()


def place_caret(browser: QTextEdit, position: int) -> None:
    """Put the caret at Qt ``position``, so Shift+arrows then select from there."""
    caret = QTextCursor(browser.document())
    caret.setPosition(position)
    browser.setTextCursor(caret)


def show_room_above(browser: QTextEdit, position: int) -> None:
    """With Qt ``position`` at the top of the view and starting a block, scroll up to show
    the room above that block (a page's marker, a heading's space)."""
    block = browser.document().findBlock(position)
    if block.position() != position:
        return
    # Near the end the scroll is clamped lower and the room shows already: going up
    # would hide the end.
    layout = browser.document().documentLayout()
    room = layout.blockBoundingRect(block).top() - block.blockFormat().topMargin()
    bar = browser.verticalScrollBar()
    bar.setValue(min(bar.value(), round(room)))
