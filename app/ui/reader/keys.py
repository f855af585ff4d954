"""The keys the reader claims from the window while the focus is inside it.

Ctrl+F (find), Ctrl+Shift+H and Ctrl+Shift+N (highlight the selection, with a note) and,
while the find bar is open, F3, Shift+F3 and Esc. ``ReaderView`` takes a claimed key in
its ShortcutOverride, so a window binding the same keys never makes them ambiguous; a key
claimed for nothing to do is left to the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

if TYPE_CHECKING:
    from app.ui.reader.view import ReaderView

HIGHLIGHT_KEYS = {"Ctrl+Shift+H": False, "Ctrl+Shift+N": True}  # keys -> with a note


def claimed_command(reader: ReaderView, event: QKeyEvent) -> Callable[[], None] | None:
    """What ``event`` does in ``reader`` if the reader claims the key now, else None."""
    if event.matches(QKeySequence.StandardKey.Find):
        return reader.open_find if reader.record() is not None else None
    combo = QKeySequence(event.keyCombination()).toString()
    if combo in HIGHLIGHT_KEYS:
        if reader.selected_span() is None:
            return None
        with_note = HIGHLIGHT_KEYS[combo]
        return lambda: reader.request_highlight(with_note)
    if not reader.is_find_open():
        return None
    if event.key() == Qt.Key.Key_Escape:
        return reader.close_find
    if event.key() == Qt.Key.Key_F3:
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        return reader.find_previous if shift else reader.find_next
    return None
