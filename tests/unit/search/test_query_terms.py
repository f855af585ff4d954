"""Phrases of a query, and where they are in a text, the index's way."""

from __future__ import annotations

from app.core.search.query_terms import phrase_spans, query_phrases


def test_query_phrases_keeps_quoted_phrases_of_two_words_or_more() -> None:
    assert query_phrases('"Paul Whelan" prison') == (("paul", "whelan"),)
    # Stop words drop out, words are folded and stemmed as the index does.
    assert query_phrases('title:"Contrôle des armes"') == (("control", "arme"),)
    # Excluded phrases and one-word "phrases" mark nothing as a phrase.
    assert query_phrases('-"Paul Whelan" "Genève"') == ()
    assert query_phrases('prison "unterminated') == ()
    assert query_phrases("") == ()


def test_phrase_spans_cover_each_occurrence_whole() -> None:
    text = "Paul Whelan, puis Paul seul ; enfin PAUL  WHELAN.\nLes contrôles des armes."
    spans = phrase_spans(text, query_phrases('"Paul Whelan" "contrôle des armes"'))
    assert [text[a:b] for a, b in spans] == ["Paul Whelan", "PAUL  WHELAN", "contrôles des armes"]
    assert phrase_spans(text, ()) == []
