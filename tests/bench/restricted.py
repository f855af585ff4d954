"""Searching within a set of documents (a collection) against searching the whole library.

For each query class of ``tests.bench.queries``: p50/p95 of the ranking step (parse +
``_ranked``) and of ``search_page`` end to end, over the whole index and within 1 %, 50 %
and 99 % of its documents (seeded random sets), every scope timed on the same searcher in
turn. The restriction of a set is cached per searcher, segments' ids for as long as the
segment lives: "cold" is what a set's first search pays for ids to docnums, with no
segment read yet (a fresh process) and with them read (after a commit). Also checks that
each restricted top 10 and total is the whole ranking's, filtered::

    python -m tests.bench.restricted --data-dir DIR [--repeats 5] [--json OUT]
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.paths import DataPaths
from app.core.search import restrict
from app.core.search.ranking import _ranked, search_page
from app.core.search.restrict import restriction_for
from app.core.workspace import Workspace
from tests.bench.queries import document_queries
from tests.bench.stats import data_dir_main, summary, timed

CLASSES = ("one word", "several words", "phrase", "prefix", "fuzzy")
SHARES = {"1%": 0.01, "50%": 0.5, "99%": 0.99}
SCOPES = ("whole", *SHARES)


def id_sets(ids: list[str]) -> dict[str, frozenset[str] | None]:
    rng = random.Random(14)
    sets: dict[str, frozenset[str] | None] = {"whole": None}
    for name, share in SHARES.items():
        sets[name] = frozenset(rng.sample(ids, max(1, round(share * len(ids)))))
    return sets


def measure(data_dir: Path, repeats: int) -> dict[str, Any]:
    queries = [q for q in document_queries() if q.cls in CLASSES]
    with Workspace(DataPaths(data_dir)) as ws:
        ws.search("ouverture")  # opens the index
        index, library = ws.index, ws.library
        searcher, builder = index.searcher(), index.builder
        reader = searcher.reader()
        docnum_of = {
            reader.stored_fields(d)["id"]: d
            for d in range(searcher.doc_count_all())
            if not reader.is_deleted(d)
        }
        sets = id_sets(sorted(docnum_of))
        cold: dict[str, list[float]] = defaultdict(list)
        for _ in range(repeats):
            for name, only in sets.items():
                if only is None:
                    continue
                restrict._SEGMENTS.clear()
                cold[f"{name}, no segment read"].append(first_restriction(searcher, only))
                restrict.IdDocnums(searcher).read_from_segments("")  # reads every segment
                cold[f"{name}, segments read"].append(first_restriction(searcher, only))

        def rank(text: str, only: frozenset[str] | None) -> Callable[[], Any]:
            def run() -> Any:
                r = restriction_for(searcher, only) if only is not None else None
                return _ranked(builder.parse(text), searcher, 10, restriction=r)

            return run

        def page(text: str, only: frozenset[str] | None) -> Callable[[], Any]:
            return lambda: search_page(searcher, builder, text, library, limit=10, only=only)

        allowed = {k: {docnum_of[i] for i in v} for k, v in sets.items() if v is not None}
        checks = [
            check(q.carnet, searcher, builder, sets, allowed) for q in queries
        ]  # also a warm-up
        ms: dict[tuple[str, str, str], list[float]] = defaultdict(list)
        for n in range(repeats):
            order = list(sets.items())
            order = order[n % len(order) :] + order[: n % len(order)]
            for q in queries:
                for name, only in order:
                    ms[("rank", q.cls, name)].append(timed(rank(q.carnet, only))[1])
                    ms[("page", q.cls, name)].append(timed(page(q.carnet, only))[1])
        return {
            "data_dir": str(data_dir),
            "documents": searcher.doc_count(),
            "segments": len(reader.leaf_readers()),
            "repeats": repeats,
            "set_sizes": {k: len(v) for k, v in sets.items() if v is not None},
            "cold": {k: summary(v) for k, v in cold.items()},
            "mismatches": [c for c in checks if c],
            "figures": {" / ".join(k): summary(v) for k, v in sorted(ms.items())},
        }


def first_restriction(searcher: Any, only: frozenset[str]) -> float:
    """Milliseconds for a new searcher's first restriction to ``only`` (a fresh map)."""
    ids_to_docnums = restrict.IdDocnums(searcher)
    return timed(lambda: ids_to_docnums.restriction(only))[1]


def check(
    text: str,
    searcher: Any,
    builder: Any,
    sets: dict[str, frozenset[str] | None],
    allowed: dict[str, set[int]],
) -> list[str]:
    """Scopes whose top 10 or total is not the whole ranking's, filtered."""
    q = builder.parse(text)
    everything, _, _ = _ranked(q, searcher, searcher.doc_count_all())
    wrong = []
    for name, only in sets.items():
        if only is None:
            continue
        kept = [(d, s) for d, s in everything if d in allowed[name]]
        hits, total, _ = _ranked(q, searcher, 10, restriction=restriction_for(searcher, only))
        if [d for d, _ in hits] != [d for d, _ in kept[:10]] or total != len(kept):
            wrong.append(f"{text} within {name}: total {total}, expected {len(kept)}")
    return wrong


def report(result: dict[str, Any]) -> str:
    sizes = ", ".join(f"{k} = {v} documents" for k, v in result["set_sizes"].items())
    lines = [
        f"{result['documents']} documents, {result['segments']} segments, "
        f"{result['repeats']} repeats; sets: {sizes}",
        "",
        "| step | class | " + " | ".join(f"{s} p50 / p95 ms" for s in SCOPES) + " |",
        "|---|---|" + "---|" * len(SCOPES),
    ]
    figures = result["figures"]
    for step in ("rank", "page"):
        for cls in CLASSES:
            cells = [figures[f"{step} / {cls} / {s}"] for s in SCOPES]
            lines.append(
                f"| {step} | {cls} | "
                + " | ".join(f"{c['median_ms']:.1f} / {c['p95_ms']:.1f}" for c in cells)
                + " |"
            )
    lines.append("")
    cold = result["cold"]
    lines.append(
        "ids to docnums, a set's first search in a new searcher (p50 / max ms): "
        + ", ".join(f"{k} {v['median_ms']:.1f} / {v['max_ms']:.1f}" for k, v in cold.items())
    )
    lines.append("restricted results that are not the whole ranking filtered:")
    lines += [f"- {m}" for c in result["mismatches"] for m in c] or ["- none"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    data_dir_main(__doc__, measure, report, argv)


if __name__ == "__main__":
    main()
