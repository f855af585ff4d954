"""The library: stable ids, incremental re-imports, and files that cannot come in."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.core import library as library_module
from app.core.errors import DocumentNotFound
from app.core.library import Library
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


def test_removed_file_leaves_on_refresh(tmp_path: Path, corpus_copy: Path) -> None:
    with open_library(tmp_path) as lib:
        lib.add_paths([corpus_copy])
        (corpus_copy / "premiere-rencontre-surprise-au-g20.txt").unlink()
        report = lib.refresh()
        assert len(report.removed) == 1 and lib.count() == 4
        assert lib.pending_removals() == [report.removed[0].id]


def test_removed_by_the_user_does_not_come_back(tmp_path: Path, corpus_copy: Path) -> None:
    with open_library(tmp_path) as lib:
        lib.add_paths([corpus_copy])
        victim = lib.all()[0]
        lib.remove(victim.id)
        lib.refresh()
        assert lib.find(victim.id) is None and lib.count() == 4


def test_bad_files_are_skipped_with_reasons_and_the_rest_go_in(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(
        "Le titre de cet article\n\nUn texte sur la négociation.", "utf-8"
    )
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 100)
    (docs / "ignored.pdf").write_bytes(b"%PDF")
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
