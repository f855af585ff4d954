"""Whoosh's matchers against the vectorised evaluator, on one data dir's index.

For each query class of ``tests.bench.queries`` (one word, several words, phrase, prefix):
p50/p95 of the ranking step alone (parse + ``_ranked``) and of ``search_page`` end to end
(ranking, stored fields, snippets and passages), each path timed on the same searcher,
alternating which goes first. Also says which posting source the evaluator read through,
and whether both paths gave the same totals and hits::

    python -m tests.bench.evaluator --data-dir DIR [--repeats 5] [--json OUT]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.paths import DataPaths
from app.core.search.evaluator import source_for
from app.core.search.query import relaxed, with_title_boost
from app.core.search.ranking import _ranked, search_page
from app.core.workspace import Workspace
from tests.bench.queries import document_queries
from tests.bench.stats import data_dir_main, summary, timed

CLASSES = ("one word", "several words", "phrase", "prefix")
PATHS = {"whoosh": False, "evaluator": True}


def measure(data_dir: Path, repeats: int) -> dict[str, Any]:
    queries = [q for q in document_queries() if q.cls in CLASSES]
    with Workspace(DataPaths(data_dir)) as ws:
        ws.search("ouverture")  # opens the index
        index, library = ws.index, ws.library
        searcher, builder = index.searcher(), index.builder
        _, source_ms = timed(lambda: source_for(searcher))
        source = type(source_for(searcher)).__name__

        def rank(text: str, vectorised: bool) -> Callable[[], Any]:
            return lambda: _ranked(builder.parse(text), searcher, 10, vectorised=vectorised)

        def page(text: str, vectorised: bool) -> Callable[[], Any]:
            return lambda: search_page(
                searcher, builder, text, library, limit=10, vectorised=vectorised
            )

        checks = [check(q.carnet, searcher, builder) for q in queries]  # also a warm-up
        for q in queries:
            page(q.carnet, True)()
            page(q.carnet, False)()
        ms: dict[tuple[str, str, str], list[float]] = defaultdict(list)
        for n in range(repeats):
            for q in queries:
                order = list(PATHS.items()) if n % 2 == 0 else list(PATHS.items())[::-1]
                for path, vectorised in order:
                    ms[("rank", q.cls, path)].append(timed(rank(q.carnet, vectorised))[1])
                    ms[("page", q.cls, path)].append(timed(page(q.carnet, vectorised))[1])
        return {
            "data_dir": str(data_dir),
            "documents": searcher.doc_count(),
            "segments": len(searcher.reader().leaf_readers()),
            "posting_source": source,
            "posting_source_open_ms": source_ms,
            "repeats": repeats,
            "checks": [c for c in checks if not c["evaluator_exact"] or not c["whoosh_exact"]],
            "figures": {" / ".join(k): summary(v) for k, v in sorted(ms.items())},
        }


def complete_ranking(q: Any, searcher: Any, upto: int) -> tuple[list[int], int]:
    """The top ``upto`` docnums and the total, from Whoosh's unlimited searches (exact)."""
    strict = searcher.search(with_title_boost(q), limit=None, optimize=False)
    best = [(h.docnum, h.score) for h in strict]
    wider = relaxed(q)
    if wider is None:
        return [d for d, _ in best[:upto]], len(strict)
    seen = {d for d, _ in best}
    more = searcher.search(with_title_boost(wider), limit=None, optimize=False)
    best += [(h.docnum, h.score) for h in more if h.docnum not in seen]
    return [d for d, _ in best[:upto]], len(more)


def check(text: str, searcher: Any, builder: Any) -> dict[str, Any]:
    """Each path's total and top 10 against the complete result (top 10 as a set: ties)."""
    q = builder.parse(text)
    top, total = complete_ranking(q, searcher, 10)
    out: dict[str, Any] = {"query": text, "total": total}
    for path, vectorised in PATHS.items():
        hits, count, _ = _ranked(q, searcher, 10, vectorised=vectorised)
        exact = count == total and {d for d, _ in hits} == set(top)
        out[f"{path}_exact"] = exact
        if not exact:
            out[f"{path}_total"] = count
    return out


def report(result: dict[str, Any]) -> str:
    lines = [
        f"{result['documents']} documents, {result['segments']} segments, "
        f"postings read by {result['posting_source']} "
        f"(opened in {result['posting_source_open_ms']:.0f} ms), {result['repeats']} repeats",
        "",
        "| step | class | Whoosh p50 / p95 ms | evaluator p50 / p95 ms |",
        "|---|---|---|---|",
    ]
    figures = result["figures"]
    for step in ("rank", "page"):
        for cls in CLASSES:
            w, e = figures[f"{step} / {cls} / whoosh"], figures[f"{step} / {cls} / evaluator"]
            lines.append(
                f"| {step} | {cls} | {w['median_ms']:.1f} / {w['p95_ms']:.1f} "
                f"| {e['median_ms']:.1f} / {e['p95_ms']:.1f} |"
            )
    lines.append("")
    lines.append("queries where a path's total or top 10 is not Whoosh's complete result's:")
    lines += [f"- {c}" for c in result["checks"]] or ["- none"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    data_dir_main(__doc__, measure, report, argv)


if __name__ == "__main__":
    main()
