"""Whether two texts are nearly the same document: a re-saved web page, a fixed typo.

Word shingles (runs of three words) compared as sets: a changed footer, an advert or a
date line touches a few shingles, another article with the same title shares almost none.
Only ever asked about documents with the same title, so it stays cheap.
"""

from __future__ import annotations

import re

SHINGLE_WORDS = 3
NEAR_DUPLICATE = 0.9
"""The share of shingles two texts must have in common to be one document."""

_WORD_RE = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    """Hashes of every run of SHINGLE_WORDS consecutive words, case folded."""
    words = _WORD_RE.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return frozenset({hash(tuple(words))}) if words else frozenset()
    return frozenset(
        hash(tuple(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1)
    )


def resemblance(a: frozenset[int], b: frozenset[int]) -> float:
    """Shingles in common over those of the larger text: 1.0 for the same words."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def nearly_same(a: str, b: str) -> bool:
    return resemblance(shingles(a), shingles(b)) >= NEAR_DUPLICATE
