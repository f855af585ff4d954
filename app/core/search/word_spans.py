"""``analysis.matching_spans`` for snippets, without a regular-expression match per word.

A snippet needs the spans of the words that match the query, in text order. Tokenizing a
600-word text with ``\\w+`` costs one match object per word: most of a snippet's time.
Here the text is cut at whitespace (``str.split``, in C) and each distinct piece is
analysed once per process: which terms its words are indexed under. The pieces of a text
holding a query's terms are then found with set intersections, and only their matching
words are looked for, with ``str.find``. The spans are those of ``matching_spans``: a word
is a maximal run of ``\\w`` characters, found by ``find`` plus a check of its two ends.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Set

from app.core.search.analysis import FRENCH_STOPS, TOKEN_PATTERN, index_variants

_WORD = re.compile(TOKEN_PATTERN)
_SPACE = re.compile(r"\s")
# Texts are read in pieces of about this many characters, so that a long text whose
# first spans suffice is not split whole (``matching_spans`` stops early too).
PART_CHARS = 16_384
# Whitespace-free pieces remembered before the memory is cleared: ~10 MB at most (3,000
# generated documents leave 11,829 pieces and 6 MB, measured with tracemalloc).
MEMORY_LIMIT = 20_000

Words = tuple[tuple[str, tuple[str, ...]], ...]
"""A piece's words that are not stop words, each with the terms it is indexed under."""


class _Vocabulary:
    """What each whitespace-free piece of text seen so far is indexed under."""

    def __init__(self) -> None:
        self.words: dict[str, Words] = {}  # every piece seen -> its words
        self.pieces_with: dict[str, set[str]] = {}  # term -> pieces with a word under it
        self.lock = threading.Lock()

    def learn(self, pieces: Set[str]) -> None:
        """Analyse the pieces never seen before."""
        new = pieces - self.words.keys()
        if len(self.words) + len(new) > MEMORY_LIMIT:
            self.words.clear()
            self.pieces_with.clear()
            new = set(pieces)
        for piece in new:
            words: list[tuple[str, tuple[str, ...]]] = []
            for word in _WORD.findall(piece):
                lower = word.lower()
                if lower in FRENCH_STOPS:
                    continue
                variants = index_variants(lower)
                words.append((word, variants))
                for term in variants:
                    self.pieces_with.setdefault(term, set()).add(piece)
            self.words[piece] = tuple(words)

    def hits(self, pieces: Set[str], terms: frozenset[str]) -> set[str]:
        """The distinct words of ``pieces`` (all learnt) that match ``terms``."""
        hits: set[str] = set()
        for term in terms:
            holding = self.pieces_with.get(term)
            if not holding:
                continue
            for piece in pieces & holding:
                hits.update(w for w, variants in self.words[piece] if term in variants)
        return hits


_VOCABULARY = _Vocabulary()


def word_spans(text: str, terms: frozenset[str], limit: int | None = None) -> list[tuple[int, int]]:
    """What ``analysis.matching_spans(text, terms, limit)`` returns."""
    if not terms:
        return []
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = _part_end(text, start)
        out += _part_spans(text, start, end, terms)
        if limit is not None and len(out) >= limit:
            return out[: max(limit, 1)]  # as matching_spans: it checks after a span
        start = end
    return out


def _part_spans(text: str, start: int, end: int, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of matching words in ``text[start:end]`` (cut at whitespace), in order."""
    pieces = set(text[start:end].split())
    vocabulary = _VOCABULARY
    with vocabulary.lock:  # one search thread at a time changes or reads it
        vocabulary.learn(pieces)
        hits = vocabulary.hits(pieces, terms)
    found: list[tuple[int, int]] = []
    for word in hits:
        size = len(word)
        at = text.find(word, start, end)
        while at >= 0:
            after = at + size
            # A whole word: no word character just before or just after. (An occurrence
            # overlapping a rejected one would start after a word character: none is lost.)
            if (at == 0 or not _is_word_char(text[at - 1])) and (
                after == len(text) or not _is_word_char(text[after])
            ):
                found.append((at, after))
            at = text.find(word, after, end)
    found.sort()
    return found


def _is_word_char(char: str) -> bool:
    return _WORD.match(char) is not None


def _part_end(text: str, start: int) -> int:
    """Where the part from ``start`` ends: at a whitespace character past ``PART_CHARS``
    (never inside a word), or at the end of the text."""
    if len(text) - start <= PART_CHARS:
        return len(text)
    space = _SPACE.search(text, start + PART_CHARS)
    return space.start() if space else len(text)
