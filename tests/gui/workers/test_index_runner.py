"""The indexing process seen from the window: typed records in its signals, stray lines logged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.i18n import set_language
from app.core.index_messages import IndexFailed, IndexProgress, IndexReport, encode
from app.core.paths import DataPaths
from app.ui.workers.index_runner import IndexRunner, _child_environment
from tests.gui.window_support import INDEXING_TIMEOUT


def test_a_job_reports_progress_and_a_typed_report(
    qtbot: QtBot, tmp_path: Path, corpus_copy: Path
) -> None:
    runner = IndexRunner(str(DataPaths(tmp_path / "data").root))
    phases: list[str] = []
    runner.progress.connect(lambda step: phases.append(step.phase))
    with qtbot.waitSignal(runner.finished, timeout=INDEXING_TIMEOUT) as finished:
        runner.start(paths=[str(corpus_copy)])
    report = finished.args[0]
    assert isinstance(report, IndexReport)
    assert len(report.added) == 5 and report.indexed == 5 and report.skipped == ()
    assert {"reading", "indexing"} <= set(phases)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=INDEXING_TIMEOUT)


def test_a_line_that_is_not_a_message_is_logged_and_the_job_goes_on(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    runner = IndexRunner(str(tmp_path))
    with (
        caplog.at_level(logging.WARNING, "app.ui.workers.index_runner"),
        qtbot.assertNotEmitted(runner.finished),
        qtbot.assertNotEmitted(runner.failed),
        qtbot.assertNotEmitted(runner.progress),
    ):
        runner._handle(b"Traceback (most recent call last):")
        runner._handle(b'{"event": "report", "added": "not a list"}')
    assert len(caplog.records) == 2
    assert "not a message" in caplog.text and "not JSON" in caplog.text
    # The next good line still gets through, with its fields typed.
    with qtbot.waitSignal(runner.progress) as progress:
        runner._handle(encode(IndexProgress("indexing", 50, 120, "Titre")).encode())
    assert progress.args == [IndexProgress("indexing", 50, 120, "Titre")]
    with qtbot.waitSignal(runner.failed) as failed:
        runner._handle(encode(IndexFailed("Le disque est plein.")).encode())
    assert failed.args == ["Le disque est plein."]


def test_the_indexing_child_speaks_the_windows_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en")  # the system says English…
    set_language("fr")  # …and the user chose French in View → Language
    assert _child_environment().value("LANGUAGE") == "fr"
    set_language("en")
    assert _child_environment().value("LANGUAGE") == "en"
