"""What the reader's reading-status writes cost on the GUI thread when a document changes.

``python -m tests.bench.reading_writes [--rounds R] [--dir DIR]`` makes a notes store in a
new folder under DIR (default: a temporary folder) and times, R times each over R
documents, the writes the window now makes when the reader moves from one document to
the next (``ReadingRecord``):

- ``leave_ms``: ``save_position`` of the document left;
- ``open_ms``: ``document_opened`` of the next one (its first opening: a new row);
- ``reopen_ms``: ``document_opened`` of a document already being read;
- ``read_position_ms``: ``reading_state`` read for the position to restore;
- ``finished_ms``: ``document_finished``.

Each write is a transaction of the notes store (WAL, synchronous=FULL): the figure is
mostly the disk's sync. Medians and 95th percentiles in milliseconds. Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from app.core.notes.store import NotesStore
from app.core.paths import DataPaths


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):.2f}  p95 {p95:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        store = NotesStore(DataPaths(Path(folder) / "data"))
        ids = [f"doc{n:05}" for n in range(args.rounds)]
        results: dict[str, list[float]] = {
            "open_ms": [],
            "leave_ms": [],
            "reopen_ms": [],
            "read_position_ms": [],
            "finished_ms": [],
        }
        for doc_id in ids:
            results["read_position_ms"].append(timed(partial(store.reading_state, doc_id)))
            results["open_ms"].append(timed(partial(store.document_opened, doc_id)))
            results["leave_ms"].append(timed(partial(store.save_position, doc_id, 1234, 0.42)))
        for doc_id in ids:
            results["reopen_ms"].append(timed(partial(store.document_opened, doc_id)))
            results["finished_ms"].append(timed(partial(store.document_finished, doc_id)))
        store.close()
    for name, samples in results.items():
        print(f"{name:18} {figures(samples)}  (n={len(samples)})")


if __name__ == "__main__":
    main()
