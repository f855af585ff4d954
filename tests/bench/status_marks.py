"""What the status marks before titles cost in the library list at 10,000 documents.

Timed ``--repeats`` times each (median and p95 in ms), offscreen: asking every row's title
for its mark (``DecorationRole``), as a view's painting does; painting the list's visible
rows at 20 places from top to bottom, with no status at all (the list as it was) and with
3,500 documents reading or finished; and a status change (``set_reading_states``) followed
by a repaint::

    QT_QPA_PLATFORM=offscreen python -m tests.bench.status_marks
"""

from __future__ import annotations

import argparse
import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.core.library.records import DocumentRecord
from app.core.notes.reading import ReadingState
from app.ui.library.document_table import new_document_table
from app.ui.library.model import TITLE, DocumentFilterProxy, DocumentListModel
from tests.bench.stats import summary, timed


def records(n: int) -> list[DocumentRecord]:
    return [
        DocumentRecord(
            f"d{i:05}", f"/docs/d{i:05}.txt", f"Titre du document {i}", "Le Monde", None, 900, 4, ""
        )
        for i in range(n)
    ]


def states(ids: list[str]) -> dict[str, ReadingState]:
    rng = random.Random(14)
    chosen = rng.sample(ids, 3500)
    return {
        doc_id: ReadingState(doc_id, "finished" if k % 7 == 0 else "reading")
        for k, doc_id in enumerate(chosen)
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    app = QApplication([])
    recs = records(args.documents)
    marked = states([r.id for r in recs])
    model = DocumentListModel()
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(model)
    host = QWidget()
    host.resize(520, 800)
    table = new_document_table(host, proxy)
    table.resize(520, 800)
    table.show()
    bar = table.verticalScrollBar()

    def paint_through() -> None:
        for step in range(20):
            bar.setValue(bar.maximum() * step // 19)
            table.viewport().grab()

    def ask_marks() -> None:
        for row in range(model.rowCount()):
            model.index(row, TITLE).data(Qt.ItemDataRole.DecorationRole)

    figures: dict[str, list[float]] = {}
    model.set_records(recs, {}, states={})
    app.processEvents()
    figures["paint 20 pages, no status"] = [timed(paint_through)[1] for _ in range(args.repeats)]
    model.set_records(recs, {}, states=marked)
    app.processEvents()
    figures["paint 20 pages, marked"] = [timed(paint_through)[1] for _ in range(args.repeats)]
    figures["DecorationRole x all rows"] = [timed(ask_marks)[1] for _ in range(args.repeats)]
    changed = dict(marked)

    def change_one() -> None:
        doc_id = recs[len(changed) % len(recs)].id
        changed[doc_id] = ReadingState(doc_id, "finished")
        model.set_reading_states(changed)
        table.viewport().grab()

    figures["status change + repaint"] = [timed(change_one)[1] for _ in range(args.repeats)]
    print(f"{args.documents} documents, 3,500 marked, {args.repeats} runs each")
    for name, ms in figures.items():
        s = summary(ms)
        print(f"{name:28} median {s['median_ms']:7.1f} ms  p95 {s['p95_ms']:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
