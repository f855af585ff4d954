"""A small multi-segment index of generated French documents, and queries drawn from it,
for checking the vectorised evaluator against Whoosh's own matchers."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh.index import Index, create_in
from whoosh.searching import Searcher

from app.core.search.schema import build_schema
from tests.bench.generate import SOURCES, document_text

DOCUMENTS = 240
SEGMENTS = 4
_WORD = re.compile(r"[^\W\d_]{3,}")


def build_index(directory: Path, codec: Any = None) -> Index:
    """DOCUMENTS documents written in SEGMENTS commits (no merging) with ``codec``
    (Whoosh's default when None), some deleted: global document numbers have holes."""
    ix = create_in(str(directory), build_schema())
    per = DOCUMENTS // SEGMENTS
    for segment in range(SEGMENTS):
        writer = ix.writer(codec=codec) if codec is not None else ix.writer()
        for n in range(segment * per, (segment + 1) * per):
            writer.add_document(**_fields(n))
        if segment:
            # Deleted documents of earlier segments stay there until a merge.
            for n in range(segment, segment * per, 17):
                writer.delete_by_term("id", f"doc{n}")
        writer.commit(merge=False)
    return ix


def _fields(n: int) -> dict[str, str]:
    text = document_text(n)
    title = text.split("\n", 1)[0]
    return {
        "id": f"doc{n}",
        "path": f"/library/doc{n}.txt",
        "title": title,
        "source": SOURCES[n % len(SOURCES)],
        "date": "",
        "content": f"{title}\n\n{text}",
    }


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


class QueryMaker:
    """Seeded queries in every form the evaluator handles, matching and not."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.texts = [document_text(n) for n in range(0, DOCUMENTS, 7)]
        self.words = sorted({w.lower() for t in self.texts for w in _WORD.findall(t)})

    def word(self) -> str:
        rng = self.rng
        if rng.random() < 0.05:
            return rng.choice(("zzyzx", "quokka", "xylophonique"))  # in no document
        word = rng.choice(self.words)
        return _unaccented(word) if rng.random() < 0.4 else word

    def phrase(self) -> str:
        rng = self.rng
        size = rng.randint(2, 3)
        if rng.random() < 0.7:  # words that follow each other somewhere
            words = _WORD.findall(rng.choice(self.texts))
            start = rng.randrange(len(words) - size)
            chosen = words[start : start + size]
        else:
            chosen = [self.word() for _ in range(size)]
        return '"' + " ".join(chosen) + '"'

    def prefix(self) -> str:
        word = self.word()
        return word[: self.rng.randint(2, min(6, len(word)))] + "*"

    def part(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            return self.word()
        if roll < 0.7:
            return self.phrase()
        if roll < 0.82:
            return self.prefix()
        if roll < 0.91:
            return f"title:{self.word()}"
        source = rng.choice(SOURCES).split()[-1]
        return f"source:{_unaccented(source).lower() if rng.random() < 0.5 else source}"

    def query(self) -> str:
        rng = self.rng
        parts = [self.part() for _ in range(rng.randint(1, 4))]
        for _ in range(rng.choice((0, 0, 0, 1, 2))):
            parts.append("-" + (self.word() if rng.random() < 0.8 else self.phrase()))
        rng.shuffle(parts)
        if parts[0].startswith("-"):
            parts.append(parts.pop(0))  # an exclusion alone matches nothing: keep one word first
        return " ".join(parts)


@contextmanager
def segmented_searcher(ix: Index) -> Iterator[Searcher]:
    """A searcher over several segments with deletions, as the tests of ranking need."""
    with ix.searcher() as s:
        assert len(s.subsearchers) > 1, "the test needs several segments"
        assert s.doc_count() < s.doc_count_all(), "the test needs deleted documents"
        yield s
