"""Why a file is left out, in the reader's language, while English stays the contract.

The reason a person reads (the window, the command line's text) follows the language;
``reason`` (``import --json``, logs, the indexing process's wire) stays English in both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.documents import loader
from app.core.documents.loader import load_document
from app.core.errors import DataDirError, DocumentNotFound, DocumentSkipped
from app.core.files import write_text_atomic
from app.core.i18n import set_language
from app.core.index_messages import IndexReport, SkippedFile, decode, encode
from app.core.library.records import ImportReport
from app.core.wording import Wording

NBSP, NNBSP = "\u00a0", "\u202f"


def _skip(path: Path) -> DocumentSkipped:
    with pytest.raises(DocumentSkipped) as caught:
        load_document(path)
    return caught.value


def test_an_empty_file_is_explained_in_french_and_stays_english_for_json(tmp_path: Path) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    set_language("fr")
    skip = _skip(empty)
    assert str(skip) == f"{empty}{NBSP}: le fichier est vide"
    assert skip.reason == "the file is empty"
    set_language("en")
    assert str(skip) == f"{empty}: the file is empty"


def test_an_unknown_extension_names_it_in_guillemets(tmp_path: Path) -> None:
    odd = tmp_path / "tableau.xlsx"
    odd.write_bytes(b"PK")
    set_language("fr")
    shown = _skip(odd).shown_reason
    assert shown.startswith(f"les fichiers «{NBSP}.xlsx{NBSP}» ne sont pas pris en charge")
    assert _skip(odd).reason.startswith("'.xlsx' files are not supported")


def test_sizes_and_numbers_read_the_french_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 20 * 1024 * 1024)
    too_large = loader._too_large(int(20.4 * 1024 * 1024))
    set_language("fr")
    assert (
        too_large.shown() == f"trop volumineux (20,4{NBSP}Mo{NNBSP}; la limite est de 20{NBSP}Mo)"
    )
    assert too_large.english() == "too large (20.4 MB; the limit is 20 MB)"
    pages = Wording(
        "has {count} pages; Carnet reads PDFs of up to {limit}", {"count": 12345, "limit": 5000}
    )
    assert (
        pages.shown() == f"12{NNBSP}345 pages{NNBSP}; Carnet lit les PDF jusqu’à 5{NNBSP}000 pages"
    )
    assert pages.english() == "has 12,345 pages; Carnet reads PDFs of up to 5,000"
    assert Wording("{size} bytes", {"size": 12345}).shown() == f"12{NNBSP}345{NBSP}octets"


def test_the_window_shows_in_french_a_reason_the_indexing_process_wrote_in_english(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    report = ImportReport(skipped=[_skip(empty)])  # the child process speaks English
    line = encode(IndexReport.of(report, 0, []))
    set_language("fr")
    received = decode(line)
    assert isinstance(received, IndexReport)
    assert received.skipped[0].reason == "the file is empty"
    assert received.skipped[0].shown_reason == "le fichier est vide"
    # A window from before wordings sends none: its English reason is shown as it is.
    assert SkippedFile("a.pdf", "PDF is not supported").shown_reason == "PDF is not supported"


def test_a_wording_survives_the_wire_nested_values_and_all() -> None:
    wording = loader._too_large(3 * 1024)
    assert Wording.from_json(wording.to_json()) == wording
    with pytest.raises(TypeError):
        Wording.from_json({"text": "{a}", "values": {"a": [1]}})
    literal = Wording.literal("Read-only file system {errno 30}")
    assert literal.english() == literal.shown() == "Read-only file system {errno 30}"


def test_core_errors_speak_french(tmp_path: Path) -> None:
    set_language("fr")
    assert str(DocumentNotFound("abc")) == (
        "Aucun document n’a l’identifiant 'abc'. "
        f"Lancez «{NBSP}list{NBSP}» pour voir la bibliothèque."
    )
    with pytest.raises(DataDirError, match=f"^Impossible d’écrire {tmp_path / 'absent'}"):
        write_text_atomic(tmp_path / "absent" / "notes.md", "texte")
