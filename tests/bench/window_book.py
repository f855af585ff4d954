"""The window benchmark's book: open a 1 MB text in the reader, scroll through it, select.

``python -m tests.bench.window book [FILE]`` runs it (offscreen); without FILE a 1 MB
French-looking text is generated. It prints one JSON line with the figures.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from app.core.paths import DataPaths
from app.ui.application import make_application
from app.ui.main_window import MainWindow
from tests.bench.heartbeat import Heartbeat

BOOK_CHARS = 1_000_000
SCROLL_STEPS = 240  # page-downs spread over the whole book
SELECTIONS = 40
_WORDS = (  # noqa: SIM905 - a sentence's worth of words reads better as one string
    "le la les un une des de du et à en dans pour sur avec paquet système fichier "
    "configuration réseau noyau utilisateur commande serveur archive version "
    "installation sécurité démarrage service mémoire disque sauvegarde"
).split()


def generated_book(path: Path, chars: int = BOOK_CHARS) -> Path:
    """A plain-text book of about ``chars`` characters: a title, chapters, wrapped prose."""
    rng = random.Random(11)
    parts = ["Référence du système\n\n"]
    size, chapter = 0, 0
    while size < chars:
        chapter += 1
        parts.append(f"Chapitre {chapter}\n\n")
        for _ in range(12):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(60, 140))]
            line, lines = "", []
            for word in words:
                if len(line) + len(word) > 70:
                    lines.append(line)
                    line = ""
                line = f"{line} {word}" if line else word.capitalize() if not lines else word
            lines.append(line + ".")
            paragraph = "\n".join(lines) + "\n\n"
            parts.append(paragraph)
            size += len(paragraph)
    path.write_text("".join(parts), "utf-8")
    return path


def _wait(signal: object, ms: int = 120_000) -> None:
    loop = QEventLoop()
    signal.connect(lambda *_: loop.quit())  # type: ignore[attr-defined]
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class _FirstPaint(QObject):
    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.loop.quit)
        return False


def measure_book(given: str | None) -> None:
    app = make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(given) if given else generated_book(Path(tmp) / "livre.txt")
        window = MainWindow(DataPaths(Path(tmp) / "data"), start_indexing=False)
        window.resize(1400, 860)
        window.show()
        window.start_import([str(book)])
        _wait(window.indexer.finished)
        record = next(r for r in window.library.all() if r.path == str(book.resolve()))
        reader = window.reader
        # The window opens the first document of a new library on its own: let it, then
        # close it, so the measure is of an opening and nothing else.
        settle = QElapsedTimer()
        settle.start()
        while window.current_document() is None and settle.elapsed() < 60_000:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        if not reader.is_typeset():
            _wait(reader.typesetFinished)
        window.show_no_document()
        app.processEvents()
        viewport = reader.browser.viewport()

        # Open: from the request to the first paint of its text.
        loop = QEventLoop()
        spy = _FirstPaint(loop)
        viewport.installEventFilter(spy)
        began = time.perf_counter()
        window.open_document(record.id)
        typeset = QElapsedTimer()
        typeset.start()
        loop.exec()
        open_ms = (time.perf_counter() - began) * 1000
        if not reader.is_typeset():
            _wait(reader.typesetFinished)
        typeset_ms = typeset.nsecsElapsed() / 1e6

        # Scroll and select with a heartbeat running: its longest late tick is the stall.
        heartbeat = Heartbeat()
        bar = reader.browser.verticalScrollBar()
        steps = list(range(SCROLL_STEPS)) + [-1] * SELECTIONS
        done = QEventLoop()
        text_len = len(reader.text)

        def act() -> None:
            if not steps:
                done.quit()
                return
            step = steps.pop(0)
            if step >= 0:
                if step % 40 == 0:  # now and then, a jump far into the book
                    bar.setValue(bar.maximum() * step // SCROLL_STEPS)
                else:
                    QTest.keyClick(reader.browser, Qt.Key.Key_PageDown)
            else:
                at = random.randrange(text_len - 5000)
                cursor = QTextCursor(reader.browser.document())
                cursor.setPosition(reader.py_to_qt(at))
                cursor.setPosition(reader.py_to_qt(at + 4000), QTextCursor.MoveMode.KeepAnchor)
                reader.browser.setTextCursor(cursor)  # as a Shift+click far down selects
                reader.browser.ensureCursorVisible()
                middle = QPoint(viewport.width() // 2, viewport.height() // 2)
                QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=middle)
                QTest.mouseMove(viewport, middle + QPoint(200, 120))
                QTest.mouseRelease(
                    viewport, Qt.MouseButton.LeftButton, pos=middle + QPoint(200, 120)
                )
            QTimer.singleShot(16, act)  # about a frame apart, as a reader's keys come

        heartbeat.start()
        QTimer.singleShot(0, act)
        done.exec()
        heartbeat.stop()
        print(
            json.dumps(
                {
                    "book": str(given or "generated"),
                    "book_chars": text_len,
                    "book_open_ms": round(open_ms, 1),
                    "book_typeset_ms": round(typeset_ms, 1),
                    "book_longest_stall_ms": round(heartbeat.longest_stall_ms(), 2),
                    "scroll_steps": SCROLL_STEPS,
                    "selections": SELECTIONS,
                }
            ),
            flush=True,
        )
        window.close()
        del app
