"""What a snippet's word spans cost per hit: ``matching_spans`` against ``word_spans``.

On the top 10 hits of each query of ``tests.bench.queries`` (one word, several words,
phrase, prefix) in one data dir: the mean time per hit of one pass over all hits, median
of several passes, for ``matching_spans`` (a regex match per word), ``word_spans`` from an
empty memory (the first search of a process) and ``word_spans`` warm. Also checks the
spans are the same::

    python -m tests.bench.snippet_spans --data-dir DIR [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from app.core.paths import DataPaths
from app.core.search import word_spans
from app.core.search.analysis import matching_spans
from app.core.search.ranking import _ranked, _terms
from app.core.search.snippets import SPAN_LIMIT
from app.core.workspace import Workspace
from tests.bench.queries import document_queries

CLASSES = ("one word", "several words", "phrase", "prefix")
Hit = tuple[str, frozenset[str]]


def hits_of(data_dir: Path) -> list[Hit]:
    """(text, query terms) of the first 10 hits of every query."""
    out: list[Hit] = []
    with Workspace(DataPaths(data_dir)) as ws:
        ws.search("ouverture")  # opens the index
        searcher, builder, library = ws.index.searcher(), ws.index.builder, ws.library
        for query in document_queries():
            if query.cls not in CLASSES:
                continue
            q = builder.parse(query.carnet)
            ranked, _, _ = _ranked(q, searcher, 10)
            terms = frozenset(_terms(q, searcher))
            ids = [searcher.stored_fields(d)["id"] for d, _ in ranked]
            texts = library.texts(ids)
            out += [(texts.get(i, ""), terms) for i in ids]
    return out


def per_hit_us(hits: list[Hit], spans: Callable[[str, frozenset[str]], object], *,
               repeats: int, fresh: bool) -> float:  # fmt: skip
    passes = []
    for _ in range(repeats):
        if fresh:
            word_spans._VOCABULARY = word_spans._Vocabulary()
        began = time.perf_counter()
        for text, terms in hits:
            spans(text, terms)
        passes.append((time.perf_counter() - began) * 1e6 / len(hits))
    return statistics.median(passes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    hits = hits_of(args.data_dir)
    differ = sum(
        word_spans.word_spans(t, terms, SPAN_LIMIT) != matching_spans(t, terms, SPAN_LIMIT)
        for t, terms in hits
    )
    mean_chars = statistics.mean(len(t) for t, _ in hits)
    print(f"{len(hits)} hits, {mean_chars:.0f} characters on average; spans differ: {differ}")

    def regex(t: str, terms: frozenset[str]) -> object:
        return matching_spans(t, terms, SPAN_LIMIT)

    def sets(t: str, terms: frozenset[str]) -> object:
        return word_spans.word_spans(t, terms, SPAN_LIMIT)

    for label, spans, fresh in (
        ("matching_spans", regex, False),
        ("word_spans, empty memory each pass", sets, True),
        ("word_spans, warm", sets, False),
    ):
        us = per_hit_us(hits, spans, repeats=args.repeats, fresh=fresh)
        print(f"{label}: {us:.0f} µs per hit (median of {args.repeats} passes)")


if __name__ == "__main__":
    main()
