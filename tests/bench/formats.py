"""How fast Carnet reads PDF and EPUB files: pages (or chapters) and characters per second.

``python -m tests.bench.formats FILE... [--repeat N] [--json]`` loads each FILE through
``load_document`` (as an import does: read, extract, clean up, metadata) N times (default
3) and prints the best run: wall time, pages per second for a PDF, contents entries
(chapters) per second for a book without pages, and characters of reading text per second.
A file Carnet skips is reported with its reason.

Not a test (pytest does not collect it): a measure to run before and after a change.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from app.core.documents.loader import load_document
from app.core.errors import DocumentSkipped


def measure(path: Path, repeat: int) -> dict[str, object]:
    """The best of ``repeat`` loads of ``path``, with what it yields."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            doc = load_document(path)
        except DocumentSkipped as skipped:
            return {"file": str(path), "skipped": skipped.reason}
        best = min(best, time.perf_counter() - start)
    units, unit = (doc.pages, "pages") if doc.pages else (len(doc.toc) or 1, "chapters")
    return {
        "file": str(path),
        "format": doc.format,
        "title": doc.title,
        "bytes": path.stat().st_size,
        "unit": unit,
        "units": units,
        "chars": len(doc.text),
        "seconds": round(best, 4),
        "units_per_second": round(units / best, 1),
        "chars_per_second": round(len(doc.text) / best),
    }


def _line(row: dict[str, object]) -> str:
    if "skipped" in row:
        return f"{row['file']}: skipped, {row['skipped']}"
    return (
        f"{row['file']} ({row['format']}, {row['units']} {row['unit']}, {row['chars']:,} chars):"
        f" {row['seconds']:.3f} s, {row['units_per_second']:,} {row['unit']}/s,"
        f" {row['chars_per_second']:,} chars/s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.formats", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--repeat", type=int, default=3, help="loads per file (best kept)")
    parser.add_argument("--json", action="store_true", help="one JSON list on stdout")
    args = parser.parse_args(argv)
    rows = [measure(path, max(args.repeat, 1)) for path in args.files]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for row in rows:
            print(_line(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
