"""The SQLite FTS5 baseline, run in its own process per size (so its peak RSS is its own).

One database, ``DIR/fts5.sqlite3`` (WAL, synchronous=NORMAL like Carnet's library):

- ``docs``: FTS5 table ``(title, source, content)`` with
  ``tokenize = "unicode61 remove_diacritics 2"`` and ``bm25(3, 1, 1)`` ranking (a title
  match counts three times, as in Carnet). It stores the texts itself, as Carnet's library
  does, so the file compares with Carnet's library + index.
- ``files``: path, size, mtime_ns and rowid of each file, for the incremental refresh.
- ``notes``: FTS5 table ``(text, tags, quote)`` with the same 2,000 notes as Carnet's.

Indexing reads each file (title: first line; source: the ``Source :`` line) and inserts it,
all in one transaction. Searching is ``WHERE docs MATCH ? ORDER BY rank LIMIT 10``
with ``highlight()`` of the title and ``snippet()`` of the content (32 tokens, about
Carnet's 220 characters). The incremental refresh walks the folder, stats every file,
re-reads the changed and new ones, deletes the vanished ones, commits and runs the same
confirming searches as Carnet. Usage: ``python -m tests.bench.fts5_runner DIR SIZE OUT.json``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

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
from tests.bench.queries import Query, document_queries, note_queries, note_specs
from tests.bench.stats import library_files, rusage_mb, summary, timed, tree_mb

REPEATS = 5
LIMIT = 10
TOKENIZE = "unicode61 remove_diacritics 2"
SCHEMA = f"""
CREATE VIRTUAL TABLE docs USING fts5(title, source, content, tokenize = '{TOKENIZE}');
INSERT INTO docs(docs, rank) VALUES('rank', 'bm25(3.0, 1.0, 1.0)');
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, doc INTEGER);
CREATE VIRTUAL TABLE notes USING fts5(doc UNINDEXED, text, tags, quote, tokenize = '{TOKENIZE}');
"""
SEARCH = (
    "SELECT rowid, highlight(docs, 0, '<b>', '</b>'), "
    "snippet(docs, 2, '<b>', '</b>', '…', 32) "
    "FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?"
)
NOTE_SEARCH = (
    "SELECT rowid, snippet(notes, -1, '<b>', '</b>', '…', 32) "
    "FROM notes WHERE notes MATCH ? ORDER BY rank LIMIT ?"
)


def connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def parse(text: str) -> tuple[str, str]:
    """Title (first line) and source (the ``Source :`` line) of a generated document."""
    title = text.split("\n", 1)[0]
    source = ""
    for line in text.split("\n", 6)[:6]:
        if line.startswith("Source :"):
            source = line.removeprefix("Source :").strip()
    return title, source


def read_file(path: Path) -> tuple[str, int, int, str, str, str]:
    stat = path.stat()
    text = path.read_text("utf-8")
    return (str(path), stat.st_size, stat.st_mtime_ns, *parse(text), text)


def insert(conn: sqlite3.Connection, row: tuple[str, int, int, str, str, str]) -> None:
    path, size, mtime, title, source, text = row
    cur = conn.execute(
        "INSERT INTO docs(title, source, content) VALUES(?, ?, ?)", (title, source, text)
    )
    conn.execute(
        "INSERT OR REPLACE INTO files(path, size, mtime_ns, doc) VALUES(?, ?, ?, ?)",
        (path, size, mtime, cur.lastrowid),
    )


def full_index(db: Path, directory: Path, size: int) -> dict[str, float]:
    """Read each file and insert it, all in one transaction; reading and inserting timed apart.

    Files are streamed (not all read first), so the peak RSS is FTS5's, not a list of texts.
    """
    conn = connect(db)
    conn.executescript(SCHEMA)
    root = library_dir(directory).resolve()
    read_ms = index_ms = 0.0
    count = 0
    conn.execute("BEGIN")
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            row, elapsed = timed(lambda f=folder, n=name: read_file(Path(f) / n))
            read_ms += elapsed
            index_ms += timed(lambda row=row: insert(conn, row))[1]
            count += 1
    index_ms += timed(lambda: conn.execute("COMMIT"))[1]
    conn.close()
    assert count == size, count
    total_s = (read_ms + index_ms) / 1000
    return {
        "import_s": read_ms / 1000,
        "index_s": index_ms / 1000,
        "total_s": total_s,
        "docs_per_s": size / total_s,
        "peak_rss_mb": rusage_mb()["self_maxrss_mb"],
    }


def search(conn: sqlite3.Connection, fts5: str) -> list[tuple[int, str, str]]:
    return conn.execute(SEARCH, (fts5, LIMIT)).fetchall()


def first_queries(db: Path, queries: list[Query]) -> dict[str, Any]:
    ms: dict[str, list[float]] = defaultdict(list)
    for q in queries:
        if q.fts5 is None:
            continue
        began = time.perf_counter()
        conn = connect(db)
        search(conn, q.fts5)
        ms[q.cls].append((time.perf_counter() - began) * 1000)
        conn.close()
    return {cls: summary(v) for cls, v in ms.items()}


def warm_queries(conn: sqlite3.Connection, queries: list[Query]) -> dict[str, Any]:
    runnable = [q for q in queries if q.fts5 is not None]
    for q in runnable:
        search(conn, q.fts5 or "")
    ms: dict[str, list[float]] = defaultdict(list)
    hits: dict[str, list[int]] = defaultdict(list)
    per_prefix: dict[str, list[float]] = defaultdict(list)
    for _ in range(REPEATS):
        for q in runnable:
            rows, elapsed = timed(lambda q=q: search(conn, q.fts5 or ""))
            ms[q.cls].append(elapsed)
            hits[q.cls].append(len(rows))
            if q.cls == "prefix":
                per_prefix[q.carnet].append(elapsed)
    out: dict[str, Any] = {
        cls: summary(v) | {"mean_hits": sum(hits[cls]) / len(hits[cls])} for cls, v in ms.items()
    }
    if per_prefix:
        worst = max(per_prefix, key=lambda p: summary(per_prefix[p])["median_ms"])
        out["worst prefix"] = summary(per_prefix[worst]) | {"query": worst}
    return out


def add_notes(conn: sqlite3.Connection, directory: Path, size: int) -> dict[str, Any]:
    ids = dict(conn.execute("SELECT path, doc FROM files"))
    add_ms = []
    for spec in note_specs(library_files(directory, size)):
        row = (ids[str(spec.path.resolve())], spec.text, " ".join(spec.tags), spec.quote)
        _, elapsed = timed(
            lambda row=row: conn.execute(
                "INSERT INTO notes(doc, text, tags, quote) VALUES(?, ?, ?, ?)", row
            )
        )
        add_ms.append(elapsed)
    return {"count": len(add_ms), "add": summary(add_ms)}


def note_searches(conn: sqlite3.Connection, db: Path) -> dict[str, Any]:
    queries = note_queries()
    for q in queries:
        conn.execute(NOTE_SEARCH, (q.fts5, LIMIT)).fetchall()
    warm = [
        timed(lambda q=q: conn.execute(NOTE_SEARCH, (q.fts5, LIMIT)).fetchall())[1]
        for _ in range(REPEATS)
        for q in queries
    ]
    first = []
    for q in queries:
        began = time.perf_counter()
        other = connect(db)
        other.execute(NOTE_SEARCH, (q.fts5, LIMIT)).fetchall()
        first.append((time.perf_counter() - began) * 1000)
        other.close()
    return {"warm": summary(warm), "first": summary(first)}


def refresh(conn: sqlite3.Connection, root: Path) -> tuple[int, int, int]:
    """Bring the table up to date with the folder: (added, updated, removed)."""
    known = {p: (s, m, d) for p, s, m, d in conn.execute("SELECT * FROM files")}
    seen: set[str] = set()
    added = updated = 0
    conn.execute("BEGIN")
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            seen.add(str(path))
            stat = path.stat()
            old = known.get(str(path))
            if old is not None and old[:2] == (stat.st_size, stat.st_mtime_ns):
                continue
            if old is not None:
                conn.execute("DELETE FROM docs WHERE rowid = ?", (old[2],))
                updated += 1
            else:
                added += 1
            insert(conn, read_file(path))
    gone = known.keys() - seen
    for path in gone:
        conn.execute("DELETE FROM docs WHERE rowid = ?", (known[path][2],))
        conn.execute("DELETE FROM files WHERE path = ?", (path,))
    conn.execute("COMMIT")
    return added, updated, len(gone)


def incremental(
    conn: sqlite3.Connection, directory: Path, library: Path, size: int
) -> dict[str, float]:
    changed_path = str(doc_path(library, changed_number(size)))
    removed_query = " OR ".join(reference_word(n) for n in removed_numbers(size))
    apply_change(directory, size)
    try:
        counts, index_ms = timed(lambda: refresh(conn, library))

        def confirm() -> None:
            changed = search(conn, CHANGED_WORD)
            added = search(conn, ADDED_WORD)
            removed = search(conn, removed_query)
            assert len(changed) == 1, changed
            path = conn.execute("SELECT path FROM files WHERE doc = ?", (changed[0][0],))
            assert path.fetchone()[0] == changed_path
            assert len(added) == INCREMENTAL_ADDED, len(added)
            assert removed == [], removed

        _, confirm_ms = timed(confirm)
        assert counts == (10, 1, 10), counts
    finally:
        revert_change(directory, size)
    return {"total_ms": index_ms + confirm_ms, "index_ms": index_ms, "confirm_ms": confirm_ms}


def run(directory: Path, size: int) -> dict[str, Any]:
    db = directory / "fts5.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    library = library_dir(directory).resolve()
    result: dict[str, Any] = {"engine": "fts5", "docs": size}
    progress(f"fts5: indexing {size:,} documents")
    result["index"] = full_index(db, directory, size)
    result["disk_mb"] = tree_mb(db)
    progress(f"fts5: indexed in {result['index']['total_s']:.1f} s; queries")
    queries = document_queries()
    result["first"] = first_queries(db, queries)
    result["rss_mb"] = {"indexed": result["index"]["peak_rss_mb"]}
    conn = connect(db)
    try:
        result["warm"] = warm_queries(conn, queries)
        result["rss_mb"]["warm queries"] = rusage_mb()["self_maxrss_mb"]
        progress("fts5: notes")
        result["notes_add"] = add_notes(conn, directory, size)
        notes = note_searches(conn, db)
        result["warm"]["notes"] = notes["warm"]
        result["first"]["notes"] = notes["first"]
        progress("fts5: incremental update")
        result["incremental"] = incremental(conn, directory, library, size)
    finally:
        conn.close()
    result["rusage"] = rusage_mb()
    return result


def main(argv: list[str]) -> None:
    directory, size = Path(argv[0]), int(argv[1])
    result = run(directory, size)
    Path(argv[2]).write_text(json.dumps(result, indent=1), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
