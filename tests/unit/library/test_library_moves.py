"""Documents that move: a document's id follows its text, not its path."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.documents import loader
from app.core.documents.loader import LoadedDocument
from app.core.library.store import Library

ARTICLE = (
    "Les diplomates se retrouvent à Genève\n\n"
    + " ".join(
        f"Le paragraphe {n} parle de négociation, de trêve et de méthode." for n in range(40)
    )
    + "\n"
)


def page(footer: str) -> str:
    body = "".join(
        f"<p>Paragraphe {n} : la trêve tient, les négociations avancent.</p>" for n in range(40)
    )
    head = "<html><head><title>La trêve tient</title></head>"
    # The changing line is part of the text (an advert, a visit counter), not a <footer>.
    return f"{head}<body><article>{body}<p>{footer}</p></article></body></html>"


def test_a_file_moved_to_another_folder_and_name_keeps_its_id(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    old = tmp_path / "a" / "geneve.txt"
    old.write_text(ARTICLE, "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        (record,) = lib.add_paths([tmp_path]).added
        new = tmp_path / "b" / "diplomatie.txt"
        old.rename(new)
        report = lib.refresh()
        (moved,) = report.moved
        assert (moved.record.id, moved.old_path, moved.new_path) == (record.id, str(old), str(new))
        assert not report.added and not report.removed and not moved.text_changed
        assert lib.get(record.id).path == str(new) and not lib.get(record.id).missing
        assert lib.count() == 1


def test_a_deleted_file_is_missing_and_takes_its_id_back_in_a_later_scan(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    old = tmp_path / "docs" / "geneve.txt"
    old.write_text(ARTICLE, "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        (record,) = lib.add_paths([tmp_path / "docs"]).added
        old.unlink()
        lib.refresh()
        assert lib.get(record.id).missing and lib.get(record.id).to_json()["missing"] is True
        assert lib.unindexed_count() == 0  # not searchable while its file is gone
        elsewhere = tmp_path / "later" / "copie.txt"
        elsewhere.parent.mkdir()
        elsewhere.write_text(ARTICLE, "utf-8")
        (moved,) = lib.add_paths([elsewhere]).moved
        assert moved.record.id == record.id and not lib.get(record.id).missing
        assert lib.unindexed_count() == 1 and lib.pending_removals() == []


def test_a_missing_file_back_where_it_was_is_no_longer_missing(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    file = tmp_path / "docs" / "geneve.txt"
    file.write_text(ARTICLE, "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        (record,) = lib.add_paths([tmp_path / "docs"]).added
        file.rename(tmp_path / "aside.txt")
        lib.refresh()
        (tmp_path / "aside.txt").rename(file)
        report = lib.refresh()
        assert [r.id for r in report.updated] == [record.id]
        assert not lib.get(record.id).missing and lib.pending_removals() == []


def test_the_same_text_under_two_paths_is_a_duplicate_not_a_second_document(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        report = lib.add_paths([tmp_path])
        (record,) = report.added
        (duplicate,) = report.duplicates
        assert (duplicate.path, duplicate.existing_id) == (str(tmp_path / "b.txt"), record.id)
        assert lib.count() == 1


def test_a_resaved_web_page_with_another_footer_takes_its_id_back(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    first = tmp_path / "old" / "treve.html"
    first.write_text(page("Publicité : abonnez-vous"), "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        (record,) = lib.add_paths([tmp_path]).added
        first.unlink()
        (tmp_path / "new" / "treve (1).html").write_text(
            page("© 2024, tous droits réservés"), "utf-8"
        )
        report = lib.refresh()
        (moved,) = report.moved
        assert moved.record.id == record.id and moved.text_changed
        assert "tous droits" in lib.text(record.id) and not report.added


def test_another_article_with_the_same_title_is_not_taken_for_a_move(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    first = tmp_path / "docs" / "a.txt"
    first.write_text(ARTICLE, "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        (record,) = lib.add_paths([tmp_path / "docs"]).added
        first.unlink()
        other = ARTICLE.split("\n\n")[0] + "\n\nUn tout autre texte, sur la pêche en mer du Nord.\n"
        (tmp_path / "docs" / "b.txt").write_text(other, "utf-8")
        report = lib.refresh()
        (added,) = report.added
        assert added.id != record.id and not report.moved and lib.get(record.id).missing


def test_removing_by_hand_still_removes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        (record,) = lib.add_paths([tmp_path]).added
        lib.remove(record.id)
        assert lib.find(record.id) is None and lib.count() == 0


def test_a_known_duplicate_is_not_read_again_until_its_original_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    original, copy = tmp_path / "docs" / "a.txt", tmp_path / "docs" / "b.txt"
    original.write_text(ARTICLE, "utf-8")
    copy.write_text(ARTICLE, "utf-8")
    read: list[str] = []
    real = loader.load_document

    def counted(path: Path) -> LoadedDocument:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(loader, "load_document", counted)
    with Library(tmp_path / "lib.sqlite3") as lib:
        (record,) = lib.add_paths([tmp_path / "docs"]).added
        read.clear()
        again = lib.refresh()
        assert [d.path for d in again.duplicates] == [str(copy)] and read == []
        original.unlink()
        report = lib.refresh()
        assert [m.record.id for m in report.moved] == [record.id] and read == ["b.txt"]
        assert lib.get(record.id).path == str(copy) and not report.removed
