"""Notes on paged documents name their page: in ``notes list --json`` and the Markdown export."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.core.notes import NotesStore, export_markdown
from app.core.notes.exchange import render_export
from app.core.notes.pages import TextsOf, note_pages

from .conftest import Doc

PAGED = "Première page, l'introduction.\fDeuxième page : la trêve tient.\fTroisième page."
PLAIN = "Un texte sans pages où la trêve tient aussi."


def texts(by_id: Mapping[str, str]) -> TextsOf:
    def texts_of(ids: Iterable[str]) -> Mapping[str, str]:
        return {i: by_id[i] for i in ids if i in by_id}

    return texts_of


def test_a_note_is_on_the_page_its_passage_starts_on(store: NotesStore) -> None:
    on_two = store.add_for_quote("pdf", PAGED, "la trêve tient", "Page deux")
    on_plain = store.add_for_quote("txt", PLAIN, "la trêve tient", "Sans page")
    loose = store.add("pdf", "Pas de passage")
    pages = note_pages(store.list(), texts({"pdf": PAGED, "txt": PLAIN}))
    assert pages == {on_two.id: 2}
    assert on_plain.id not in pages and loose.id not in pages


def test_the_markdown_export_cites_the_page(store: NotesStore) -> None:
    store.add_for_quote("pdf", PAGED, "la trêve tient", "Page deux")
    store.add_for_quote("txt", PLAIN, "la trêve tient", "Sans page")
    docs = {
        "pdf": Doc("Rapport", None, None, "/r.pdf"),
        "txt": Doc("Texte", None, None, "/t.txt"),
    }
    text, count = render_export(store, docs, "md", texts_of=texts({"pdf": PAGED, "txt": PLAIN}))
    assert count == 2
    assert text.count("p. ") == 1 and "> la trêve tient\n> — p. 2\n" in text
    assert "p. " not in export_markdown(store.list(), docs)  # without texts, no pages
