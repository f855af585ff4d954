"""What the notes tests share: a notes store on a temp data dir, and a panel over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.notes import NotesStore
from app.core.paths import DataPaths
from app.ui.notes.panel import NotesPanel
from tests.gui.notes.notes_support import panel_over


@pytest.fixture
def store(tmp_path: Path) -> Iterator[NotesStore]:
    s = NotesStore(DataPaths(tmp_path / "data"))
    yield s
    s.close()


@pytest.fixture
def panel(qtbot: QtBot, store: NotesStore) -> Iterator[NotesPanel]:
    with panel_over(qtbot, store) as p:
        yield p
