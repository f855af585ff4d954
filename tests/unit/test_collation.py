"""Sorting titles as a French reader expects, and missing values last in both directions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.core.collation import ordered, text_key


def by_key(words: list[str]) -> list[str]:
    return sorted(words, key=text_key)


def test_accents_and_case_do_not_move_a_title() -> None:
    assert by_key(["Zèbre", "école", "Été", "eau", "Evian"]) == [
        "eau",
        "école",
        "Été",
        "Evian",
        "Zèbre",
    ]


def test_ligatures_sort_as_their_letters() -> None:
    assert by_key(["Oz", "Œuvres", "Odes"]) == ["Odes", "Œuvres", "Oz"]


def test_leading_quotes_and_punctuation_are_ignored() -> None:
    titles = ["« Zut »", "Bonjour", "“Avant” tout", "...Chaque", "(Deux)"]
    assert by_key(titles) == ["“Avant” tout", "Bonjour", "...Chaque", "(Deux)", "« Zut »"]


def test_numbers_sort_in_natural_order() -> None:
    titles = ["Chapitre 10", "Chapitre 2", "Chapitre 1", "Chapitre 2b", "Chapitre"]
    assert by_key(titles) == ["Chapitre", "Chapitre 1", "Chapitre 2", "Chapitre 2b", "Chapitre 10"]


def test_identical_folded_titles_have_a_stable_order() -> None:
    # Different spellings that fold alike are still told apart, the same way every time.
    assert by_key(["ete", "Été", "été", "Ete"]) == by_key(["Ete", "été", "Été", "ete"])


def test_non_latin_titles_keep_their_letters() -> None:
    assert text_key("Москва") != text_key("Киев")
    assert by_key(["Москва", "Киев"]) == ["Киев", "Москва"]


def test_missing_values_sort_last_both_ways() -> None:
    rows = [("a", "2021-03-01"), ("b", None), ("c", "2020-01-01"), ("d", ""), ("e", "2022-12-31")]
    up = ordered(rows, lambda r: r[1], descending=False)
    down = ordered(rows, lambda r: r[1], descending=True)
    assert [r[0] for r in up] == ["c", "a", "e", "b", "d"]
    assert [r[0] for r in down] == ["e", "a", "c", "b", "d"]


def test_ties_keep_the_tie_break_order_both_ways() -> None:
    rows = [("Le Monde", "x"), ("Le Temps", "y"), ("Le Monde", "z")]
    up = ordered(rows, lambda r: r[0], descending=False, tie=lambda r: r[1])
    down = ordered(rows, lambda r: r[0], descending=True, tie=lambda r: r[1])
    assert [r[1] for r in up] == ["x", "z", "y"]
    assert [r[1] for r in down] == ["y", "x", "z"]


@given(st.lists(st.text(max_size=12), max_size=30))
def test_any_text_has_a_key_and_sorting_is_total(words: list[str]) -> None:
    once = by_key(words)
    assert by_key(list(reversed(words))) == once
