"""Benchmark of the notes store (not a test): run ``python -m tests.bench.notes``.

Usage: ``python -m tests.bench.notes [DIR]`` (DIR: where to put the temporary data dir).
Prints median and p95 of saving a note (add, update) and the time to re-anchor 1,000 notes
on a changed ~600-word French document. Targets: save < 10 ms; re-anchoring < 1 s.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.core.notes import NotesStore, anchor_at, relocate, text_hash
from app.core.paths import DataPaths, bundled_corpus_dir

SAVES = 500
NOTES = 1_000
WORDS = 600


def _document() -> str:
    text = (bundled_corpus_dir() / "blinken-et-lavrov-se-sont-telephone.txt").read_text("utf-8")
    words = list(re.finditer(r"\S+", text))
    return text[: words[WORDS - 1].end()]


def _changed(text: str) -> str:
    """Text inserted at the top plus a few edits, as a re-imported article would be."""
    intro = (
        "Mise à jour : cet article a été complété après la conversation téléphonique "
        "entre les deux ministres, et certains passages ont été corrigés.\n\n"
    )
    edited = text.replace("a déclaré", "a affirmé", 3)
    edited = edited.replace("téléphonique", "téléphonique récent", 1)
    sentences = edited.split(". ")
    del sentences[len(sentences) // 2]  # one sentence removed: its notes become orphans
    return intro + ". ".join(sentences)


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _stats(label: str, ms: list[float]) -> None:
    p95 = statistics.quantiles(ms, n=20)[-1]
    print(f"{label:<28} median {statistics.median(ms):6.2f} ms   p95 {p95:6.2f} ms   (n={len(ms)})")


def main() -> None:
    # An optional directory argument measures another disk (the default temp dir may be RAM).
    parent = sys.argv[1] if len(sys.argv) > 1 else None
    rng = random.Random(1)
    doc = _document()
    with tempfile.TemporaryDirectory(dir=parent) as tmp:
        store = NotesStore(DataPaths(Path(tmp) / "data"))
        try:
            adds, updates, ids = [], [], []
            for i in range(SAVES):
                start = time.perf_counter()
                ids.append(store.add("doc", f"note {i} " * 20).id)
                adds.append((time.perf_counter() - start) * 1000)
            for i, note_id in enumerate(ids):
                start = time.perf_counter()
                store.update(note_id, text=f"édition {i}")
                updates.append((time.perf_counter() - start) * 1000)
            print(f"Saving a note (synchronous=FULL, WAL), {SAVES} saves each:")
            _stats("  add()", adds)
            _stats("  update()", updates)

            words = list(re.finditer(r"\S+", doc))
            anchors = []
            for _ in range(NOTES):
                first = rng.randrange(len(words) - 15)
                last = first + rng.randrange(2, 15)
                anchors.append(anchor_at(doc, words[first].start(), words[last].end()))
            for i, anchor in enumerate(anchors):
                store.add("article", f"annotation {i}", anchor=anchor)
            new_text = _changed(doc)
            digest = text_hash(new_text)
            pure = _timed(lambda: [relocate(a, new_text, digest=digest) for a in anchors])
            report = None

            def run() -> None:
                nonlocal report
                report = store.reanchor_document("article", new_text)

            total = _timed(run)
            print(f"\nRe-anchoring {NOTES} notes on a {WORDS}-word document (top insert + edits):")
            print(f"  reanchor_document()        {total:7.1f} ms   {report}")
            print(f"  relocate() alone           {pure:7.1f} ms")
            other = (bundled_corpus_dir() / "premiere-rencontre-surprise-au-g20.txt").read_text()
            worst = _timed(lambda: [relocate(a, other) for a in anchors])
            print(f"  relocate(), all passages gone (worst case) {worst:7.1f} ms")
        finally:
            store.close()


if __name__ == "__main__":
    main()
