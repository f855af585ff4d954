"""The library: stable ids, incremental re-imports, and files that cannot come in."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.core.documents.loader import load_document
from app.core.errors import DocumentNotFound, LibraryError
from app.core.library import records
from app.core.library import store as library_module
from app.core.library.store import Library
from tests.conftest import CORPUS


def open_library(tmp_path: Path, name: str = "lib") -> Library:
    return Library(tmp_path / f"{name}.sqlite3", CORPUS)


def test_bundled_articles_get_the_same_ids_in_every_data_dir(tmp_path: Path) -> None:
    with open_library(tmp_path, "a") as a, open_library(tmp_path, "b") as b:
        report = a.add_paths([CORPUS])
        b.add_paths([CORPUS])
        assert len(report.added) == 5 and not report.skipped
        assert {r.id for r in a.all()} == {r.id for r in b.all()}


def test_text_is_kept_and_metadata_derived(tmp_path: Path) -> None:
    with open_library(tmp_path) as lib:
        lib.add_paths([CORPUS])
        watson = next(r for r in lib.all() if r.source == "watson")
        assert watson.date == "2022-02-01" and watson.words > 500
        assert "Genève" in lib.text(watson.id)
        with pytest.raises(DocumentNotFound, match="list"):
            lib.get("nope")


def test_unchanged_files_cost_nothing_changed_ones_update(
    tmp_path: Path, corpus_copy: Path
) -> None:
    with open_library(tmp_path) as lib:
        lib.add_paths([corpus_copy])
        again = lib.add_paths([corpus_copy])
        assert not again.changed and again.unchanged == 5
        target = corpus_copy / "la-russie-recoit-la-demande-des-etats-unis.txt"
        before = lib.all()
        target.write_text(target.read_text("utf-8").replace("Interfax", "TASS"), "utf-8")
        report = lib.add_paths([corpus_copy])
        assert [r.path for r in report.updated] == [str(target)]
        assert {r.id for r in lib.all()} == {r.id for r in before}  # same id after a change
        assert "TASS" in lib.text(report.updated[0].id)


def test_touched_but_identical_file_is_not_an_update(tmp_path: Path, corpus_copy: Path) -> None:
    with open_library(tmp_path) as lib:
        lib.add_paths([corpus_copy])
        target = next(corpus_copy.iterdir())
        os.utime(target, ns=(1, 1))
        report = lib.add_paths([corpus_copy])
        assert not report.changed and report.unchanged == 5


def test_a_vanished_file_leaves_the_index_but_stays_as_missing(
    tmp_path: Path, corpus_copy: Path
) -> None:
    with open_library(tmp_path) as lib:
        lib.add_paths([corpus_copy])
        (corpus_copy / "premiere-rencontre-surprise-au-g20.txt").unlink()
        report = lib.refresh()
        (gone,) = report.removed
        assert gone.missing and lib.get(gone.id).missing and lib.count() == 5
        assert "G20" in lib.text(gone.id)  # its text stays, for the reader and its notes
        assert lib.pending_removals() == [gone.id]


def test_removed_by_the_user_does_not_come_back(tmp_path: Path, corpus_copy: Path) -> None:
    with open_library(tmp_path) as lib:
        lib.add_paths([corpus_copy])
        victim = lib.all()[0]
        lib.remove(victim.id)
        lib.refresh()
        assert lib.find(victim.id) is None and lib.count() == 4
        # Importing the file again by name is a wish to have it back, with the same id.
        report = lib.add_paths([Path(victim.path)])
        assert [r.id for r in report.added] == [victim.id] and lib.count() == 5
        lib.refresh()
        assert lib.count() == 5


def test_bad_files_are_skipped_with_reasons_and_the_rest_go_in(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(
        "Le titre de cet article\n\nUn texte sur la négociation.", "utf-8"
    )
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 100)
    (docs / "ignored.odt").write_bytes(b"PK\x03\x04")
    (docs / "loop").symlink_to(docs, target_is_directory=True)
    with open_library(tmp_path) as lib:
        report = lib.add_paths([docs, tmp_path / "missing.txt"])
        assert [r.title for r in report.added] == ["Le titre de cet article"]
        reasons = {Path(s.path).name: s.reason for s in report.skipped}
        assert set(reasons) == {"empty.txt", "binary.txt", "missing.txt"}
        assert "empty" in reasons["empty.txt"]
        assert "binary" in reasons["binary.txt"]
        assert all(reason for reason in reasons.values())


def test_an_unchanged_import_leaves_the_index_journal_alone(tmp_path: Path) -> None:
    with open_library(tmp_path) as lib:
        lib.add_paths([CORPUS])
        shas = {r.id: r.sha256 for r in lib.all()}
        lib.mark_indexed(shas, shas)
        lib.add_paths([CORPUS])
        assert lib.unindexed_count() == 0 and lib.pending_removals() == []


def test_a_read_only_data_dir_still_opens_the_library_for_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_library(tmp_path) as lib:
        lib.add_paths([CORPUS])
    real_connect = sqlite3.connect

    def refuse_writes(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if not kwargs.get("uri"):  # root ignores permissions: refuse like a read-only dir
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_connect(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module.sqlite3, "connect", refuse_writes)
    with open_library(tmp_path) as lib:
        assert lib.read_only and lib.count() == 5
        assert "Genève" in lib.text(next(r.id for r in lib.all() if r.source == "watson"))


# -- refused files, schema migrations, re-extraction -------------------------------------


def test_a_refused_file_is_reported_once_and_not_kept(tmp_path: Path) -> None:
    pdf = tmp_path / "manual.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    good = tmp_path / "good.txt"
    good.write_text("Le titre de cet article\n\nUn texte sur la négociation.", "utf-8")
    with open_library(tmp_path) as lib:
        first = lib.add_paths([pdf, good])
        assert [Path(s.path).name for s in first.skipped] == ["manual.pdf"]
        assert lib.roots() == [good]  # an imported file stays a root
        again = lib.refresh()
        assert again.skipped == [] and again.unchanged == 1


def test_a_refused_file_kept_by_an_older_carnet_is_forgotten_on_open(tmp_path: Path) -> None:
    pdf = tmp_path / "manual.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with open_library(tmp_path) as lib:
        lib.add_paths([CORPUS])
        # What an older Carnet left behind: the refused file remembered as a root.
        lib._db.execute("INSERT INTO roots(path) VALUES(?)", (str(pdf),))
    with open_library(tmp_path) as lib:
        assert lib.roots() == [CORPUS]
        assert lib.refresh().skipped == []


def _make_old_library(db_path: Path, corpus: Path) -> None:
    """A library exactly as Carnet wrote it before structure blocks (schema 1)."""
    db = sqlite3.connect(db_path, isolation_level=None)
    db.executescript(OLD_SCHEMA)
    db.execute("INSERT INTO meta(key, value) VALUES('schema', '1')")
    db.execute("INSERT INTO roots(path) VALUES(?)", (str(corpus),))
    for file in sorted(corpus.iterdir()):
        stat = file.stat()
        # The old extractor's text: the same as today's for these plain-text files, except
        # one whose old text differed (so its re-extraction is an update).
        text = file.read_text("utf-8")
        if file.name.startswith("premiere"):
            text = text.replace("Partagez", "Partagez Partagez")
        loaded = load_document(file)
        db.execute(
            "INSERT INTO documents VALUES(?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?, 'then', 1)",
            (
                records.document_id(f"corpus/{file.name}"),
                str(file),
                loaded.title,
                loaded.source,
                loaded.date,
                stat.st_size,
                stat.st_mtime_ns,
                records.text_sha256(text),
                text,
            ),
        )
    db.close()


OLD_SCHEMA = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE, title TEXT NOT NULL, source TEXT,
    date TEXT, words INTEGER NOT NULL, reading_minutes INTEGER NOT NULL,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
    text TEXT NOT NULL, added TEXT NOT NULL, indexed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE roots (path TEXT PRIMARY KEY);
CREATE TABLE index_removals (id TEXT PRIMARY KEY);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def test_an_old_library_is_migrated_and_re_extracted_once(
    tmp_path: Path, corpus_copy: Path
) -> None:
    db_path = tmp_path / "lib.sqlite3"
    _make_old_library(db_path, corpus_copy)
    with Library(db_path, corpus_copy) as lib:
        ids = {r.path: r.id for r in lib.all()}
        report = lib.refresh()
        # Every file was read again although none changed on disk; the one whose text
        # differs is an update (so its notes are re-anchored), under the same id.
        assert [Path(r.path).name for r in report.updated] == [
            "premiere-rencontre-surprise-au-g20.txt"
        ]
        assert report.unchanged == 4
        assert {r.path: r.id for r in lib.all()} == ids
        assert "Partagez Partagez" not in lib.text(report.updated[0].id)
        doc = ids[str(corpus_copy / "la-diplomatie-n-est-pas-morte.txt")]
        assert any(b.kind == "duplicate" for b in lib.blocks(doc))
        # Once is enough: the next refresh costs a stat per file.
        again = lib.refresh()
        assert not again.changed and again.unchanged == 5


def test_a_library_from_a_newer_carnet_is_refused_untouched(tmp_path: Path) -> None:
    db_path = tmp_path / "lib.sqlite3"
    with open_library(tmp_path):
        pass
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(LibraryError, match="newer Carnet"):
        open_library(tmp_path)
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 99
    db.close()


def test_blocks_are_stored_and_read_back(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<h1>Titre de la page</h1><p>Un paragraphe.</p><ul><li>un</li><li>deux</li></ul>",
        "utf-8",
    )
    with open_library(tmp_path) as lib:
        (record,) = lib.add_paths([page]).added
        text = lib.text(record.id)
        shown = [(b.kind, text[b.start : b.end]) for b in lib.blocks(record.id)]
        assert ("list_item", "• un") in shown and ("list_item", "• deux") in shown


def test_notes_follow_a_re_extracted_document(tmp_path: Path, corpus_copy: Path) -> None:
    from app.core.paths import DataPaths  # noqa: PLC0415
    from app.core.workspace import Workspace  # noqa: PLC0415

    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    _make_old_library(paths.library_db, corpus_copy)
    quote = "Rencontre surprise entre le secrétaire d'État américain"
    with Workspace(paths, corpus_dir=corpus_copy) as ws:
        ws.library.set_meta("bundled-corpus-imported", "1")
        doc_id = next(r.id for r in ws.library.all() if r.path.endswith("g20.txt"))
        old_text = ws.library.text(doc_id)
        note = ws.notes.add_for_quote(doc_id, old_text, quote, "À relire")
        ws.import_paths([])  # what the window's worker and the CLI run on start
        new_text = ws.library.text(doc_id)
        moved = ws.notes.get(note.id)
        assert moved.doc_id == doc_id and not moved.orphan and moved.anchor is not None
        assert new_text[moved.anchor.start : moved.anchor.end] == quote
        assert moved.anchor.start == note.anchor.start - len(" Partagez")  # type: ignore[union-attr]
