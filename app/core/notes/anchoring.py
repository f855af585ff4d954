"""Anchors tie a note to a passage and follow it when the document text changes.

An anchor keeps the quote, some context on each side and the offsets, so that after an edit
it can be found again: first where it was, then as an exact quote chosen by its context,
then approximately (a word changed). Offsets are Python character offsets into the
document's normalised text.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from app.core.i18n import tr
from app.core.notes.errors import AnchorError, QuoteNotFound

CONTEXT_CHARS = 32
# Below this similarity a candidate is a different passage, not an edited one.
FUZZY_THRESHOLD = 0.75
# Very short quotes match by chance anywhere; they only follow exact matches.
FUZZY_MIN_QUOTE = 12
# Bounds keep relocation fast on texts where a quote (or one of its words) is very common.
MAX_EXACT_CANDIDATES = 200
MAX_WORD_HITS = 64
MAX_FUZZY_CANDIDATES = 3
MIN_EDGE_BLOCK = 3

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Anchor:
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str


def text_hash(text: str) -> str:
    """sha256 of the text an anchor was made on: unchanged text needs no re-anchoring."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def anchor_at(text: str, start: int, end: int, *, digest: str | None = None) -> Anchor:
    """The anchor for ``text[start:end]``; ``digest`` saves rehashing the same text."""
    if not 0 <= start < end <= len(text):
        raise AnchorError(
            tr(
                "The highlight {start}-{end} does not fit the document ({n} characters); "
                "reopen the document and select the passage again."
            ).format(start=start, end=end, n=len(text))
        )
    return Anchor(
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        text_hash=digest if digest is not None else text_hash(text),
    )


def anchor_for_quote(text: str, quote: str) -> Anchor:
    """Anchor to the first occurrence of the exact ``quote``."""
    start = text.find(quote) if quote else -1
    if start < 0:
        raise QuoteNotFound(quote)
    return anchor_at(text, start, start + len(quote))


def relocate(anchor: Anchor, new_text: str, *, digest: str | None = None) -> Anchor | None:
    """Find the anchored passage in ``new_text``; None when it is gone."""
    digest = digest if digest is not None else text_hash(new_text)
    quote = anchor.quote
    if not quote:
        return None
    if new_text[anchor.start : anchor.end] == quote:
        return anchor_at(new_text, anchor.start, anchor.end, digest=digest)
    starts = _occurrences(new_text, quote)
    if starts:
        best = max(starts, key=lambda s: _context_score(anchor, new_text, s, s + len(quote)))
        return anchor_at(new_text, best, best + len(quote), digest=digest)
    span = _fuzzy_find(anchor, new_text)
    return None if span is None else anchor_at(new_text, span[0], span[1], digest=digest)


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    pos = text.find(quote)
    while pos >= 0 and len(found) < MAX_EXACT_CANDIDATES:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    return found


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """Context similarity decides among repeats; distance to the old place breaks ties."""
    prefix = text[max(0, start - len(anchor.prefix)) : start]
    suffix = text[end : end + len(anchor.suffix)]
    context = _similarity(anchor.prefix, prefix) + _similarity(anchor.suffix, suffix)
    distance = abs(start - anchor.start) / max(len(text), 1)
    return context - 0.1 * distance


@lru_cache(maxsize=8)
def _word_positions(text: str) -> dict[str, list[int]]:
    """Word -> sorted start offsets; cached because re-anchoring a document reuses one text."""
    positions: dict[str, list[int]] = defaultdict(list)
    for m in _WORD.finditer(text):
        positions[m.group()].append(m.start())
    return dict(positions)


def _candidate_starts(quote: str, text: str) -> list[int]:
    """Where the quote would start, voted by its words found in ``text`` (bounded work)."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(quote)]
    long_words = [w for w in words if len(w[1]) >= 3] or words
    positions = _word_positions(text)
    votes: list[int] = []
    for offset, word in long_words:
        hits = positions.get(word, [])
        if len(hits) <= MAX_WORD_HITS:  # a word found everywhere says nothing about place
            votes.extend(pos - offset for pos in hits)
    if not votes:
        return []
    votes.sort()
    width = max(8, len(quote) // 5)
    needed = max(2, int(0.3 * len(long_words))) if len(long_words) > 1 else 1
    clusters: list[tuple[int, int]] = []  # (votes, centre)
    for i, v in enumerate(votes):
        j = bisect_right(votes, v + width)
        count = j - i
        if count >= needed:
            clusters.append((count, votes[(i + j - 1) // 2]))
    clusters.sort(reverse=True)
    chosen: list[int] = []
    for _count, centre in clusters:
        if all(abs(centre - c) > width for c in chosen):
            chosen.append(centre)
            if len(chosen) == MAX_FUZZY_CANDIDATES:
                break
    return chosen


def _align(quote: str, text: str, centre: int) -> tuple[int, int] | None:
    """Span of ``text`` near ``centre`` that best lines up with ``quote``."""
    slack = len(quote) // 4 + 8
    lo = max(0, centre - slack)
    hi = min(len(text), centre + len(quote) + slack)
    region = text[lo:hi]
    matcher = SequenceMatcher(None, quote, region, autojunk=len(quote) > 500)
    blocks = [b for b in matcher.get_matching_blocks() if b.size > 0]
    # One- or two-letter matches at the edges are chance ("d" of a neighbouring word); they
    # would stretch the span over text that is not the passage.
    solid = [b for b in blocks if b.size >= MIN_EDGE_BLOCK]
    if solid:
        blocks = blocks[blocks.index(solid[0]) : blocks.index(solid[-1]) + 1]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    # Extend the outer matching blocks by the unmatched ends of the quote (edited edges).
    start = max(0, first.b - first.a)
    end = min(len(region), last.b + last.size + (len(quote) - last.a - last.size))
    return (lo + start, lo + end) if end > start else None


def _fuzzy_find(anchor: Anchor, text: str) -> tuple[int, int] | None:
    quote = anchor.quote
    if len(quote) < FUZZY_MIN_QUOTE:
        return None
    best: tuple[float, int, int] | None = None
    for centre in _candidate_starts(quote, text):
        span = _align(quote, text, centre)
        if span is None:
            continue
        start, end = _snap_to_words(text, *span)
        score = SequenceMatcher(None, quote, text[start:end], autojunk=False).ratio()
        if score >= FUZZY_THRESHOLD and (best is None or score > best[0]):
            best = (score, start, end)
    return None if best is None else (best[1], best[2])


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Avoid cutting a word in half at the edges of a fuzzy match."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end
