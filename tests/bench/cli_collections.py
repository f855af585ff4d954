"""What collections and reading status cost the command line, on a big indexed library.

Files a share of the library in a collection (and a child collection) and gives a share
a status, through the notes store as the commands do, then times, as new processes of
``main.py`` (what a script pays), ``list --json`` (which now reads every document's
collections and status), ``collections --json``, and ``list``/``search`` restricted with
``--collection``/``--status``; and, in process, the store reads ``list --json`` added.
It WRITES to the data directory: give it a copy (``cp -r``)::

    python -m tests.bench.cli_collections --data-dir COPY [--repeats 5] [--query WORD]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path

from app.core.paths import DataPaths
from app.core.workspace import Workspace
from tests.bench.stats import summary, timed
from tests.conftest import REPO

COLLECTION, CHILD = "Bench", "Bench child"
FILED_SHARE, CHILD_SHARE, STATUS_SHARE = 0.3, 0.05, 0.2


def organise(data_dir: Path) -> int:
    """A collection holding 30 % of the documents (5 % in its child), 20 % with a status;
    the library's size."""
    with Workspace(DataPaths(data_dir)) as ws:
        ids = [r.id for r in ws.library.all()]
        rng = random.Random(14)
        notes = ws.notes
        if notes.find_collection(COLLECTION) is None:
            notes.add_to_collection(
                COLLECTION, rng.sample(ids, round(FILED_SHARE * len(ids))), create=True
            )
            notes.create_collection(CHILD, COLLECTION)
            notes.add_to_collection(CHILD, rng.sample(ids, round(CHILD_SHARE * len(ids))))
            for n, doc_id in enumerate(rng.sample(ids, round(STATUS_SHARE * len(ids)))):
                notes.set_status(doc_id, ("reading", "finished")[n % 2])
        return len(ids)


def run_ms(data_dir: Path, *args: str) -> float:
    command = [sys.executable, str(REPO / "main.py"), "--data-dir", str(data_dir), *args]

    def run() -> None:
        subprocess.run(command, capture_output=True, check=True, timeout=600)

    return timed(run)[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--query", default="ouverture")
    args = parser.parse_args()
    size = organise(args.data_dir)
    print(f"{size} documents; repeats {args.repeats}; medians (p95) in ms")
    commands = {
        "list --json": ["list", "--json"],
        "list --json --collection": ["list", "--json", "--collection", COLLECTION],
        "list --json --status finished": ["list", "--json", "--status", "finished"],
        "collections --json": ["collections", "--json"],
        "search": ["search", args.query, "--json"],
        "search --collection": ["search", args.query, "--json", "--collection", COLLECTION],
        "search --collection --status": [
            "search",
            args.query,
            "--json",
            "--collection",
            COLLECTION,
            "--status",
            "reading",
        ],
    }
    run_ms(args.data_dir, "search", args.query)  # the index synced and warm in the page cache
    for label, command in commands.items():
        s = summary([run_ms(args.data_dir, *command) for _ in range(args.repeats)])
        print(f"{label:32} {s['median_ms']:8.0f} ({s['p95_ms']:.0f})")
    with Workspace(DataPaths(args.data_dir)) as ws:
        parts = {
            "library.all()": ws.library.all,
            "notes.collections_of()": ws.notes.collections_of,
            "notes.reading_states()": ws.notes.reading_states,
        }
        for label, fn in parts.items():
            s = summary([timed(fn)[1] for _ in range(args.repeats)])
            print(f"in process: {label:24} {s['median_ms']:8.1f} ({s['p95_ms']:.1f})")


if __name__ == "__main__":
    main()
