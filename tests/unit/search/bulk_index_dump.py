"""An index's whole content keyed by document id, to compare two writers' indexes exactly."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from whoosh.index import Index

_VOCABULARY = (
    "négociation négociations négocier diplomatie diplomate Genève Russie russe armes contrôle "
    "cœur coeur activités activites l'Ukraine d’accord les cette été élève forêt château "
    "économie politique accord traité sommet ministre président guerre paix sécurité"
)
WORDS = _VOCABULARY.split()


def generated_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def write_library(folder: Path, count: int, seed: int = 7, long_every: int = 50) -> None:
    """``count`` French-like text files; every ``long_every``-th is long (it stores marks)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        size = 3200 if n % long_every == 0 else rng.randint(5, 200)
        body = generated_text(rng, size)
        (folder / f"doc{n:04}.txt").write_text(f"Titre {n} {rng.choice(WORDS)}\n\n{body}\n")


def index_content(ix: Index) -> dict[str, Any]:
    """Terms with their postings (by id), doc frequencies, stored fields and lengths."""
    with ix.reader() as reader:
        ids = {d: f["id"] for d, f in reader.iter_docs()}
        postings: dict[tuple[str, bytes], list[tuple[str, float, bytes]]] = {}
        frequencies: dict[tuple[str, bytes], int] = {}
        for fieldname, btext in reader.all_terms():
            key = (fieldname, btext)
            frequencies[key] = reader.doc_frequency(fieldname, btext)
            matcher = reader.postings(fieldname, btext)
            rows = []
            while matcher.is_active():
                doc = matcher.id()
                if doc in ids:  # deleted documents are not content
                    rows.append((ids[doc], matcher.weight(), matcher.value()))
                matcher.next()
            postings[key] = sorted(rows)
        stored = {f["id"]: f for _, f in reader.iter_docs()}
        lengths = {
            ids[d]: {name: reader.doc_field_length(d, name) for name in ("title", "content")}
            for d in ids
        }
        return {
            "postings": {k: v for k, v in postings.items() if v},
            "frequencies": {k: frequencies[k] for k, v in postings.items() if v},
            "stored": stored,
            "lengths": lengths,
            "doc_count": reader.doc_count(),
        }
