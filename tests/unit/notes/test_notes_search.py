"""Note search uses the documents' French analysis; snippets are escaped and marked."""

from __future__ import annotations

import pytest

from app.core.notes import NotesStore

from .conftest import DOC


@pytest.fixture
def filled(store: NotesStore) -> NotesStore:
    store.add("doc1", "Les négociations reprennent à Genève.", tags=("diplomatie",))
    store.add("doc1", "Rien à voir <script>alert(1)</script> & co", tags=("divers",))
    store.add_for_quote("doc2", DOC, "Moscou affirme", "Position russe")
    store.add("doc2", "L'OTAN s'élargit", tags=("sécurité",))
    return store


def test_accentless_query_finds_accented_word(filled: NotesStore) -> None:
    hits = filled.search("negociation")
    assert len(hits) == 1
    assert hits[0].note.text.startswith("Les négociations")
    assert hits[0].snippet == "Les <b>négociations</b> reprennent à Genève."


def test_tags_and_quote_are_searchable(filled: NotesStore) -> None:
    assert [h.note.tags for h in filled.search("securite")] == [("sécurité",)]
    hit = filled.search("Moscou")[0]
    assert hit.note.text == "Position russe"
    assert hit.snippet == "<b>Moscou</b> affirme"
    assert filled.search("otan")[0].snippet == "L&#x27;<b>OTAN</b> s&#x27;élargit"


def test_snippet_is_html_escaped(filled: NotesStore) -> None:
    hit = filled.search("voir")[0]
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet and "&amp; co" in hit.snippet


def test_ranking_prefers_notes_matching_more_words(store: NotesStore) -> None:
    both = store.add("d", "Genève accueille les négociations")
    one = store.add("d", "Genève seulement")
    hits = store.search("négociations Genève")
    assert [h.note.id for h in hits] == [both.id, one.id]
    assert hits[0].score > hits[1].score
    assert len(store.search("Genève", limit=1)) == 1


@pytest.mark.parametrize("query", ["", "   ", "le la les", '"AND (', "*?:[]{}", "OR NOT"])
def test_queries_that_do_not_parse_never_raise(filled: NotesStore, query: str) -> None:
    assert isinstance(filled.search(query), list)


def test_trashed_notes_are_not_found_and_edits_are_seen(store: NotesStore) -> None:
    note = store.add("d", "Lavrov répond")
    assert store.search("lavrov")
    store.update(note.id, text="Blinken répond")
    assert not store.search("lavrov")
    assert store.search("blinken")
    store.trash(note.id)
    assert not store.search("blinken")


def test_long_note_snippet_is_windowed(store: NotesStore) -> None:
    store.add("d", "début " * 100 + "Ukraine" + " fin" * 100)
    snippet = store.search("ukraine")[0].snippet
    assert "<b>Ukraine</b>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…") and len(snippet) < 260


def test_pages_of_notes_concatenate_to_one_ranking_with_a_stable_total(store: NotesStore) -> None:
    for i in range(23):
        extra = " négociations" if i % 3 == 0 else ""
        store.add(f"doc{i % 4}", f"Genève, note {i}{extra}")
    store.add("d", "Rien ici")
    whole = store.search("Genève négociations", limit=1000)
    assert len(whole) == 23
    paged = []
    for offset in range(0, 30, 5):
        page = store.search_page("Genève négociations", limit=5, offset=offset)
        assert page.total == 23
        paged += [h.note.id for h in page.hits]
        assert [h.note.id for h in store.search("Genève négociations", 5, offset)] == [
            h.note.id for h in page.hits
        ]
    assert paged == [h.note.id for h in whole]
    assert store.search_total("Genève négociations") == 23
    assert store.search_total("negociation") == 8
    assert store.search_total("introuvable") == 0
