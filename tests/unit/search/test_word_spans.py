"""Snippet spans found without a regular-expression match per word are ``matching_spans``'s."""

from __future__ import annotations

import random
import re

import pytest

from app.core.search import word_spans as word_spans_module
from app.core.search.analysis import TOKEN_PATTERN, matching_spans, query_term
from app.core.search.word_spans import word_spans
from tests.bench.generate import document_text

# Words glued to punctuation, digits, underscores, apostrophes of both kinds, hyphens,
# non-breaking and other Unicode spaces, capitals and ligatures: the edges of a "word".
AWKWARD = (
    "L'Ukraine, l’Ukraine; «Ukraine» ukrainien-ne Ukraine_2 2Ukraine UKRAINE\u00a0négociés"
    "\u2009négociation\tnégo_ciation (négociations)... cœur coeur Cœurs État états d'État"
    " russe-russe russes:russe russe\nrusse\u3000russe x"
)


def _texts() -> list[str]:
    return [document_text(n) for n in range(0, 400, 13)] + [AWKWARD]


def _term_sets(texts: list[str]) -> list[frozenset[str]]:
    rng = random.Random(7)
    words = sorted({w.lower() for t in texts for w in re.findall(TOKEN_PATTERN, t)})
    fixed = [
        frozenset({query_term("ukraine")}),
        frozenset({query_term("négociation"), query_term("coeur")}),
        frozenset({query_term("russe"), query_term("état")}),
        frozenset({"zzyzx"}),  # matches nothing
        frozenset(),
    ]
    drawn = [frozenset(query_term(w) for w in rng.sample(words, 3)) for _ in range(30)]
    return fixed + drawn


@pytest.mark.parametrize("limit", [None, 1, 40])
def test_the_same_spans_as_matching_spans(limit: int | None) -> None:
    texts = _texts()
    found_some = 0
    for terms in _term_sets(texts):
        for text in texts:
            expected = matching_spans(text, terms, limit=limit)
            assert word_spans(text, terms, limit=limit) == expected, (sorted(terms), text[:60])
            found_some += bool(expected)
    assert found_some > 100  # the comparison is not between empty lists


def test_a_long_text_is_read_in_parts_with_the_same_spans(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(word_spans_module, "PART_CHARS", 50)  # many parts, cut at spaces
    text = " ".join(_texts())
    for terms in _term_sets(_texts())[:8]:
        for limit in (None, 3, 40):
            assert word_spans(text, terms, limit=limit) == matching_spans(text, terms, limit)


def test_the_remembered_pieces_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_spans_module, "_VOCABULARY", word_spans_module._Vocabulary())
    monkeypatch.setattr(word_spans_module, "MEMORY_LIMIT", 100)
    terms = frozenset({query_term("russe")})
    for text in _texts():
        assert word_spans(text, terms) == matching_spans(text, terms)
        assert len(word_spans_module._VOCABULARY.words) <= 1000  # one text's pieces at most
