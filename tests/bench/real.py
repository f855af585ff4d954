"""Search on real documents: Carnet against SQLite FTS5 on the same extracted texts.

Usage::

    python -m tests.bench.real PATH [PATH ...] [--dir DIR] [--repeats 5] [--json OUT]

Generated documents are a few hundred sentences recombined: every phrase and prefix is
dense. Real books, manuals and saved web pages (e.g. Debian's French documentation:
``apt-get download debian-reference-fr && dpkg -x …``) are kinder in some ways and harsher
in others (long documents, a large vocabulary, code and markup). Method:

1. The paths (files or folders) are imported and indexed with the app's own code
   (``Workspace.import_paths`` + ``sync_index``) into ``DIR/carnet-data``.
2. FTS5 (``unicode61 remove_diacritics 2``, ``bm25(3, 1, 1)``) indexes the *same* texts,
   taken from Carnet's library (so extraction is not part of the comparison).
3. Queries are drawn from the texts themselves, seeded: words at several document
   frequencies, pairs of words of one sentence, two-word phrases of content words, and two
   frequent words typed letter by letter as prefixes. Words are given without accents.
4. Each query runs once to warm up, then ``--repeats`` times; Carnet's figure is
   ``Workspace.search(q, limit=10)`` with snippets and passages, FTS5's a ``MATCH`` with
   ``snippet()`` and ``highlight()``, ``LIMIT 10``.

A 1 MB book among the paths is what the issue's "search inside a book" figure means: the
longest document gets its own row (its words searched with only it in the result page).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sqlite3
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from app.core.paths import DataPaths
from app.core.search.analysis import FRENCH_STOPS, fold
from app.core.workspace import Workspace
from tests.bench.fts5_runner import SCHEMA, SEARCH, connect
from tests.bench.generate import progress
from tests.bench.report import header, machine
from tests.bench.stats import rusage_mb, summary, timed

SEED = 12
WORD = re.compile(r"[^\W\d_]{5,}")
SENTENCE = re.compile(r"[^.!?\n]+")
MIN_PREFIX = 3


def _index(paths: list[Path], data: Path) -> tuple[Workspace, dict[str, float]]:
    shutil.rmtree(data, ignore_errors=True)
    ws = Workspace(DataPaths(data))
    report, import_ms = timed(lambda: ws.import_paths(paths))
    update, index_ms = timed(ws.sync_index)
    count = len(report.added)
    total_s = (import_ms + index_ms) / 1000
    return ws, {
        "documents": count,
        "indexed": update.indexed,
        "import_s": import_ms / 1000,
        "index_s": index_ms / 1000,
        "docs_per_s": count / total_s if total_s else 0.0,
        "peak_rss_mb": rusage_mb()["self_maxrss_mb"],
    }


def _fts5(ws: Workspace, db: Path) -> tuple[sqlite3.Connection, float]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = connect(db)
    conn.executescript(SCHEMA)
    records = ws.library.all()
    texts = ws.library.texts(r.id for r in records)

    def fill() -> None:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO docs(title, source, content) VALUES(?, ?, ?)",
            ((r.title, r.source or "", texts.get(r.id, "")) for r in records),
        )
        conn.execute("COMMIT")

    return conn, timed(fill)[1] / 1000


def _plain(word: str) -> str:
    return fold(word.lower())


def draw_queries(texts: list[str], rng: random.Random) -> dict[str, list[str]]:
    """Queries drawn from the texts: the same strings go to both engines."""
    df: Counter[str] = Counter()
    sentences: list[list[str]] = []
    for text in texts:
        words_of_doc = set()
        for sentence in SENTENCE.findall(text):
            words = [w.lower() for w in WORD.findall(sentence)]
            words = [w for w in words if w not in FRENCH_STOPS]
            words_of_doc.update(words)
            if len(words) >= 3:
                sentences.append(words)
        df.update(words_of_doc)
    ranked = [w for w, _ in df.most_common() if w.isalpha()]
    if not ranked:
        raise SystemExit("no words of five letters or more in these documents")
    # Words at the top, the middle and the tail of the document-frequency ranking.
    spots = [0, 1, 2, 5, 10, 30, 100, 300, 1000, 3000]
    one = [_plain(ranked[min(s, len(ranked) - 1)]) for s in spots]
    several, phrases = [], []
    for words in rng.sample(sentences, min(len(sentences), 400)):
        if len(several) < 6 and len(set(words)) >= 2:
            several.append(" ".join(_plain(w) for w in rng.sample(sorted(set(words)), 2)))
        if len(phrases) < 7:
            i = rng.randrange(len(words) - 1)
            phrases.append(f'"{_plain(words[i])} {_plain(words[i + 1])}"')
    prefixes = []
    for word in (ranked[3], ranked[40 if len(ranked) > 40 else -1]):
        plain = _plain(word)
        prefixes += [f"{plain[:n]}*" for n in range(1, len(plain) + 1)]
    return {"one word": one, "several words": several, "phrase": phrases, "prefix": prefixes}


def _fts5_query(query: str) -> str:
    if query.endswith("*") and len(query) - 1 < MIN_PREFIX:
        return f'"{query[:-1]}"'  # Carnet looks short prefixes up as words
    return query


def _time(fn: Any, repeats: int) -> list[float]:
    fn()
    out = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        out.append((time.perf_counter() - began) * 1000)
    return out


def measure(ws: Workspace, conn: sqlite3.Connection, queries: dict[str, list[str]], repeats: int):  # type: ignore[no-untyped-def]
    figures: dict[str, Any] = {}
    for cls, items in queries.items():
        carnet: list[float] = []
        fts5: list[float] = []
        hits: dict[str, list[int]] = defaultdict(list)
        worst = ("", 0.0)
        for q in items:
            ms = _time(lambda q=q: ws.search(q, limit=10), repeats)
            carnet += ms
            if max(ms) > worst[1]:
                worst = (q, max(ms))
            hits["carnet"].append(ws.search(q, limit=10).total)
            fq = _fts5_query(q)
            fts5 += _time(lambda fq=fq: conn.execute(SEARCH, (fq, 10)).fetchall(), repeats)
            hits["fts5"].append(
                conn.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (fq,)).fetchone()[0]
            )
        figures[cls] = {
            "carnet": summary(carnet),
            "fts5": summary(fts5),
            "worst": {"query": worst[0], "ms": worst[1]},
            "mean_matches": {k: sum(v) / len(v) for k, v in hits.items()},
            "queries": items,
        }
    return figures


def book_search(ws: Workspace, repeats: int) -> dict[str, Any] | None:
    """Searches whose best hit is the longest document: its passages are the work."""
    records = ws.library.all()
    if not records:
        return None
    book = max(records, key=lambda r: r.words)
    text = ws.library.texts([book.id])[book.id]
    rng = random.Random(SEED)
    words = [w for w in WORD.findall(text) if w.lower() not in FRENCH_STOPS]
    picks = [_plain(w) for w in rng.sample(words, min(10, len(words)))]
    ms: list[float] = []
    for q in picks:
        ms += _time(lambda q=q: ws.search(q, limit=10), repeats)
    return {"title": book.title, "words": book.words, "queries": picks, **summary(ms)}


def _row(label: str, c: dict[str, Any], f: dict[str, Any], key: str) -> str:
    a, b = c.get(key), f.get(key)
    ratio = f"{a / b:.1f}" if a and b else "n/a"
    return f"| {label} | {a:.2f} | {b:.2f} | {ratio} |" if a is not None else f"| {label} | n/a |"


def report(result: dict[str, Any]) -> str:
    idx = result["index"]
    lines = [
        f"## Real documents: {idx['documents']:,} documents, "
        f"{result['words']:,} words ({', '.join(result['paths'])})",
        "",
        "| measure | Carnet | FTS5 | ratio |",
        "| --- | ---: | ---: | ---: |",
        f"| import + index (s) | {idx['import_s'] + idx['index_s']:.1f} "
        f"| {result['fts5_index_s']:.1f} (texts given) | n/a |",
    ]
    for cls, fig in result["search"].items():
        c, f = fig["carnet"], fig["fts5"]
        lines.append(_row(f"{cls}: median (ms)", c, f, "median_ms"))
        lines.append(_row(f"{cls}: p95 (ms)", c, f, "p95_ms"))
        worst = fig["worst"]
        lines.append(
            f"| {cls}: slowest Carnet query `{worst['query']}` (ms) | {worst['ms']:.1f} | | |"
        )
        m = fig["mean_matches"]
        lines.append(f"| {cls}: documents matched, mean | {m['carnet']:.1f} | {m['fts5']:.1f} | |")
    book = result.get("book")
    if book:
        lines.append(
            f"| a word of the longest document ({book['words']:,} words), with passages: "
            f"median / p95 (ms) | {book['median_ms']:.1f} / {book['p95_ms']:.1f} | n/a | |"
        )
    lines.append(f"| peak RSS of this process (MB) | {rusage_mb()['self_maxrss_mb']:.0f} | | |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.real", description=__doc__.split("\n")[0]
    )
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders of real documents")
    parser.add_argument(
        "--dir", type=Path, default=Path(".bench/real"), help="default: .bench/real"
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    print(header(machine()), flush=True)
    progress("importing and indexing with Carnet")
    ws, index = _index([p.resolve() for p in args.paths], args.dir / "carnet-data")
    try:
        progress(f"{index['documents']} documents; indexing the same texts with FTS5")
        conn, fts5_s = _fts5(ws, args.dir / "fts5.sqlite3")
        records = ws.library.all()
        texts = list(ws.library.texts(r.id for r in records).values())
        queries = draw_queries(texts, random.Random(SEED))
        progress("searching")
        result = {
            "paths": [str(p) for p in args.paths],
            "words": sum(r.words for r in records),
            "index": index,
            "fts5_index_s": fts5_s,
            "search": measure(ws, conn, queries, args.repeats),
            "book": book_search(ws, args.repeats),
        }
    finally:
        ws.close()
    print(report(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
