"""Files Carnet writes: exports whole or not at all, private files owner-only."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app.core.errors import DataDirError
from app.core.files import create_private_file, write_text_atomic


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "notes.md"
    write_text_atomic(target, "première version")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(DataDirError, match="No space left"):
        write_text_atomic(target, "seconde version")
    assert target.read_text("utf-8") == "première version"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_a_private_file_is_created_owner_only_even_under_a_lax_umask(tmp_path: Path) -> None:
    target = tmp_path / "notes.sqlite3"
    old = os.umask(0o022)
    try:
        create_private_file(target)
    finally:
        os.umask(old)
    assert target.read_bytes() == b""
    if os.name != "nt":
        assert target.stat().st_mode & 0o777 == 0o600


def test_an_existing_file_is_neither_emptied_nor_rechmodded(tmp_path: Path) -> None:
    target = tmp_path / "library.sqlite3"
    target.write_bytes(b"keep me")
    target.chmod(0o640)
    create_private_file(target)
    assert target.read_bytes() == b"keep me"
    if os.name != "nt":
        assert target.stat().st_mode & 0o777 == 0o640
