"""Exercise the Qt calls Carnet makes, thousands of times, and print how refcounts moved.

Run as ``python -m tests.gui.refcount_probe N``; prints JSON ``{"None": d, "True": d,
"False": d}`` with each singleton's reference-count change over ``N`` rounds. A PySide6 that
drops a reference it never took (6.12.0 on CPython 3.11) shows a large negative change, or
aborts the process outright with "Fatal Python error: none_dealloc" before it can print.
It runs in its own process so that such an abort fails a test instead of killing pytest.
"""

from __future__ import annotations

import gc
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QSortFilterProxyModel, QStringListModel, Qt, Signal
from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QTextBrowser


class _Emitter(QObject):
    text = Signal(str)
    nothing = Signal()
    flag = Signal(bool)
    payload = Signal(object)


class _Scene:
    """The objects one round works on, made once."""

    def __init__(self) -> None:
        self.emitter = _Emitter()
        self.doc = QTextDocument()
        self.browser, self.editor, self.label = QTextBrowser(), QPlainTextEdit(), QLabel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(QStringListModel(["Genève", "Moscou", "Kiev"]))


def _round(scene: _Scene) -> None:
    emitter, doc, browser = scene.emitter, scene.doc, scene.browser
    editor, label, proxy = scene.editor, scene.label, scene.proxy
    # What typesetting a document does: one cursor, many inserts and moves.
    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock(QTextBlockFormat())
    cursor.insertText("négociations à Genève ", QTextCharFormat())
    cursor.setPosition(0)
    cursor.setPosition(3, QTextCursor.MoveMode.KeepAnchor)
    cursor.clearSelection()
    # Signal emits from Python, with and without arguments (autosave, search answers).
    emitter.text.emit("x")
    emitter.nothing.emit()
    emitter.flag.emit(True)
    emitter.flag.emit(False)
    emitter.payload.emit(None)
    # Widgets and models as the window drives them.
    browser.verticalScrollBar().setValue(0)
    browser.setExtraSelections([])
    editor.setPlainText("une note")
    label.setText("Carnet")
    label.setVisible(True)
    proxy.setFilterFixedString("a")
    proxy.setFilterFixedString("")
    proxy.sort(0, Qt.SortOrder.AscendingOrder)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    app = QApplication([])
    scene = _Scene()
    received: list[object] = []
    emitter = scene.emitter
    for signal in (emitter.text, emitter.nothing, emitter.flag, emitter.payload):
        signal.connect(lambda *args: received.append(args))
    for _ in range(50):  # warm-up: caches and lazily created objects settle first
        _round(scene)
    received.clear()
    # The cyclic collector freeing some older object that held None would read as a lost
    # reference (seen once: -1): collect first, and not during the measured rounds.
    gc.collect()
    gc.disable()
    before = {name: sys.getrefcount(value) for name, value in _SINGLETONS.items()}
    for _ in range(rounds):
        _round(scene)
        received.clear()
    after = {name: sys.getrefcount(value) for name, value in _SINGLETONS.items()}
    gc.enable()
    print(json.dumps({name: after[name] - before[name] for name in before}))
    app.quit()


_SINGLETONS = {"None": None, "True": True, "False": False}

if __name__ == "__main__":
    main()
