"""What keeping the reading progress costs per scroll step in a long document.

``python -m tests.bench.reader_progress FILE [--steps N] [--rounds R]`` opens FILE's text in
a ReaderView (1200x800, offscreen unless QT_QPA_PLATFORM says otherwise), waits for the
whole text to be typeset, then scrolls it top to bottom in N equal steps, and prints the
median over R rounds of:

- ``scroll_step_us``: one scroll step as the reader handles it (reading position, the
  progress figure, progressChanged / endReached), in microseconds;
- ``without_progress_us``: the same step with the progress hook switched off (what the
  reader cost before it kept any progress);
- ``reports``: how many progressChanged the N steps gave (one per whole percent at most).

Not a test (pytest does not collect it): a measure to run before and after a change.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.ui.reader.view import ReaderView
from tests.bench.reader_open import file_record


def one_round(view: ReaderView, steps: int) -> tuple[float, int]:
    bar = view.browser.verticalScrollBar()
    bar.setValue(0)
    reports: list[float] = []
    view.progressChanged.connect(reports.append)
    stride = max(1, bar.maximum() // steps)
    values = list(range(stride, bar.maximum() + stride, stride))
    start = time.perf_counter()
    for value in values:
        bar.setValue(value)  # valueChanged runs the reader's handlers synchronously
    scroll = (time.perf_counter() - start) / len(values)
    view.progressChanged.disconnect(reports.append)
    return scroll * 1e6, len(reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    text = args.file.read_text("utf-8")
    record = file_record(args.file, text)
    view = ReaderView()
    view.resize(1200, 800)
    view.show()
    view.show_document(record, text)
    while not view.is_typeset():
        app.processEvents()
    app.processEvents()
    rounds = [one_round(view, args.steps) for _ in range(args.rounds)]
    hook = view._view_moved  # switched off: what it adds
    view._view_moved = lambda by_reader: None  # type: ignore[method-assign]
    without = [one_round(view, args.steps)[0] for _ in range(args.rounds)]
    view._view_moved = hook  # type: ignore[method-assign]
    print(f"file: {args.file} ({len(text):,} characters), {args.steps} steps, {args.rounds} rounds")
    print(f"scroll_step_us: {statistics.median(r[0] for r in rounds):.0f} (median)")
    print(f"without_progress_us: {statistics.median(without):.0f} (median)")
    print(f"reports: {rounds[0][1]} (first round)")


if __name__ == "__main__":
    main()
