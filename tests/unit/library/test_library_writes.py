"""A library write that the disk refuses is undone whole and said plainly."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import DataDirError
from app.core.library.store import Library
from tests.conftest import CORPUS


class _FullDisk:
    """The library's connection, except that every COMMIT fails as on a full disk."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        if sql == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self.real.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_a_removal_the_disk_refuses_keeps_the_document(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3", CORPUS) as lib:
        lib.add_paths([CORPUS])
        doc = lib.all()[0]
        real = lib._db
        lib._db = _FullDisk(real)  # type: ignore[assignment]
        with pytest.raises(DataDirError, match="Is the disk full or read-only"):
            lib.remove(doc.id)
        lib._db = real
        assert not real.in_transaction
        assert lib.get(doc.id) == doc
        assert lib.pending_removals() == []
