"""Anchors: creation, and finding the passage again after the document changed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.notes import (
    AnchorError,
    NotesStore,
    QuoteNotFound,
    anchor_at,
    anchor_for_quote,
    relocate,
    text_hash,
)

from .conftest import DOC

QUOTE = "les négociations sur l'Ukraine devaient reprendre"


def test_anchor_at_keeps_context_and_hash() -> None:
    start = DOC.index(QUOTE)
    a = anchor_at(DOC, start, start + len(QUOTE))
    assert a.quote == QUOTE
    assert DOC.endswith(a.suffix, 0, a.end + len(a.suffix)) and len(a.prefix) == 32
    assert DOC[a.start - 32 : a.start] == a.prefix and DOC[a.end : a.end + 32] == a.suffix
    assert a.text_hash == text_hash(DOC)
    edge = anchor_at(DOC, 0, 6)
    assert edge.prefix == "" and edge.quote == "Antony"


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (10, 4), (0, len(DOC) + 1)])
def test_anchor_at_rejects_bad_offsets(start: int, end: int) -> None:
    with pytest.raises(AnchorError, match="does not fit"):
        anchor_at(DOC, start, end)


def test_anchor_for_quote() -> None:
    assert anchor_for_quote(DOC, QUOTE).start == DOC.index(QUOTE)
    with pytest.raises(QuoteNotFound):
        anchor_for_quote(DOC, "Pékin")
    with pytest.raises(QuoteNotFound):
        anchor_for_quote(DOC, "")


def test_same_place_kept() -> None:
    a = anchor_for_quote(DOC, QUOTE)
    changed = DOC + " Fin ajoutée."
    b = relocate(a, changed)
    assert b is not None and (b.start, b.end, b.quote) == (a.start, a.end, a.quote)
    assert b.text_hash == text_hash(changed)


def test_text_inserted_before_the_quote() -> None:
    a = anchor_for_quote(DOC, QUOTE)
    intro = "Mise à jour : ce texte a été complété par la rédaction.\n\n"
    b = relocate(a, intro + DOC)
    assert b is not None
    assert (b.start, b.end) == (a.start + len(intro), a.end + len(intro))
    assert b.quote == QUOTE


def test_repeated_quote_chosen_by_context() -> None:
    text = "Paris a répondu. Ensuite Berlin a répondu. Enfin Rome a répondu."
    start = text.index("a répondu", text.index("Berlin"))
    a = anchor_at(text, start, start + len("a répondu"))
    new = "Note. " + text.replace("Paris", "Madrid")
    b = relocate(a, new)
    assert b is not None
    assert new[b.start - 7 : b.start] == "Berlin "


def test_quote_slightly_edited_is_found_fuzzily() -> None:
    a = anchor_for_quote(DOC, QUOTE)
    edited = DOC.replace("devaient reprendre", "devraient reprendre")
    b = relocate(a, "Préambule.\n" + edited)
    assert b is not None
    assert b.quote == "les négociations sur l'Ukraine devraient reprendre"


def test_word_replaced_in_long_quote() -> None:
    quote = "La diplomatie n'est pas morte, a-t-il ajouté, mais la Russie doit retirer"
    a = anchor_for_quote(DOC, quote)
    new = DOC.replace("a-t-il ajouté", "a-t-il précisé")
    b = relocate(a, new)
    assert b is not None and "précisé" in b.quote and b.quote.startswith("La diplomatie")


def test_deleted_passage_is_none() -> None:
    a = anchor_for_quote(DOC, QUOTE)
    sentence = "Le secrétaire d'État a déclaré que " + QUOTE + " à Genève. "
    assert sentence in DOC
    assert relocate(a, DOC.replace(sentence, "")) is None


def test_short_quote_never_matched_fuzzily() -> None:
    a = anchor_for_quote(DOC, "Moscou")
    assert relocate(a, DOC.replace("Moscou", "Moscov")) is None


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=80), st.text(min_size=0, max_size=80))
def test_relocate_follows_insertions_outside_the_quote(before: str, after: str) -> None:
    a = anchor_for_quote(DOC, QUOTE)
    new = before + DOC + after
    b = relocate(a, new)
    assert b is not None
    assert new[b.start : b.end] == QUOTE


def test_reanchor_document_counts_and_orphans(store: NotesStore) -> None:
    unchanged = store.add_for_quote("doc1", DOC, "Antony Blinken", "début")
    moved = store.add_for_quote("doc1", DOC, "garanties écrites", "déplacée")
    fuzzy = store.add_for_quote("doc1", DOC, QUOTE, "modifiée")
    gone = store.add_for_quote("doc1", DOC, "Les Européens, eux, craignent", "supprimée")
    plain = store.add("doc1", "sans ancre")
    new = (
        DOC.replace("devaient reprendre", "devraient reprendre")
        .replace("Les Européens, eux, craignent une escalade rapide.", "")
        .replace("Genève.", "Genève, en Suisse.")
    )
    report = store.reanchor_document("doc1", new)
    assert (report.kept, report.moved, report.fuzzy, report.orphaned) == (1, 1, 1, 1)
    assert store.get(unchanged.id).anchor == anchor_at(new, 0, len("Antony Blinken"))
    m = store.get(moved.id).anchor
    assert m is not None and new[m.start : m.end] == "garanties écrites"
    f = store.get(fuzzy.id)
    assert f.anchor is not None and "devraient" in f.anchor.quote and not f.orphan
    g = store.get(gone.id)
    assert g.orphan and g.text == "supprimée" and g.anchor == gone.anchor  # kept, flagged
    assert store.get(plain.id).anchor is None
    assert store.get(moved.id).updated == moved.updated  # re-anchoring is not a user edit

    # Same text again: nothing to do except retry the orphan.
    again = store.reanchor_document("doc1", new)
    assert (again.kept, again.moved, again.fuzzy, again.orphaned) == (0, 0, 0, 1)
    # The passage comes back: the orphan is found again and unflagged.
    back = store.reanchor_document("doc1", DOC)
    assert back.orphaned == 0 and not store.get(gone.id).orphan


def test_fuzzy_match_is_not_stretched_by_chance_letters() -> None:
    text = "La frontière de l'Ukraine, a déclaré le département d'Etat américain après leur appel."
    quote = "déclaré le département d'Etat américain après leur appel"
    a = anchor_for_quote(text, quote)
    b = relocate(a, "Mise à jour. " + text.replace("déclaré", "affirmé"))
    assert b is not None
    assert b.quote == "affirmé le département d'Etat américain après leur appel"
