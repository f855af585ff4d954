"""The waiting indexing child: watched-folder jobs go to it, merge while they wait, and it
leaves with the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.index_messages import IndexReport
from app.core.paths import DataPaths
from app.ui.workers.index_runner import IndexRunner
from tests.e2e.test_index_worker import worker_processes
from tests.gui.window_support import INDEXING_TIMEOUT


def note(folder: Path, name: str, title: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"{title}\n\nUn texte sur {title.lower()}.\n", "utf-8")


@pytest.fixture
def runner(tmp_path: Path) -> Iterator[IndexRunner]:
    runner = IndexRunner(str(DataPaths(tmp_path / "data").root))
    yield runner
    runner.stop()


def test_watched_changes_queued_behind_a_job_are_read_in_one_job(
    qtbot: QtBot, tmp_path: Path, runner: IndexRunner
) -> None:
    data = DataPaths(tmp_path / "data")
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    note(a, "phares.txt", "Les phares")
    note(c, "dunes.txt", "Les dunes")
    with qtbot.waitSignal(runner.finished, timeout=INDEXING_TIMEOUT):
        runner.start(paths=[str(a)])
    reports: list[IndexReport] = []
    runner.finished.connect(reports.append)
    note(a, "iles.txt", "Les îles")
    runner.start(paths=[str(c)])  # a one-shot job: the next ones wait their turn
    runner.start(watched=[str(a)])
    runner.start(watched=[str(a)])  # the same folder again: merged
    runner.start(watched=[str(b)])  # not imported: its files are not the library's
    note(b, "vent.txt", "Le vent")
    qtbot.waitUntil(lambda: len(reports) == 2 and not runner.is_busy(), timeout=INDEXING_TIMEOUT)
    assert len(reports[0].added) == 1 and len(reports[1].added) == 1
    assert reports[1].indexed == 1
    assert len(worker_processes(data.root)) == 1  # the child waiting for the next change

    note(a, "marees.txt", "Les marées")
    with qtbot.waitSignal(runner.finished, timeout=INDEXING_TIMEOUT) as blocker:
        runner.start(watched=[str(a)])
    assert len(blocker.args[0].added) == 1
    runner.stop()
    assert worker_processes(data.root) == []  # it leaves with the window
