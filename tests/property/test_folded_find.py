"""Find in document: the bulk-folded text finds exactly what folding each character finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.documents.layout import FoldedText, fold_char, fold_query

_ALPHABET = list("aeoc Cé\u0301œŒæß'’𝄞\n\u00a0")


def reference_find(text: str, query: str) -> list[tuple[int, int]]:
    """The straightforward way: fold character by character, keep every origin."""
    origin: list[int] = []
    pieces = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        pieces.append(folded)
        origin.extend([i] * len(folded))
    folded_text = "".join(pieces)
    needle = fold_query(query)
    if not needle.strip():
        return []
    spans = []
    at = folded_text.find(needle)
    while at >= 0:
        start, end = origin[at], origin[at + len(needle) - 1] + 1
        while end < len(text) and not fold_char(text[end]):
            end += 1
        spans.append((start, end))
        at = folded_text.find(needle, at + len(needle))
    return spans


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40),
    st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=4),
)
def test_bulk_folding_finds_what_per_character_folding_finds(text: str, query: str) -> None:
    assert FoldedText(text).find_all(query) == reference_find(text, query)
