"""Small helpers shared by the runners: timing, percentiles, memory, the library's files."""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tests.bench.generate import doc_path, library_dir

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """``fn()`` and its wall time in milliseconds (``time.perf_counter``)."""
    began = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - began) * 1000


def summary(ms: list[float]) -> dict[str, float | int]:
    """Median and p95 (inclusive method: never beyond the slowest sample) in ms."""
    if not ms:
        return {"n": 0}
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[-1] if len(ms) > 1 else ms[0]
    return {
        "median_ms": statistics.median(ms),
        "p95_ms": p95,
        "max_ms": max(ms),
        "n": len(ms),
    }


def rusage_mb() -> dict[str, float]:
    """Peak resident set size of this process and of its waited-for children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self_maxrss_mb": own, "children_maxrss_mb": children}


def library_files(directory: Path, size: int) -> list[Path]:
    library = library_dir(directory)
    return [doc_path(library, n) for n in range(size)]


def tree_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def data_dir_main(
    doc: str | None,
    measure: Callable[[Path, int], dict[str, Any]],
    report: Callable[[dict[str, Any]], str],
    argv: list[str] | None = None,
) -> None:
    """The command line of a benchmark over one data directory: ``--data-dir DIR
    [--repeats N] [--json FILE]``; prints the report and how long it all took."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n", 1)[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    result = measure(args.data_dir, args.repeats)
    print(report(result))
    print(f"\n(took {time.perf_counter() - began:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), "utf-8")
