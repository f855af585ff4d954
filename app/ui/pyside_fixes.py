"""A work-around for a PySide6 reference-count bug that aborts the window.

PySide6 6.12 on CPython 3.11 returns the ``bool`` of ``SignalInstance.emit()`` without
taking a reference to it, so every ``signal.emit(...)`` made from Python drops one
reference to ``True`` or ``False`` that it never took. After a few hundred to a few
thousand emits (an afternoon of note taking: every autosave emits), CPython aborts with
"Fatal Python error: bool_dealloc" and the window dies.

CPython 3.12 made ``True`` and ``False`` immortal, which makes the bug harmless; here we
do the same for 3.11 by giving them a reference count no session can exhaust. It touches
nothing else, and does nothing on 3.12+ or other interpreters.
"""

from __future__ import annotations

import ctypes
import platform
import sys

# 2**40 emits: at a million per second, twelve days of uninterrupted emitting.
_RESERVE = 1 << 40


def make_bools_immortal() -> bool:
    """Give True and False a huge reference count on CPython < 3.12; True if applied."""
    if platform.python_implementation() != "CPython" or sys.version_info >= (3, 12):
        return False
    for value in (True, False):
        # ob_refcnt is the first field of every CPython object (Py_ssize_t).
        ctypes.c_ssize_t.from_address(id(value)).value += _RESERVE
    return True
