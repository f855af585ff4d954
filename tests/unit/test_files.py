"""Exports are written whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app.core.errors import DataDirError
from app.core.files import write_text_atomic


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
