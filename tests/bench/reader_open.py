"""How the reader opens a long document: first paint, full typesetting, longest stall.

``python -m tests.bench.reader_open FILE [--restore FRACTION] [--json]`` opens FILE's text
in a ReaderView (1200x800, offscreen unless QT_QPA_PLATFORM says otherwise), as the window
does: show the text, draw its notes, restore a reading position (by default 90 % of the
way in), and prints, in ms from the call to ``show_document``:

- ``first_paint_ms``: the reader's text view first painted with the document's text in it;
- ``typeset_ms``: the whole text in the view (``typesetFinished``);
- ``position_ms``: the reading position restored (the view scrolled there);
- ``longest_stall_ms``: the longest gap between two turns of the event loop, from just
  before ``show_document`` until 300 ms after everything above (a 1 ms ``QTimer``
  heartbeat; the call to ``show_document`` itself counts as a stall).

Not a test (pytest does not collect it): a measure to run before and after a change.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.core.library.store import DocumentRecord
from app.ui.reader.view import ReaderView

HEARTBEAT_MS = 1
SETTLE_MS = 300


def file_record(path: Path, text: str) -> DocumentRecord:
    """A record for a file read outside any library, as the reader benchmarks show it."""
    words = len(text.split())
    return DocumentRecord(
        id="bench",
        path=str(path),
        title=path.stem,
        source="",
        date="",
        words=words,
        reading_minutes=words // 230,
        sha256="0" * 64,
    )


def measure(path: Path, restore: float) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    text = path.read_text("utf-8")
    record = file_record(path, text)
    view = ReaderView()
    view.resize(1200, 800)
    view.show()
    app.processEvents()

    marks: dict[str, float] = {}
    ticks: list[float] = []
    t0 = 0.0
    target = int(len(text) * restore)

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if (
                event.type() == QEvent.Type.Paint
                and t0
                and "first_paint_ms" not in marks
                and view.document_id() == "bench"
            ):
                marks["first_paint_ms"] = (time.perf_counter() - t0) * 1000
            return False

    watch = PaintWatch()
    view.browser.viewport().installEventFilter(watch)
    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def typeset() -> None:
        marks.setdefault("typeset_ms", (time.perf_counter() - t0) * 1000)

    # A reader without slices (before they came) is typeset when show_document returns.
    sliced = hasattr(view, "typesetFinished")
    if sliced:
        view.typesetFinished.connect(typeset)

    def check_position() -> None:
        if "position_ms" not in marks and view.browser.verticalScrollBar().value() > 0:
            top = view.qt_to_py(view.browser.top_position())
            if abs(top - target) < 2_000:
                marks["position_ms"] = (time.perf_counter() - t0) * 1000

    heartbeat.timeout.connect(check_position)

    def open_it() -> None:
        nonlocal t0
        ticks.append(time.perf_counter())
        t0 = time.perf_counter()
        view.show_document(record, text)
        if not sliced:
            typeset()
        view.set_note_highlights([])
        view.restore_position(target)

    heartbeat.start()
    QTimer.singleShot(0, open_it)
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        app.processEvents()
        done = {"first_paint_ms", "typeset_ms"} <= marks.keys() and (
            "position_ms" in marks or target == 0
        )
        if done and (time.perf_counter() - t0) * 1000 > max(marks.values()) + SETTLE_MS:
            break
        time.sleep(0.0002)
    heartbeat.stop()
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    result = {k: round(v, 1) for k, v in marks.items()}
    result["longest_stall_ms"] = round(max(gaps, default=0.0), 1)
    if os.environ.get("READER_OPEN_DEBUG"):
        worst = sorted(range(len(gaps)), key=gaps.__getitem__)[-5:]
        print([(round((ticks[i] - t0) * 1000), round(gaps[i])) for i in worst], file=sys.stderr)
    result["chars"] = len(text)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.reader_open")
    parser.add_argument("file", type=Path)
    parser.add_argument("--restore", type=float, default=0.9, help="reading position (0-1)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.file, args.restore)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
