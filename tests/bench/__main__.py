"""Search benchmark: Carnet's indexing and search against SQLite FTS5 on the same documents.

Usage::

    python -m tests.bench [--docs 1000,10000] [--json PATH] [--dir DIR] [--keep]

Method:

1. For each size, a deterministic French-like library is generated under
   ``DIR/docs-N/library`` (``tests.bench.generate``: corpus sentences mixed with frequent
   words, elisions with ’ and ', accents, ~600 words, a headline and a ``Source :`` line,
   1,000 files per folder). It is generated once and reused while its marker matches.
2. Carnet is measured in a fresh process per size (``tests.bench.carnet_runner``) through
   the app's own code: ``Workspace.import_paths`` + ``sync_index`` (full indexing, then an
   incremental change of 1 file changed, 10 added, 10 removed, timed until searches see it),
   ``Workspace.search(q, limit=10)`` with snippets, warm (one warm-up pass, then 5 passes)
   and as the first query of a new ``Workspace`` in the same process (the OS page cache
   and Python's caches are warm: this is reopening, not a cold boot), and
   ``NotesStore.add`` / ``NotesStore.search`` with 2,000 notes quoting the documents.
3. SQLite FTS5 (``unicode61 remove_diacritics 2``) is measured on the same files and the
   same queries in another fresh process (``tests.bench.fts5_runner``); how each query is
   written for FTS5 is in ``tests.bench.queries``. Fuzzy queries have no FTS5 equivalent.
4. Peak RSS is ``ru_maxrss`` of each process (``RUSAGE_SELF`` and ``RUSAGE_CHILDREN``): the
   figure at the end of indexing is the indexing peak, the one at the end covers the run.
5. One Markdown table per size goes to stdout (progress goes to stderr); ``--json`` writes
   every figure. Window measures are a hook (``tests.bench.window``), "not measured" for now.

The data directories (``carnet-data``, ``fts5.sqlite3``) are deleted after each size unless
``--keep``; the generated libraries stay, to be reused. Medians and p95 over a few dozen
runs on a shared machine are indicative: compare figures from the same run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.bench.generate import ensure_library, progress
from tests.bench.report import header, machine, table
from tests.bench.stats import rusage_mb
from tests.bench.window import measure_window

REPO = Path(__file__).resolve().parents[2]


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(s.replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--docs takes numbers like 1000,10000: {exc}") from exc
    if not sizes or min(sizes) < 100:
        raise argparse.ArgumentTypeError("--docs: sizes of at least 100 documents")
    return sizes


def _runner(module: str, directory: Path, size: int) -> dict[str, Any]:
    """Run one engine's measures in a fresh Python process; its figures come back as JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        subprocess.run(
            [sys.executable, "-m", f"tests.bench.{module}", str(directory), str(size), str(out)],
            cwd=REPO,
            check=True,
        )
        result: dict[str, Any] = json.loads(out.read_text("utf-8"))
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--docs", type=_sizes, default=[1_000, 10_000], help="sizes, e.g. 1000,10000"
    )
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--dir", type=Path, default=REPO / ".bench", help="default: .bench/")
    parser.add_argument("--keep", action="store_true", help="keep the data dirs after each size")
    args = parser.parse_args(argv)
    root = args.dir.resolve()
    info = machine()
    print(header(info), flush=True)
    report: dict[str, Any] = {"machine": info, "sizes": {}}
    for size in args.docs:
        progress(f"library of {size:,} documents")
        directory = ensure_library(root, size)
        carnet = _runner("carnet_runner", directory, size)
        fts5 = _runner("fts5_runner", directory, size)
        window = measure_window(directory)
        report["sizes"][str(size)] = {"carnet": carnet, "fts5": fts5, "window": window}
        print(table(size, carnet, fts5, window), flush=True)
        if not args.keep:
            shutil.rmtree(directory / "carnet-data", ignore_errors=True)
            for suffix in ("", "-wal", "-shm"):
                (directory / f"fts5.sqlite3{suffix}").unlink(missing_ok=True)
    report["orchestrator_rusage"] = rusage_mb()
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), "utf-8")
        progress(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
