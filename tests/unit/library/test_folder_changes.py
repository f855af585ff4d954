"""One folder read again (a watched folder changed): the same outcome as a full refresh."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.index_jobs import IndexJob, MalformedJob, decode_job, encode_job
from app.core.library.folder_changes import folder_changes, refresh_folders
from app.core.library.store import Library


def article(title: str) -> str:
    return f"{title}\n\n" + " ".join(f"Phrase {n} sur {title.lower()}." for n in range(30)) + "\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    (root / "sous").mkdir(parents=True)
    (root / "phares.txt").write_text(article("Les phares"), "utf-8")
    (root / "sous" / "marees.txt").write_text(article("Les marées"), "utf-8")
    return root


def test_only_the_folder_itself_is_compared_not_its_subfolders(tmp_path: Path, tree: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.add_paths([tree])
        assert not folder_changes(lib, str(tree), arrivals=True)  # just imported: no change
        (tree / "iles.txt").write_text(article("Les îles"), "utf-8")
        (tree / "sous" / "marees.txt").unlink()
        (tree / ".cache.txt").write_text("caché", "utf-8")  # hidden: the importer skips it
        (tree / "image.png").write_bytes(b"\x89PNG")
        changes = folder_changes(lib, str(tree), arrivals=True)
        assert changes.arrived == [str(tree / "iles.txt")] and changes.gone == []
        assert folder_changes(lib, str(tree / "sous"), arrivals=True).gone == [
            str(tree / "sous" / "marees.txt")
        ]
        # A file's own folder, when it was imported alone: new files there are not ours.
        assert folder_changes(lib, str(tree), arrivals=False).arrived == []


def test_refreshing_changed_folders_gives_what_a_full_refresh_gives(
    tmp_path: Path, tree: Path
) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.add_paths([tree])
        phares = next(r for r in lib.all() if r.title == "Les phares")
        marees = next(r for r in lib.all() if r.title == "Les marées")
        (tree / "phares.txt").write_text(article("Les phares") + "Une ligne de plus.\n", "utf-8")
        (tree / "iles.txt").write_text(article("Les îles"), "utf-8")
        (tree / "sous" / "marees.txt").rename(tree / "marees-deplacees.txt")  # a move
        report = refresh_folders(lib, [str(tree), str(tree / "sous")])
        assert [r.title for r in report.added] == ["Les îles"]
        assert [r.id for r in report.updated] == [phares.id]
        assert [m.record.id for m in report.moved] == [marees.id]
        assert report.removed == []  # moved, not lost
        (tree / "iles.txt").unlink()
        report = refresh_folders(lib, [str(tree)])
        (gone,) = report.removed
        assert gone.title == "Les îles" and lib.get(gone.id).missing
        assert lib.refresh().changed is False  # nothing left for a full refresh to find


def test_a_removed_file_or_a_known_copy_is_not_read_again(tmp_path: Path, tree: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.add_paths([tree])
        phares = next(r for r in lib.all() if r.title == "Les phares")
        lib.remove(phares.id)  # the user took it out: its file stays
        (tree / "copie.txt").write_text(article("Les marées"), "utf-8")
        assert [d.path for d in refresh_folders(lib, [str(tree)]).duplicates] == [
            str(tree / "copie.txt")
        ]
        # Said once: the next change in the folder does not say it again.
        assert not folder_changes(lib, str(tree), arrivals=True)
        os.utime(tree / "copie.txt", ns=(1, 1))  # the copy changed: read again
        assert folder_changes(lib, str(tree), arrivals=True).arrived == [str(tree / "copie.txt")]


def test_a_job_survives_its_trip_through_a_line() -> None:
    job = IndexJob(refresh=True, paths=("/a b/é.txt",), watched=("/dossier",))
    line = encode_job(job)
    assert line.endswith("\n") and line.count("\n") == 1
    assert decode_job(line) == job
    assert decode_job('{"watched": ["/x"]}') == IndexJob(watched=("/x",))
    for bad in ("pas du JSON", "[]", '{"watched": "/x"}', '{"refresh": 1}'):
        with pytest.raises(MalformedJob):
            decode_job(bad)
