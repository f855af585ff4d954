"""The Markdown report: a machine header, then one table per library size."""

from __future__ import annotations

import os
import platform
import sqlite3
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from tests.bench.queries import CLASSES

NOT_MEASURED = "not measured"


def _proc_field(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> dict[str, Any]:
    mem = _proc_field("/proc/meminfo", "MemTotal")
    try:
        whoosh = metadata.version("whoosh-reloaded")
    except metadata.PackageNotFoundError:
        whoosh = "?"
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem.split()[0]) / 1024**2, 1) if mem else None,
        "cpu": _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "?",
        "python": platform.python_version(),
        "whoosh": whoosh,
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def header(info: dict[str, Any]) -> str:
    return "\n".join(
        [
            "# Carnet search benchmark",
            "",
            f"- date: {info['date']}",
            f"- machine: {info['cores']} cores, {info['ram_gb']} GB RAM, {info['cpu']}",
            f"- {info['platform']}; Python {info['python']}; whoosh-reloaded {info['whoosh']}; "
            f"SQLite {info['sqlite']}",
            "- times: `time.perf_counter` around the app call, in ms unless said; "
            "Carnet's own `took_ms` in parentheses (`app`)",
            "- ratio = Carnet / FTS5 (above 1: Carnet is bigger, i.e. slower or heavier, "
            "except for documents per second)",
            "",
        ]
    )


def _num(value: float | None) -> str:
    if value is None:
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _get(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


class _Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(
        self,
        label: str,
        carnet: float | None,
        fts5: float | None,
        carnet_note: str = "",
        fts5_note: str = "",
    ) -> None:
        ratio = _num(carnet / fts5) if carnet is not None and fts5 else "n/a"
        self.rows.append(
            (label, _num(carnet) + carnet_note, _num(fts5) + fts5_note, ratio),
        )

    def text(self, label: str, carnet: str, fts5: str) -> None:
        self.rows.append((label, carnet, fts5, "n/a"))

    def markdown(self) -> str:
        lines = ["| measure | Carnet | FTS5 | ratio |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(lines)


def _hits(result: dict[str, Any]) -> str:
    values = [_get(result, "warm", cls, "mean_hits") for cls in CLASSES[:5]]
    return " / ".join("n/a" if v is None else f"{v:.1f}" for v in values)


def table(size: int, carnet: dict[str, Any], fts5: dict[str, Any], window: dict | None) -> str:
    t = _Table()
    c, f = carnet, fts5
    t.add("Full indexing: documents per second", *_pair(c, f, "index", "docs_per_s"))
    t.add("Full indexing: wall time (s)", *_pair(c, f, "index", "total_s"))
    t.add(
        "↳ import: files read into the library (FTS5: files read) (s)",
        *_pair(c, f, "index", "import_s"),
    )
    t.add("↳ indexing: `sync_index` (FTS5: INSERT + COMMIT) (s)", *_pair(c, f, "index", "index_s"))
    t.add("Peak RSS at the end of indexing (MB)", *_pair(c, f, "index", "peak_rss_mb"))
    t.add("Data on disk: texts + index (MB)", _get(c, "disk_mb"), _get(f, "disk_mb"))
    t.add(
        "Incremental: 1 changed, 10 added, 10 removed, until searches see it (ms)",
        *_pair(c, f, "incremental", "total_ms"),
    )
    t.add("↳ `import_paths` (ms)", _get(c, "incremental", "import_ms"), None)
    t.add(
        "↳ `sync_index` (FTS5: folder scan + writes) (ms)",
        *_pair(c, f, "incremental", "index_ms"),
    )
    t.add("↳ 3 confirming searches (ms)", *_pair(c, f, "incremental", "confirm_ms"))
    for cls in CLASSES:
        took = _get(c, "warm", cls, "took_median_ms")
        note = f" (app {_num(took)})" if took is not None else ""
        t.add(f"Search warm, {cls}: median (ms)", *_pair(c, f, "warm", cls, "median_ms"), note)
        t.add(f"Search warm, {cls}: p95 (ms)", *_pair(c, f, "warm", cls, "p95_ms"))
    t.add(
        "Search warm, worst prefix: median (ms)",
        *_pair(c, f, "warm", "worst prefix", "median_ms"),
        f" `{_get(c, 'warm', 'worst prefix', 'query')}`",
        f" `{_get(f, 'warm', 'worst prefix', 'query')}`",
    )
    t.text("Results per query, mean (word / words / phrase / prefix / fuzzy)", _hits(c), _hits(f))
    for cls in CLASSES:
        t.add(
            f"First query after opening, {cls}: median (ms)",
            *_pair(c, f, "first", cls, "median_ms"),
        )
        t.add(f"First query after opening, {cls}: p95 (ms)", *_pair(c, f, "first", cls, "p95_ms"))
    t.add("Notes: add one note, median (ms)", *_pair(c, f, "notes_add", "add", "median_ms"))
    startup = _get(window, "startup_ms") if window else None
    stall = _get(window, "longest_stall_ms") if window else None
    stall_docs = _get(window, "stall_docs") if window else None
    stall_label = f"{int(stall_docs):,}" if stall_docs else "up to 2,000"
    for label, value in (
        (f"Window shown after process start, {size:,} documents (ms)", startup),
        (f"Longest GUI event-loop stall while {stall_label} documents are indexed (ms)", stall),
    ):
        t.text(label, NOT_MEASURED if value is None else _num(value), "n/a")
    t.add("Peak RSS after the searches (MB)", *_pair(c, f, "rss_mb", "warm queries"))
    t.add("Peak RSS of the whole process (MB)", *_pair(c, f, "rusage", "self_maxrss_mb"))
    t.add("Peak RSS of its children (MB)", *_pair(c, f, "rusage", "children_maxrss_mb"))
    return f"## {size:,} documents\n\n{t.markdown()}\n"


def _pair(c: dict[str, Any], f: dict[str, Any], *keys: str) -> tuple[Any, Any]:
    return _get(c, *keys), _get(f, *keys)
