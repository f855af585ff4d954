"""What recomputing the sidebar's groups costs at 10,000 documents (after each change).

Three steps, each timed ``--repeats`` times (median and p95 in ms): ``groups()`` over a
shelf in memory; reading the shelf from a notes store (reading states, note counts,
collections and their members); and the pane's whole ``refresh_groups`` (both, plus the
sidebar's rows and the list's status column), offscreen. The notes store is made under
``--scratch`` (3,000 reading states, 600 notes, 20 collections of 300 documents)::

    QT_QPA_PLATFORM=offscreen python -m tests.bench.sidebar_groups --scratch /tmp/w/G/bench
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from app.core.groups import Shelf, groups
from app.core.library.records import DocumentRecord
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from tests.bench.stats import summary, timed


def records(n: int, roots: list[Path]) -> list[DocumentRecord]:
    out = []
    for i in range(n):
        root = roots[i % len(roots)]
        path = f"corpus/a{i}.md" if i < 5 else f"{root}/doc{i:05}.txt"
        out.append(DocumentRecord(f"d{i:05}", path, f"Titre {i}", "Le Monde", None, 900, 4, ""))
    return out


def fill_store(notes: NotesStore, ids: list[str]) -> None:
    rng = random.Random(14)
    for doc_id in rng.sample(ids, 3000):
        notes.document_opened(doc_id)
    for doc_id in rng.sample(ids, 500):
        notes.set_status(doc_id, "finished")
    for doc_id in rng.sample(ids, 600):
        notes.add(doc_id, "note")
    for c in range(20):
        notes.create_collection(f"Collection {c}")
        notes.add_to_collection(f"Collection {c}", rng.sample(ids, 300))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", type=Path, required=True)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    shutil.rmtree(args.scratch, ignore_errors=True)
    args.scratch.mkdir(parents=True)
    roots = [Path("/home/reader/Manuel"), Path("/home/reader/Articles")]
    recs = records(args.documents, roots)
    notes = NotesStore(DataPaths(args.scratch / "data"))
    fill_store(notes, [r.id for r in recs])

    def read() -> Shelf:
        return Shelf(
            recs,
            roots,
            notes.reading_states(),
            notes.count_by_document(),
            notes.collections(),
            notes.collection_members(),
        )

    shelf = read()
    figures = {
        "groups()": [timed(lambda: groups(shelf))[1] for _ in range(args.repeats)],
        "read shelf from store": [timed(read)[1] for _ in range(args.repeats)],
    }

    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - the core steps need no Qt

    from app.ui.library.pane import LibraryPane  # noqa: PLC0415
    from app.ui.library.shelf_controller import ShelfController  # noqa: PLC0415

    app = QApplication([])
    pane = LibraryPane()

    class FakeLibrary:
        corpus_dir = None

        def roots(self) -> list[Path]:
            return roots

    pane.model.set_records(recs, {})
    pane.attach_shelf(ShelfController(notes, FakeLibrary()))  # type: ignore[arg-type]
    pane.choose_group(groups(shelf)[-1].key)  # a collection: the list is filtered too
    figures["pane.refresh_groups()"] = [timed(pane.refresh_groups)[1] for _ in range(args.repeats)]
    print(f"{args.documents} documents, {args.repeats} runs each")
    for name, ms in figures.items():
        s = summary(ms)
        print(f"{name:24} median {s['median_ms']:7.1f} ms  p95 {s['p95_ms']:7.1f} ms")
    notes.close()
    del pane, app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
