"""Files read ahead in helper processes make the same library as files read one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.library import read_ahead
from app.core.library.store import Library
from tests.unit.search.bulk_index_dump import write_library


def import_twice(tmp_path: Path, name: str) -> tuple[list[object], dict[str, object]]:
    """Import a folder, change a file, import again: the reports and the documents."""
    folder = tmp_path / name
    write_library(folder, 120, long_every=40)
    (folder / "empty.txt").write_text("")  # refused: no text
    (folder / "doc0007.txt").write_text((folder / "doc0003.txt").read_text())  # a duplicate
    with Library(tmp_path / f"{name}.sqlite3") as lib:
        first = lib.add_paths([folder])
        (folder / "doc0011.txt").write_text("Changé\n\nun texte tout neuf\n")
        again = lib.add_paths([folder])
        reports: list[object] = [
            (len(r.added), len(r.duplicates), r.unchanged, [Path(s.path).name for s in r.skipped])
            for r in (first, again)
        ]
        reports.append(sorted(Path(r.path).name for r in again.updated))
        rows: dict[str, object] = {
            Path(r.path).name: (r.title, r.words, r.sha256, lib.text(r.id), lib.blocks(r.id))
            for r in lib.all()
        }
    return reports, rows


def test_files_read_ahead_make_the_same_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_ahead, "HELPERS", 2)
    monkeypatch.setattr(read_ahead, "READ_AHEAD_MIN", 10_000)
    one_by_one = import_twice(tmp_path, "plain")
    monkeypatch.setattr(read_ahead, "READ_AHEAD_MIN", 1)
    ahead = import_twice(tmp_path, "ahead")
    assert one_by_one[0] == [
        (119, 1, 0, ["empty.txt"]),
        (0, 1, 118, ["empty.txt"]),
        ["doc0011.txt"],
    ]
    assert ahead == one_by_one
    assert "tout neuf" in ahead[1]["doc0011.txt"][3]  # type: ignore[index]
