"""Pages as form feeds and contents entries: the offsets every paged feature relies on."""

from __future__ import annotations

from app.core.documents.structure import Block
from app.core.documents.toc import (
    TocEntry,
    page_at,
    page_count,
    page_starts,
    toc_from_blocks,
    toc_from_json,
    toc_to_json,
)

BOOK = "Première page\n\nsuite\fDeuxième page\fTroisième"


def test_a_text_without_form_feeds_has_no_pages() -> None:
    assert page_count("un texte") is None and page_at("un texte", 3) is None


def test_each_offset_names_its_page() -> None:
    starts = page_starts(BOOK)
    assert page_count(BOOK) == 3 and len(starts) == 3
    second = BOOK.index("Deuxième")
    assert [page_at(BOOK, o) for o in (0, second - 1, second, BOOK.index("Troisième"))] == [
        1,
        1,
        2,
        3,
    ]
    assert page_at(BOOK, second, starts) == 2  # the fast path agrees


def test_headings_make_the_contents_of_a_document_without_its_own() -> None:
    text = "# Titre\n\nTexte.\n\n## Partie\n\nSuite."
    blocks = (Block(0, 7, "heading", 1), Block(17, 26, "heading", 2))
    assert toc_from_blocks(text, blocks) == (TocEntry("Titre", 1, 0), TocEntry("Partie", 2, 17))


def test_stored_contents_read_back_and_drop_what_no_longer_fits() -> None:
    entries = (TocEntry("Début", 1, 0), TocEntry("Fin", 2, 40))
    assert toc_from_json(toc_to_json(entries), 40) == entries
    assert toc_from_json(toc_to_json(entries), 39) == entries[:1]
    assert toc_from_json("pas du json", 10) == () and toc_from_json('[["x", "1", 0]]', 10) == ()
