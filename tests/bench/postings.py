"""Reading a term's postings as arrays: Whoosh's matchers (W3) against the flat codec.

Builds, once, an index of the generated library with the app's own code (``Workspace``),
then two single-segment copies of it (Whoosh's ``optimize`` with each codec), and prints
per term: postings, ms per term and µs per posting for ``GenericPostings`` on the W3 copy
and ``FlatPostings`` on the flat copy (median of several reads), then each index's size.
The phrase column reads the positions of every document holding the term. Usage::

    python -m tests.bench.postings [--docs 10000] [--work /tmp/w/codec/bench] [--repeats 7]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.codec import default_codec

from app.core.paths import DataPaths
from app.core.search.flat_codec import FlatCodec
from app.core.search.flat_postings import FlatPostings
from app.core.search.postings import GenericPostings, PostingSource
from app.core.workspace import Workspace
from tests.bench.generate import library_dir, size_dir
from tests.bench.stats import tree_mb

BENCH_ROOT = Path("/tmp/w/bench")
FLAT_RECORD_OVERHEAD = 40
RARE_COUNT = 3  # rare terms sampled (document frequency 1-10)


def _built(work: Path, docs: int) -> Path:
    """The app's own index of the generated library (built once, then reused)."""
    data = DataPaths(work / f"data-{docs}")
    if not (data.index_dir / "carnet-index.json").exists():
        library = library_dir(size_dir(BENCH_ROOT, docs))
        print(f"indexing {library} into {data.root} (once)...", flush=True)
        with Workspace(data) as ws:
            ws.import_paths([library])
            ws.sync_index()
    return data.index_dir


def _copy(index_dir: Path, target: Path, codec: object) -> Path:
    """A one-segment copy of the index written with ``codec`` (made once)."""
    done = target / ".optimized"
    if not done.exists():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(index_dir, target)
        began = time.perf_counter()
        windex.open_dir(str(target)).writer(codec=codec).commit(optimize=True)
        print(f"{target.name}: rewritten in {time.perf_counter() - began:.1f} s", flush=True)
        done.write_text("")
    return target


def _median_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()  # warm: the file's pages in the cache, the term index read once
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _terms(source: PostingSource, reader: object) -> list[str]:
    """A few of the most frequent content terms and a few rare ones."""
    by_df = sorted(
        ((reader.doc_frequency("content", t), t) for t in reader.field_terms("content")),  # type: ignore[attr-defined]
        reverse=True,
    )
    frequent = [t for _, t in by_df[:3]] + [by_df[len(by_df) // 50][1], by_df[len(by_df) // 10][1]]
    rare = [t for df, t in by_df if 1 <= df <= 10][:: max(1, len(by_df) // 200)][:RARE_COUNT]
    return frequent + rare


def _single_posting_terms(reader: Any) -> None:
    """How much inlining one-posting terms into the term index could save (not done)."""
    single = total = single_bytes = 0
    for fieldname, text in reader.all_terms():
        info = reader.term_info(fieldname, text)
        total += 1
        if info.doc_frequency() == 1:
            single += 1
            single_bytes += FLAT_RECORD_OVERHEAD + 4 * int(info.weight())
    print(
        f"terms with one posting: {single:,} of {total:,}; their flat records hold "
        f"{single_bytes / 1e6:.1f} MB (header, id, weight, block, end: "
        f"{FLAT_RECORD_OVERHEAD} bytes each, then 4 per position)"
    )


def _term_row(generic: PostingSource, fast: PostingSource, term: str, repeats: int) -> str:
    docs = fast.postings("content", term).docnums
    n = len(docs)
    assert n == len(generic.postings("content", term))

    def reads(source: PostingSource) -> tuple[float, float]:
        return (
            _median_ms(lambda: source.postings("content", term), repeats),
            _median_ms(lambda: source.positions("content", term, docs), repeats),
        )

    (g, gp), (f, fp) = reads(generic), reads(fast)
    return (
        f"{n:>9}{g:>10.3f} ({g * 1000 / n:5.2f}){f:>9.3f} ({f * 1000 / n:5.3f})"
        f"{gp:>10.2f}{fp:>10.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/w/codec/bench"))
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    built = _built(args.work, args.docs)
    w3_dir = _copy(built, args.work / f"w3-{args.docs}", default_codec())
    flat_dir = _copy(built, args.work / f"flat-{args.docs}", FlatCodec())
    w3, flat = windex.open_dir(str(w3_dir)), windex.open_dir(str(flat_dir))
    with w3.searcher() as s3, flat.searcher() as sf:
        generic, fast = GenericPostings(s3), FlatPostings(sf)
        terms = _terms(fast, sf.reader())
        print(f"\n{args.docs} documents, median of {args.repeats} reads, ms per term "
              f"(µs per posting); positions: every posting's")  # fmt: skip
        heads = f"{'W3 generic':>20}{'flat':>18}{'W3 pos':>10}{'flat pos':>10}"
        print(f"{'term':<16}{'postings':>9}{heads}")
        for term in terms:
            row = _term_row(generic, fast, term, args.repeats)
            print(f"{term:<16}{row}")
        lengths = _median_ms(lambda: FlatPostings(sf).field_lengths("content"), args.repeats)
        glengths = _median_ms(lambda: GenericPostings(s3).field_lengths("content"), 1)
        print(f"\ncontent lengths of every document: W3 generic {glengths:.1f} ms, ", end="")
        print(f"flat {lengths:.2f} ms")
        _single_posting_terms(sf.reader())
    for name, path in (("W3", w3_dir), ("flat", flat_dir)):
        print(f"index size, one segment, {name}: {tree_mb(path):.1f} MB")


if __name__ == "__main__":
    main()
