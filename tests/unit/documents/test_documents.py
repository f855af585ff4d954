"""load_document: each file builds its own input in tmp_path; every refusal has a reason."""

from __future__ import annotations

import codecs
import os
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.documents import loader as documents
from app.core.documents.loader import LoadedDocument, load_document, load_document_bytes
from app.core.errors import DocumentSkipped

ARTICLE = (
    "International\n"
    "Partagez\n"
    "Un titre bien réel pour l'article\n"
    "\n"
    "Publié le 1er mars 2023\n"
    "\n"
    "Le corps de l'article, avec des mots.\n"
    "Source : watson\n"
)


def _skip_reason(path: Path) -> str:
    with pytest.raises(DocumentSkipped) as caught:
        load_document(path)
    assert caught.value.path == str(path)
    return caught.value.reason


def test_plain_text_document(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    doc = load_document(path)
    assert isinstance(doc, LoadedDocument)
    assert doc.text == ARTICLE
    assert doc.title == "Un titre bien réel pour l'article"
    assert doc.source == "watson"
    assert doc.date == "2023-03-01"
    assert doc.words == 24
    assert doc.reading_minutes == 1


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8-sig"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.encode("cp1252"),
    ],
)
def test_encodings_give_the_same_document(tmp_path: Path, encode: Callable[[str], bytes]) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(encode(ARTICLE))
    doc = load_document(path)
    assert doc.text == ARTICLE
    assert doc.title == "Un titre bien réel pour l'article"


def test_text_is_nfc(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_bytes(unicodedata.normalize("NFD", "Élève modèle à l’école\n").encode("utf-8"))
    doc = load_document(path)
    assert doc.text == "Élève modèle à l’école\n"
    assert doc.title == "Élève modèle à l’école"


def test_markdown_heading_is_the_title_and_text_is_kept(tmp_path: Path) -> None:
    source = "\n# Mes notes de lecture #\n\nUn *paragraphe* en **Markdown**.\n"
    path = tmp_path / "notes.md"
    path.write_text(source, encoding="utf-8")
    doc = load_document(path)
    assert doc.text == source
    assert doc.title == "Mes notes de lecture"


def test_markdown_without_heading_uses_the_heuristics(tmp_path: Path) -> None:
    path = tmp_path / "notes.markdown"
    path.write_text("Menu\nUne première ligne de titre\n\nTexte.\n", encoding="utf-8")
    assert load_document(path).title == "Une première ligne de titre"


def test_html_document_uses_html_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.HTML"
    path.write_text(
        "<html><head><title>Le vrai titre - Journal</title>"
        '<meta property="og:site_name" content="Journal">'
        '<meta property="article:published_time" content="2022-07-31">'
        "<script>var a;</script></head><body><nav>Menu</nav>"
        "<p>Premier paragraphe.</p><p>Second&nbsp;paragraphe e&#769;te&#769;.</p></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.text == "Premier paragraphe.\n\nSecond\xa0paragraphe été."
    assert doc.title == "Le vrai titre"
    assert doc.source == "Journal"
    assert doc.date == "2022-07-31"
    assert doc.words == 5


def test_html_without_metadata_falls_back_to_the_text(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<div>Partagez</div><p>Un titre tiré du texte</p><p>Publié le 02/03/2021</p>"
        "<p>(Exemple.org) – Corps.</p>",
        encoding="cp1252",
    )
    doc = load_document(path)
    assert doc.title == "Un titre tiré du texte"
    assert doc.source == "Exemple.org"
    assert doc.date == "2021-03-02"


def test_html_without_readable_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "vide.html"
    path.write_text("<html><script>x()</script><nav>Menu</nav></html>", encoding="utf-8")
    assert "no readable text" in _skip_reason(path)


def test_file_name_is_the_last_resort_title(tmp_path: Path) -> None:
    path = tmp_path / "mon-document.txt"
    path.write_text("Menu\nOK\n", encoding="utf-8")
    assert load_document(path).title == "mon-document"


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "livre.docx"
    path.write_bytes(b"PK\x03\x04")
    reason = _skip_reason(path)
    assert "'.docx' files are not supported" in reason
    assert ".txt" in reason and ".pdf" in reason  # what Carnet does read


def test_empty_and_blank_files(tmp_path: Path) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    assert _skip_reason(empty) == "the file is empty"
    blank = tmp_path / "blanc.txt"
    blank.write_bytes(b" \r\n\t\n  ")
    assert "only blank space" in _skip_reason(blank)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01")
    assert _skip_reason(path) == "looks like a binary file, not text"


def test_oversized_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gros.txt"
    path.write_text("x" * 3000, encoding="utf-8")
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 2048)

    def no_read(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("an oversized file must not be opened")

    monkeypatch.setattr(Path, "open", no_read)
    assert _skip_reason(path) == "too large (3 KB; the limit is 2 KB)"


def test_oversized_message_in_megabytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 20 * 1024 * 1024)
    too_large = documents._too_large
    assert too_large(123 * 1024 * 1024).english() == "too large (123 MB; the limit is 20 MB)"
    assert too_large(int(20.4 * 1024 * 1024)).english() == "too large (20.4 MB; the limit is 20 MB)"


def test_oversized_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 10)
    with pytest.raises(DocumentSkipped, match="too large"):
        load_document_bytes(b"x" * 11, ".txt", "x.txt")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file_chmod(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("texte", encoding="utf-8")
    path.chmod(0)
    try:
        assert _skip_reason(path) == "cannot be read: permission denied"
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (PermissionError(13, "Permission denied"), "cannot be read: permission denied"),
        (FileNotFoundError(2, "No such file"), "the file no longer exists"),
        (OSError(5, "Input/output error"), "cannot be read: Input/output error"),
    ],
)
def test_read_errors_become_reasons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, expected: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("texte", encoding="utf-8")

    def failing_open(*_args: object, **_kwargs: object) -> object:
        raise error

    monkeypatch.setattr(Path, "open", failing_open)
    assert _skip_reason(path).startswith(expected)


def test_missing_file(tmp_path: Path) -> None:
    assert _skip_reason(tmp_path / "parti.txt").startswith("the file no longer exists")


def test_directory_with_a_supported_suffix(tmp_path: Path) -> None:
    folder = tmp_path / "dossier.txt"
    folder.mkdir()
    assert _skip_reason(folder) == "is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in _skip_reason(fifo)


def test_load_document_bytes_accepts_suffix_without_dot() -> None:
    doc = load_document_bytes(b"Un titre pour voir\nTexte.", "TXT", "dir/nom.txt")
    assert doc.title == "Un titre pour voir"


def test_corpus_file_loads(tmp_path: Path) -> None:
    source = Path(__file__).parents[3] / "corpus" / "la-russie-recoit-la-demande-des-etats-unis.txt"
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    doc = load_document(path)
    assert doc.date == "2022-07-31"
    assert doc.title.startswith("La Russie reçoit la demande")


CORPUS = Path(__file__).parents[3] / "corpus"


def _hidden(doc: LoadedDocument) -> list[tuple[str, str]]:
    return [(b.kind, doc.text[b.start : b.end][:24]) for b in doc.blocks if b.hidden]


def test_bundled_articles_mark_the_repeated_headline_and_caption() -> None:
    # The stored text stays byte for byte the file's; only the marks hide the repeats.
    diplomatie = load_document(CORPUS / "la-diplomatie-n-est-pas-morte.txt")
    assert diplomatie.text == (CORPUS / "la-diplomatie-n-est-pas-morte.txt").read_text("utf-8")
    assert _hidden(diplomatie) == [
        ("title_repeat", "\"La diplomatie n'est pas"),
        ("duplicate", "Sergueï Lavrov, ministre"),  # the photo caption printed twice
        ("duplicate", "Le président russe Vladi"),  # and a second one further down
        ("chrome", "Vous aimer cet article ?"),  # a share button's invitation
    ]
    g20 = load_document(CORPUS / "premiere-rencontre-surprise-au-g20.txt")
    assert _hidden(g20) == [
        ("chrome", "Partagez"),  # the share button, copied with the article
        ("title_repeat", "Guerre russo-ukrainienne"),
        ("duplicate", "Guerre russo-ukrainienne"),
    ]


def test_html_document_has_headings_lists_and_no_share_label(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<title>Le guide</title><h1>Le guide</h1><p>Partagez</p><h2>Installer</h2>"
        "<ol><li>Télécharger</li><li>Lancer</li></ol>",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == "Le guide\n\nInstaller\n\n1. Télécharger\n\n2. Lancer"
    assert [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("title_repeat", "Le guide"),
        ("heading", "Installer"),
        ("list_item", "1. Télécharger"),
        ("list_item", "2. Lancer"),
    ]


def test_markdown_headings_are_marked_and_the_text_is_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Mes notes\n\nIntro.\n\n## Partie\n\nTexte.\n", "utf-8")
    doc = load_document(path)
    assert doc.text == path.read_text("utf-8")
    assert [(b.kind, b.level, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("title_repeat", 0, "# Mes notes"),
        ("heading", 2, "## Partie"),
    ]
