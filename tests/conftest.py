"""Shared fixtures. GUI tests run offscreen; no test touches the real home directory."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.i18n import set_language
from app.core.paths import DataPaths
from app.core.workspace import Workspace

os.environ["QT_QPA_PLATFORM"] = "offscreen"

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stray default data dir would land in a temp home, never in the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("CARNET_DATA_DIR", raising=False)
    # Tests read English unless they ask for French (the machine's LANG may be anything);
    # LANGUAGE is what gettext reads first, in this process and in main.py subprocesses.
    monkeypatch.setenv("LANGUAGE", "en")
    set_language("en")


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh data dir with the bundled corpus imported and indexed."""
    ws = Workspace(DataPaths(tmp_path / "data"), corpus_dir=CORPUS)
    ws.bring_in_bundled()
    ws.sync_index()
    yield ws
    ws.close()


@pytest.fixture
def indexed(tmp_path: Path) -> DataPaths:
    """A data dir with the bundled corpus imported and indexed, closed again."""
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        ws.sync_index()
    return data
