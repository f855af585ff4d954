"""Shared fixtures: every test gets its own data directory and closes what it opens."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.core.notes.store import NotesStore
from app.core.paths import DataPaths

DOC = (
    "Antony Blinken et Sergueï Lavrov se sont téléphoné pour régler la crise. "
    "Le secrétaire d'État a déclaré que les négociations sur l'Ukraine devaient reprendre "
    "à Genève. La diplomatie n'est pas morte, a-t-il ajouté, mais la Russie doit retirer "
    "ses troupes de la frontière. Moscou affirme de son côté que l'OTAN menace sa sécurité "
    "et réclame des garanties écrites. Les Européens, eux, craignent une escalade rapide."
)


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def store(paths: DataPaths) -> Iterator[NotesStore]:
    s = NotesStore(paths)
    yield s
    s.close()


def integrity(db: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


class FaultyConnection:
    """Wraps a sqlite3 connection and raises ``error`` for statements matching ``when``."""

    def __init__(
        self, conn: sqlite3.Connection, when: Callable[[str], bool], error: BaseException
    ) -> None:
        self.real = conn
        self.when = when
        self.error = error

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        if self.when(sql):
            raise self.error
        return self.real.execute(sql, params)

    @property
    def in_transaction(self) -> bool:
        return self.real.in_transaction

    def close(self) -> None:
        self.real.close()


def sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code
    return exc


@dataclass(frozen=True)
class Doc:
    """A document as exports see it (``DocumentInfo``): the library is not needed."""

    title: str
    source: str | None
    date: str | None
    path: str
