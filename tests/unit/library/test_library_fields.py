"""What the library keeps beyond the text: format, author, pages and a document's contents."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.core.documents import loader
from app.core.documents.loader import LoadedDocument
from app.core.documents.toc import TocEntry
from app.core.library.store import Library

MARKDOWN = "# Un carnet\n\nIntroduction.\n\n## Lire\n\nLe texte.\n\n## Noter\n\nLa note.\n"


def test_list_entries_name_format_author_pages_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(MARKDOWN, "utf-8")
    (tmp_path / "b.htm").write_text("<title>Page</title><p>Un paragraphe.</p>", "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.add_paths([tmp_path])
        entries = {Path(r.path).name: r.to_json() for r in lib.all()}
    assert {n: e["format"] for n, e in entries.items()} == {"a.md": "md", "b.htm": "html"}
    for entry in entries.values():
        assert (entry["author"], entry["pages"], entry["missing"]) == (None, None, False)


def test_contents_of_a_markdown_file_are_its_headings(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(MARKDOWN, "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        (record,) = lib.add_paths([tmp_path]).added
        toc = lib.toc(record.id)
        text = lib.text(record.id)
    # The first heading repeats the title, which the reader shows already (hidden block).
    assert [(e.title, e.level) for e in toc] == [("Lire", 2), ("Noter", 2)]
    assert all(text[e.offset :].lstrip("# ").startswith(e.title) for e in toc)


def test_a_documents_own_contents_pages_and_author_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paged file's fields (as the PDF loader hands them) come back from the library."""
    real = loader.load_document

    def paged(path: Path) -> LoadedDocument:
        doc = real(path)
        text = "Première page.\fDeuxième page.\fTroisième."
        return replace(
            doc,
            text=text,
            blocks=(),
            format="pdf",
            author="Ada Lovelace",
            pages=3,
            toc=(TocEntry("Deux", 1, text.index("Deuxième")),),
        )

    monkeypatch.setattr("app.core.documents.loader.load_document", paged)
    (tmp_path / "a.txt").write_text("anything", "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        (record,) = lib.add_paths([tmp_path]).added
        assert (record.format, record.author, record.pages) == ("pdf", "Ada Lovelace", 3)
        text = lib.text(record.id)
        assert [e.to_json(text) for e in lib.toc(record.id)] == [
            {"title": "Deux", "level": 1, "offset": 15, "page": 2}
        ]


def test_a_books_language_is_kept_and_listed(tmp_path: Path) -> None:
    from app.core.library.store import Library  # noqa: PLC0415
    from tests.unit.documents.epub_factory import calibre_files, zip_epub  # noqa: PLC0415

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "voyage.epub").write_bytes(zip_epub(calibre_files()))
    (docs / "note.txt").write_text("Une note\n\nSans langue déclarée.\n", "utf-8")
    with Library(tmp_path / "library.sqlite3") as lib:
        lib.add_paths([docs])
        languages = {r.format: r.to_json()["language"] for r in lib.all()}
    assert languages == {"epub": "fr", "txt": None}


def test_only_paged_texts_are_read_for_note_pages(tmp_path: Path) -> None:
    from app.core.library.store import Library  # noqa: PLC0415

    docs = tmp_path / "docs"
    docs.mkdir()
    fixture = Path(__file__).parents[1] / "documents" / "fixtures" / "qt-pdfwriter-fr.pdf"
    (docs / "rapport.pdf").write_bytes(fixture.read_bytes())
    (docs / "note.txt").write_text("Une note\n\nSans pages.\n", "utf-8")
    with Library(tmp_path / "library.sqlite3") as lib:
        lib.add_paths([docs])
        ids = {r.format: r.id for r in lib.all()}
        paged = lib.paged_texts(ids.values())
        assert set(paged) == {ids["pdf"]} and "\f" in paged[ids["pdf"]]
        assert set(lib.texts(ids.values())) == set(ids.values())
