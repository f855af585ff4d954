"""What the notes tests share: a notes store on a temp data dir, and a panel over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.notes import NotesStore
from app.core.paths import DataPaths
from app.ui.notes.panel import NotesPanel
from app.ui.notes.service import NotesService


@pytest.fixture
def store(tmp_path: Path) -> Iterator[NotesStore]:
    s = NotesStore(DataPaths(tmp_path / "data"))
    yield s
    s.close()


@pytest.fixture
def panel(qtbot: QtBot, store: NotesStore) -> Iterator[NotesPanel]:
    p = NotesPanel(NotesService(store))
    qtbot.addWidget(p)
    p.resize(380, 800)
    yield p
    # Timers left running would save into a store the fixture has closed.
    p.autosaver.save_timer.stop()
    p.autosaver.retry_timer.stop()
