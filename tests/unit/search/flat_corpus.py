"""A generated index in several segments, with deletions, in either codec: the same
documents for W3 and flat, so the tests can compare what each one answers."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from whoosh.index import Index, create_in

from app.core.search.schema import build_schema

WORDS = [
    "négociation", "accord", "traité", "paix", "guerre", "frontière", "ministre", "président",
    "économie", "budget", "impôt", "école", "université", "recherche", "santé", "hôpital",
    "cœur", "forêt", "rivière", "montagne", "village", "ville", "route", "chemin", "voyage",
]  # fmt: skip


def corpus(count: int = 240, seed: int = 7) -> list[tuple[str, str, str]]:
    """``(id, title, content)`` rows: a few frequent words, many rare ones."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        size = rng.choice([1, 3, 40, 200, 600])
        words = [rng.choice(WORDS) if rng.random() < 0.7 else f"rare{rng.randrange(600)}"
                 for _ in range(size)]  # fmt: skip
        rows.append((f"d{n}", f"Titre {rng.choice(WORDS)} {n}", " ".join(words)))
    return rows


def build(path: Path, codec: Any, rows: list[tuple[str, str, str]] | None = None) -> Index:
    """Three segments written with ``codec``, then deletions and an update."""
    rows = corpus() if rows is None else rows
    path.mkdir(parents=True, exist_ok=True)
    ix = create_in(str(path), build_schema())
    third = len(rows) // 3
    for part in (rows[:third], rows[third : 2 * third], rows[2 * third :]):
        w = ix.writer(codec=codec)
        for doc_id, title, content in part:
            w.add_document(id=doc_id, title=title, content=content)
        w.commit(merge=False)
    w = ix.writer(codec=codec)
    for doc_id in ("d0", "d5", f"d{third + 1}", f"d{len(rows) - 1}"):
        w.delete_by_term("id", doc_id)
    w.update_document(id="d7", title="Titre nouveau", content="accord accord paix nouveau")
    w.commit(merge=False)
    return ix
