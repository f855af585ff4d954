"""The French analysis: what a French reader expects to match, matches."""

from __future__ import annotations

import pickle

import pytest
from whoosh.formats import Positions

from app.core.search.analysis import (
    FrenchPositions,
    fold,
    french_analyzer,
    index_variants,
    matching_spans,
    query_term,
    query_terms,
)
from tests.conftest import CORPUS


def index_terms(text: str) -> set[str]:
    return {t.text for t in french_analyzer()(text, mode="index")}


def finds(query_word: str, text: str) -> bool:
    return query_term(query_word.lower()) in index_terms(text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("negociation", "Pas de négociations"),
        ("négociation", "Pas de négociations"),
        ("negocier", "il a négocié"),
        ("Geneve", "leur rencontre à Genève"),
        ("geneve", "GENÈVE"),
        ("ukraine", "soutenir l’Ukraine"),
        ("ukraine", "soutenir l'Ukraine"),
        ("amerique", "L'Amérique dans tous ses états"),
        ("activites", "les activités"),
        ("coeur", "au cœur de la crise"),
        ("etats", "les États-Unis"),
        ("russie", "la Russie"),
        ("russe", "la Russie"),
        ("diplomatie", "les diplomates"),
    ],
)
def test_query_words_find_their_inflected_and_accented_forms(query: str, text: str) -> None:
    assert finds(query, text)


def test_elisions_and_stop_words_are_not_indexed() -> None:
    terms = index_terms("l’Ukraine qu’il les cette jusqu’à lorsqu’on d'œuvrer")
    assert {"l", "qu", "il", "les", "cette", "jusqu", "lorsqu", "d"}.isdisjoint(terms)
    assert {"ukrain", "oeuvr"} <= terms


def test_unrelated_words_do_not_match() -> None:
    assert not finds("guerre", "la paix durable")
    assert not finds("chine", "la Russie")


def test_fold_removes_accents_and_ligatures() -> None:
    assert fold("Négociés") == "Negocies"
    assert fold("cœur Æther") == "coeur aether"


def test_barred_letters_are_found_by_their_plain_spelling() -> None:
    assert finds("orsted", "le prix Ørsted")
    assert finds("lodz", "à Łódź")


def test_both_variants_at_index_time_one_at_query_time() -> None:
    assert len(index_variants("activités")) == 2
    assert query_term("activites") in index_variants("activités")
    tokens = [(t.text, t.pos) for t in french_analyzer()("activités", mode="index", positions=True)]
    assert {text for text, _ in tokens} == {"activ", "activit"}
    assert len({pos for _, pos in tokens}) == 1  # same position: phrases still line up


def test_analyzer_survives_pickling() -> None:
    analyzer = pickle.loads(pickle.dumps(french_analyzer()))
    assert [t.text for t in analyzer("négociations", mode="query")] == ["negoci"]


def test_matching_spans_mark_what_the_index_would_match() -> None:
    text = "Il faut négocier, dit-il. Les négociations continuent."
    spans = matching_spans(text, query_terms("negociation"))
    assert [text[a:b] for a, b in spans] == ["négocier", "négociations"]


def test_fast_positions_format_emits_what_the_analyzer_would() -> None:
    analyzer = french_analyzer()
    for path in CORPUS.glob("*.txt"):
        # Stop words first; words sharing a term (négociés/negocies) merge their positions.
        text = "Le la les " + path.read_text("utf-8")
        text += " İstanbul ŒUVRE d’œuvres l'Ukraine 1er négociés negocies activités activites"
        fast_format, slow_format = FrenchPositions(), Positions()
        # The two formats encode positions differently (raw uint32 vs pickled deltas).
        fast = sorted(
            (term, freq, weight, fast_format.decode_positions(value))
            for term, freq, weight, value in fast_format.word_values(text, analyzer, mode="index")
        )
        slow = sorted(
            (term, freq, weight, slow_format.decode_positions(value))
            for term, freq, weight, value in slow_format.word_values(text, analyzer, mode="index")
        )
        assert fast == slow
        assert list(fast_format.word_values("le la les", analyzer, mode="index")) == []
        assert all(fast_format.decode_frequency(v) == f for _, f, _, v in
                   fast_format.word_values(text, analyzer, mode="index"))  # fmt: skip
