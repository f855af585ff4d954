"""best_windows on arrays picks the windows the one-hit-at-a-time version picked."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.search.passages import MAX_PASSAGES, PASSAGE_WORDS, best_windows


def reference_windows(
    positions: dict[int, str], weights: dict[str, float], count: int = MAX_PASSAGES
) -> list[tuple[int, int]]:
    """The previous implementation: a sliding window over the hits, one at a time."""
    ordered = sorted(positions)
    scored: list[tuple[float, int, int]] = []
    inside: Counter[str] = Counter()
    j = 0
    for i, first in enumerate(ordered):
        while j < len(ordered) and ordered[j] - first < PASSAGE_WORDS:
            inside[positions[ordered[j]]] += 1
            j += 1
        worth = sum(weights.get(t, 1.0) for t in inside) * 100 + (j - i)
        scored.append((worth, first, ordered[j - 1]))
        term = positions[first]
        inside[term] -= 1
        if not inside[term]:
            del inside[term]
    scored.sort(key=lambda s: (-s[0], s[1]))
    chosen: list[tuple[int, int]] = []
    for _, first, last in scored:
        if all(last < a or first > b for a, b in chosen):
            chosen.append((first, last))
            if len(chosen) == count:
                break
    return chosen


# Weights that add up exactly in any order, so both versions see the same ties.
WEIGHTS = {"chat": 2.0, "chien": 0.5, "loup": 1.25}


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.integers(0, 400), st.sampled_from(["chat", "chien", "loup", "x"])))
def test_same_windows_as_the_sliding_version(positions: dict[int, str]) -> None:
    assert best_windows(positions, WEIGHTS) == reference_windows(positions, WEIGHTS)


def test_the_window_with_every_word_comes_first() -> None:
    positions = {p: "chat" for p in range(0, 40, 2)} | {300: "chat", 305: "loup"}
    assert best_windows(positions, WEIGHTS)[0] == (300, 305)
