"""Hostile files in an import: each is skipped (with a reason) or read, in bounded time and
memory, and the import goes on with the rest."""

from __future__ import annotations

import json
import os
import pathlib
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.paths import DataPaths
from app.core.workspace import Workspace
from tests.conftest import CORPUS, REPO

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space for the whole import process
TIME_LIMIT_S = 60


def _hostile_folder(root: Path) -> Path:
    folder = root / "hostile"
    folder.mkdir()
    (folder / "good.txt").write_text("Un bon article\n\nLa négociation continue.", "utf-8")
    with (folder / "huge.txt").open("wb") as f:  # 100 MB, sparse: instant to make
        f.truncate(100 * 1024 * 1024)
    depth = 10_000
    (folder / "deep.html").write_text(
        "<html><body>"
        + "<div>" * depth
        + "Texte xylophonique"
        + "</div>" * depth
        + "</body></html>",
        "utf-8",
    )
    (folder / "entities.html").write_text(
        "<html><body><p>Entités " + "&eacute;&#233;&amp;" * 340_000 + "</p></body></html>",
        "utf-8",
    )
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a folder loop
    (folder / "a.txt").symlink_to(folder / "b.txt")  # a file loop
    (folder / "b.txt").symlink_to(folder / "a.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "empty.md").write_bytes(b"")
    (folder / "z-last.md").write_text("# Le dernier\n\nEncore du texte.", "utf-8")
    return folder


def _carnet(tmp_path: Path) -> list[str]:
    return [sys.executable, str(REPO / "main.py"), "--data-dir", str(tmp_path / "data")]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_hostile_folder_imports_in_bounded_time_and_memory(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    began = time.monotonic()
    run = subprocess.run(
        [*_carnet(tmp_path), "index", str(folder), "--json"],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        check=False,
        cwd=REPO,
        preexec_fn=_limit_memory,
    )
    assert run.returncode == 0, run.stderr
    assert time.monotonic() - began < TIME_LIMIT_S
    report = json.loads(run.stdout)
    added = {Path(d["path"]).name for d in report["added"]}
    assert added == {"good.txt", "deep.html", "entities.html", "z-last.md"}
    skipped = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert "too large" in skipped["huge.txt"]
    assert "not a regular file" in skipped["pipe.txt"]
    assert "binary" in skipped["binary.txt"]
    assert "empty" in skipped["empty.md"]
    assert skipped["a.txt"] and skipped["b.txt"]  # the symlink loop, with the OS's reason
    assert all(reason.strip() for reason in skipped.values())
    # The folder loop was not followed: nothing was imported twice through it.
    assert not any("/loop/" in d["path"] for d in report["added"])
    found = subprocess.run(
        [*_carnet(tmp_path), "search", "xylophonique", "--json"],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        check=False,
        cwd=REPO,
    )
    assert [Path(r["path"]).name for r in json.loads(found.stdout)["results"]] == ["deep.html"]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(DataPaths(tmp_path / "data"), corpus_dir=CORPUS)


def _files(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = [folder / f"doc-{i}.txt" for i in range(count)]
    for i, path in enumerate(paths):
        path.write_text(f"Document {i}\n\nTexte original numéro {i}.", "utf-8")
    return paths


def test_files_vanishing_or_changing_during_an_import(ws: Workspace, tmp_path: Path) -> None:
    paths = _files(tmp_path / "docs", 6)

    def meddle(done: int, total: int, what: str) -> None:
        if done == 1:
            paths[2].unlink()  # gone before it is read
            paths[4].write_text("Document 4\n\nRéécrit pendant l'import.", "utf-8")

    with ws:
        report = ws.import_paths([tmp_path / "docs"], progress=meddle)
        added = {Path(r.path).name for r in report.added}
        assert added == {"doc-0.txt", "doc-1.txt", "doc-3.txt", "doc-4.txt", "doc-5.txt"}
        assert [Path(s.path).name for s in report.skipped] == ["doc-2.txt"]
        assert report.skipped[0].reason
        changed = next(r for r in report.added if r.path.endswith("doc-4.txt"))
        assert "Réécrit" in ws.library.text(changed.id)  # what was read is what is stored


def test_unreadable_file_is_skipped_with_a_reason(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _files(tmp_path / "docs", 3)
    real_open = pathlib.Path.open

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self == paths[1]:  # root reads anything: refuse like the OS would for a user
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "open", guarded)
    with ws:
        report = ws.import_paths([tmp_path / "docs"])
    assert len(report.added) == 2
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [
        ("doc-1.txt", "cannot be read: permission denied")
    ]


def test_import_never_writes_outside_the_data_dir(tmp_path: Path) -> None:
    """The library stores references to files; nothing an import names is written to."""
    outside = tmp_path / "outside"
    docs = _files(outside, 2)
    (outside / "..hidden.txt").write_text("x", "utf-8")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in outside.rglob("*")}
    tricky = [outside / ".." / "outside" / "doc-0.txt", outside / "../outside/./doc-1.txt"]
    data = tmp_path / "data"
    with Workspace(DataPaths(data), corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        ws.import_paths([outside, *tricky, tmp_path / "nope" / ".." / ".." / "etc" / "passwd"])
        ws.sync_index()
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in outside.rglob("*")}
    assert after == before  # not one byte or timestamp changed among the user's files
    written = {p for p in tmp_path.rglob("*") if p.is_file()} - set(before) - set(docs)
    assert all(p.is_relative_to(data) for p in written), sorted(map(str, written))
