"""Where in a long document the words are: its best passages, each with an offset.

The index already holds every word's position for ranking. A long document also stores,
at indexing time, the character offset of every ``MARK_EVERY``-th indexed word; a search
reads the matched words' positions from the postings, picks the windows richest in query
words, and maps each back to characters by scanning at most ``MARK_EVERY`` words from a
mark. So a search never scans a whole book, and a book does not add index documents that
would shift the ranking statistics of every other document.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from app.core.search.analysis import _WORD, FRENCH_STOPS
from app.core.search.snippets import SNIPPET_CHARS, snippet_and_offset

LONG_DOCUMENT_WORDS = 3000  # from here on a result shows passages; below, one snippet
MARK_EVERY = 256  # indexed words between two stored character marks
PASSAGE_WORDS = 20  # a passage: this many indexed words, about what a snippet shows
MAX_PASSAGES = 3
_CONTEXT = 80  # characters of text read around a passage for its snippet

Marks = list[tuple[int, int]]
"""``(position, character offset)`` pairs in the indexed content, in order."""


@dataclass(frozen=True)
class PassageSpan:
    """A passage found in the indexed content: its word positions and their characters."""

    first: int
    last: int
    start: int
    end: int


def position_marks(content: str) -> Marks:
    """Every ``MARK_EVERY``-th indexed word's position and character offset.

    Numbers positions exactly as ``FrenchPositions`` does when indexing: stop words take
    no position; the first kept word keeps its token number, later ones count on.
    """
    marks: Marks = []
    pos, kept = -1, 0
    stops = FRENCH_STOPS
    for index, m in enumerate(_WORD.finditer(content)):
        if m.group().lower() in stops:
            continue
        pos = index if pos < 0 else pos + 1
        if kept % MARK_EVERY == 0:
            marks.append((pos, m.start()))
        kept += 1
    return marks


def word_span(content: str, marks: Marks, position: int) -> tuple[int, int] | None:
    """The characters of the indexed word at ``position``, scanning from the nearest mark."""
    at = bisect.bisect_right([p for p, _ in marks], position) - 1
    if at < 0:
        return None
    pos, start = marks[at]
    pos -= 1
    for m in _WORD.finditer(content, start):
        if m.group().lower() in FRENCH_STOPS:
            continue
        pos += 1
        if pos == position:
            return m.start(), m.end()
        if pos > position:
            break
    return None


def matched_positions(searcher: Searcher, docnum: int, terms: Iterable[str]) -> dict[int, str]:
    """The content positions of ``docnum`` where one of ``terms`` matched, read from postings."""
    found: dict[int, str] = {}
    for term in sorted(terms):
        try:
            matcher = searcher.postings("content", term)
        except TermNotFound:
            continue
        if matcher.is_active() and matcher.id() < docnum:
            matcher.skip_to(docnum)
        if matcher.is_active() and matcher.id() == docnum:
            for position in matcher.value_as("positions"):
                found.setdefault(position, term)  # both variants of a word share a position
    return found


def best_windows(
    positions: dict[int, str], weights: dict[str, float], count: int = MAX_PASSAGES
) -> list[tuple[int, int]]:
    """Up to ``count`` non-overlapping ``(first, last)`` position windows, best first.

    A window is worth the weight (rarity) of each distinct query word it holds, then
    its number of hits: the passage that has all the words beats one that repeats one.
    """
    if not positions:
        return []
    # A book holds thousands of hits of a common word: arrays, not a loop per hit.
    ordered = np.array(sorted(positions), dtype=np.int64)
    n = len(ordered)
    ends = np.searchsorted(ordered, ordered + PASSAGE_WORDS)  # window i is [i, ends[i])
    terms = [positions[p] for p in ordered.tolist()]
    worth = np.zeros(n, dtype=np.float64)
    for term in dict.fromkeys(terms):
        seen = np.concatenate(([0], np.cumsum([t == term for t in terms])))
        worth += np.where(seen[ends] > seen[:n], weights.get(term, 1.0), 0.0)
    worth = worth * 100 + (ends - np.arange(n))
    chosen: list[tuple[int, int]] = []
    for i in np.lexsort((ordered, -worth)).tolist():
        first, last = int(ordered[i]), int(ordered[ends[i] - 1])
        if all(last < a or first > b for a, b in chosen):
            chosen.append((first, last))
            if len(chosen) == count:
                break
    return chosen


def find_passages(
    searcher: Searcher, docnum: int, content: str, marks: Marks, terms: Iterable[str]
) -> list[PassageSpan]:
    """The best passages of one indexed document for the matched ``terms``, best first."""
    positions = matched_positions(searcher, docnum, terms)
    if not positions:
        return []
    weights = {t: searcher.idf("content", t) for t in set(positions.values())}
    out = []
    for first, last in best_windows(positions, weights):
        head, tail = word_span(content, marks, first), word_span(content, marks, last)
        if head is not None and tail is not None:
            out.append(PassageSpan(first, last, head[0], tail[1]))
    return out


def snippet_within(
    text: str, terms: set[str] | frozenset[str], start: int, end: int
) -> tuple[str, int]:
    """A snippet of ``text`` made from ``[start, end)`` and a little context only, and the
    offset (in ``text``) of its first matched word."""
    lo = max(0, start - _CONTEXT)
    hi = min(len(text), max(end, start + SNIPPET_CHARS) + _CONTEXT)
    snippet, offset = snippet_and_offset(text[lo:hi], terms)
    if lo > 0 and not snippet.startswith("…"):
        snippet = "…" + snippet
    if hi < len(text) and not snippet.endswith("…"):
        snippet += "…"
    return snippet, lo + offset
