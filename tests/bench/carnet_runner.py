"""Carnet's side of the benchmark, run in a fresh process per library size.

Everything goes through the code the app uses: ``Workspace(DataPaths(dir))``,
``import_paths`` + ``sync_index`` to index, ``Workspace.search(query, limit=10)`` (ranking
and snippets) to search, ``NotesStore.add`` / ``NotesStore.search`` for notes. Each search
is timed with ``time.perf_counter`` around the call; the ``took_ms`` Carnet reports itself
is kept alongside. Usage (normally started by ``python -m tests.bench``)::

    python -m tests.bench.carnet_runner DIR SIZE OUT.json
    python -m tests.bench.carnet_runner DIR SIZE --profile   # cProfile of the indexing
"""

from __future__ import annotations

import cProfile
import json
import pstats
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from app.core.notes import anchor_for_quote
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.core.workspace import Workspace
from tests.bench.generate import (
    ADDED_WORD,
    CHANGED_WORD,
    INCREMENTAL_ADDED,
    apply_change,
    changed_number,
    doc_path,
    library_dir,
    progress,
    reference_word,
    removed_numbers,
    revert_change,
)
from tests.bench.queries import CLASSES, Query, document_queries, note_queries, note_specs
from tests.bench.stats import library_files, rusage_mb, summary, timed, tree_mb

REPEATS = 5  # warm passes over every query set, after one warm-up pass
LIMIT = 10


def _data_paths(directory: Path) -> DataPaths:
    data = directory / "carnet-data"
    shutil.rmtree(data, ignore_errors=True)
    return DataPaths(data)


def full_index(paths: DataPaths, library: Path, size: int) -> dict[str, float]:
    with Workspace(paths) as ws:
        report, import_ms = timed(lambda: ws.import_paths([library]))
        assert len(report.added) == size, (len(report.added), report.skipped[:3])
        update, index_ms = timed(ws.sync_index)
        assert update.indexed == size, update
    total_s = (import_ms + index_ms) / 1000
    return {
        "import_s": import_ms / 1000,
        "index_s": index_ms / 1000,
        "total_s": total_s,
        "docs_per_s": size / total_s,
        "peak_rss_mb": rusage_mb()["self_maxrss_mb"],
    }


def first_queries(paths: DataPaths, queries: list[Query]) -> dict[str, Any]:
    """Per query: a new Workspace in this process, then its first search (open included)."""
    ms: dict[str, list[float]] = defaultdict(list)
    for q in queries:
        began = time.perf_counter()
        ws = Workspace(paths)
        ws.search(q.carnet, limit=LIMIT)
        ms[q.cls].append((time.perf_counter() - began) * 1000)
        ws.close()
    return {cls: summary(v) for cls, v in ms.items()}


def warm_queries(ws: Workspace, queries: list[Query]) -> dict[str, Any]:
    for q in queries:  # warm-up
        ws.search(q.carnet, limit=LIMIT)
    ms: dict[str, list[float]] = defaultdict(list)
    took: dict[str, list[float]] = defaultdict(list)
    per_prefix: dict[str, list[float]] = defaultdict(list)
    hits: dict[str, list[int]] = defaultdict(list)
    for _ in range(REPEATS):
        for q in queries:
            results, elapsed = timed(lambda q=q: ws.search(q.carnet, limit=LIMIT))
            ms[q.cls].append(elapsed)
            took[q.cls].append(results.took_ms)
            hits[q.cls].append(len(results.hits))
            if q.cls == "prefix":
                per_prefix[q.carnet].append(elapsed)
    out: dict[str, Any] = {}
    for cls, values in ms.items():
        out[cls] = summary(values) | {
            "took_median_ms": summary(took[cls])["median_ms"],
            "mean_hits": sum(hits[cls]) / len(hits[cls]),
        }
    if per_prefix:
        worst = max(per_prefix, key=lambda p: summary(per_prefix[p])["median_ms"])
        out["worst prefix"] = summary(per_prefix[worst]) | {"query": worst}
    return out


def add_notes(ws: Workspace, directory: Path, size: int) -> dict[str, Any]:
    ids = {r.path: r.id for r in ws.library.all()}
    texts: dict[str, str] = {}
    add_ms: list[float] = []
    for spec in note_specs(library_files(directory, size)):
        doc_id = ids[str(spec.path.resolve())]
        if doc_id not in texts:
            texts[doc_id] = ws.library.text(doc_id)
        anchor = anchor_for_quote(texts[doc_id], spec.quote)
        _, elapsed = timed(
            lambda d=doc_id, s=spec, a=anchor: ws.notes.add(d, s.text, tags=s.tags, anchor=a)
        )
        add_ms.append(elapsed)
    return {"count": len(add_ms), "add": summary(add_ms)}


def note_searches(ws: Workspace, paths: DataPaths) -> dict[str, Any]:
    queries = note_queries()
    for q in queries:  # warm-up (fills the per-note term cache)
        ws.notes.search(q.carnet, limit=LIMIT)
    warm: list[float] = []
    for _ in range(REPEATS):
        for q in queries:
            warm.append(timed(lambda q=q: ws.notes.search(q.carnet, limit=LIMIT))[1])
    first: list[float] = []
    for q in queries:
        began = time.perf_counter()
        store = NotesStore(paths)
        store.search(q.carnet, limit=LIMIT)
        first.append((time.perf_counter() - began) * 1000)
        store.close()
    return {"warm": summary(warm), "first": summary(first)}


def incremental(ws: Workspace, directory: Path, library: Path, size: int) -> dict[str, float]:
    """Change 1, add 10, remove 10 files; time until searches see all of it."""
    changed_id = {r.path: r.id for r in ws.library.all()}[
        str(doc_path(library, changed_number(size)))
    ]
    removed_query = " ".join(reference_word(n) for n in removed_numbers(size))
    apply_change(directory, size)
    try:
        report, import_ms = timed(lambda: ws.import_paths([library]))
        _, index_ms = timed(ws.sync_index)

        def confirm() -> None:
            changed = ws.search(CHANGED_WORD, limit=LIMIT)
            added = ws.search(ADDED_WORD, limit=LIMIT)
            removed = ws.search(removed_query, limit=LIMIT)
            assert [h.id for h in changed.hits] == [changed_id], changed
            assert added.total == INCREMENTAL_ADDED, added.total
            assert removed.total == 0, removed.total

        _, confirm_ms = timed(confirm)
        assert (len(report.added), len(report.updated), len(report.removed)) == (10, 1, 10)
    finally:
        revert_change(directory, size)
    return {
        "total_ms": import_ms + index_ms + confirm_ms,
        "import_ms": import_ms,
        "index_ms": index_ms,
        "confirm_ms": confirm_ms,
    }


def run(directory: Path, size: int) -> dict[str, Any]:
    paths = _data_paths(directory)
    library = library_dir(directory).resolve()
    result: dict[str, Any] = {"engine": "carnet", "docs": size}
    progress(f"carnet: indexing {size:,} documents")
    result["index"] = full_index(paths, library, size)
    result["disk_mb"] = tree_mb(paths.library_db) + tree_mb(paths.index_dir)
    progress(
        f"carnet: indexed in {result['index']['total_s']:.1f} s "
        f"({result['index']['docs_per_s']:.0f} docs/s); first queries after opening"
    )
    queries = document_queries()
    result["first"] = first_queries(paths, queries)
    # Peak RSS after each step (ru_maxrss only grows): where the memory goes.
    rss = result["rss_mb"] = {"indexed": result["index"]["peak_rss_mb"]}
    rss["first queries"] = rusage_mb()["self_maxrss_mb"]
    with Workspace(paths) as ws:
        progress("carnet: warm queries")
        result["warm"] = warm_queries(ws, queries)
        rss["warm queries"] = rusage_mb()["self_maxrss_mb"]
        progress("carnet: adding notes")
        result["notes_add"] = add_notes(ws, directory, size)
        rss["notes"] = rusage_mb()["self_maxrss_mb"]
        progress("carnet: searching notes")
        notes = note_searches(ws, paths)
        result["warm"]["notes"] = notes["warm"]
        result["first"]["notes"] = notes["first"]
        progress("carnet: incremental update")
        result["incremental"] = incremental(ws, directory, library, size)
    result["rusage"] = rusage_mb()
    assert set(result["warm"]) >= set(CLASSES)
    return result


def profile_indexing(directory: Path, size: int, top: int = 10) -> None:
    """cProfile of import_paths + sync_index; the ``top`` cumulative entries to stderr."""
    paths = _data_paths(directory)
    library = library_dir(directory).resolve()
    profiler = cProfile.Profile()
    with Workspace(paths) as ws:
        profiler.enable()
        ws.import_paths([library])
        ws.sync_index()
        profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(top)


def main(argv: list[str]) -> None:
    directory, size = Path(argv[0]), int(argv[1])
    if argv[2] == "--profile":
        profile_indexing(directory, size)
        return
    result = run(directory, size)
    Path(argv[2]).write_text(json.dumps(result, indent=1), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
