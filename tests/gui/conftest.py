"""Fixtures of the window tests: a fresh data dir, and the real window open on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.paths import DataPaths
from app.ui.main_window import MainWindow
from tests.gui.window_support import open_window


@pytest.fixture
def data(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def window(qtbot: QtBot, data: DataPaths) -> Iterator[MainWindow]:
    w = open_window(qtbot, data)
    yield w
    w.close()
