"""Two instances at once: the second ``python main.py`` hands over to the first window.

The first window runs here (offscreen); the second is a real ``python main.py`` process.
The test waits on the window's signals while that process talks to it, then on its exit.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.core.paths import DataPaths
from app.ui.main_window import MainWindow
from app.ui.single_instance import Request, SingleInstance, instance_key
from tests.conftest import REPO
from tests.faults.scenarios import _env
from tests.faults.windows import INDEXING_TIMEOUT, TIMEOUT, window_on


def _second(data: DataPaths, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(data.root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(),
    )


@pytest.fixture
def serving(qtbot: QtBot, indexed: DataPaths) -> Iterator[MainWindow]:
    with window_on(qtbot, indexed) as window:
        instance = SingleInstance(indexed.root, window)
        assert instance.claim()
        instance.requested.connect(window.handle_request)
        try:
            yield window
        finally:
            instance.release()


def test_second_instance_opens_the_document_in_the_first(qtbot: QtBot, serving: MainWindow) -> None:
    window = serving
    wanted = window.library.all()[-1].id
    with qtbot.waitSignal(
        window.documentOpened, timeout=TIMEOUT, check_params_cb=lambda d: d == wanted
    ):
        proc = _second(window.paths, "open", wanted)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "already open" in out
    assert window.current_document() == wanted


def test_second_instance_passes_paths_to_import(
    qtbot: QtBot, serving: MainWindow, tmp_path: Path
) -> None:
    window = serving
    article = tmp_path / "transmis.txt"
    article.write_text("Transmis\n\nUn texte passé à la première fenêtre.", "utf-8")
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        proc = _second(window.paths, "open", str(article))
        QCoreApplication.processEvents()
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert any(r.path == str(article) for r in window.library.all())


def test_plain_second_start_just_focuses_the_first(qtbot: QtBot, serving: MainWindow) -> None:
    window = serving
    window.showMinimized()
    instance = window.findChild(SingleInstance)
    with qtbot.waitSignal(instance.requested, timeout=TIMEOUT) as asked:
        proc = _second(window.paths)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "already open" in out
    assert asked.args == [Request()]  # nothing to open: only come to the front
    assert window.isVisible() and not window.isMinimized()


def test_different_data_dirs_do_not_collide(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert instance_key(a) != instance_key(b)
    assert instance_key(a) == instance_key(tmp_path / "x" / ".." / "a")
    first, other = SingleInstance(a), SingleInstance(b)
    try:
        assert first.claim() and other.claim()
        assert not SingleInstance(a).claim()  # the same dir is taken
    finally:
        first.release()
        other.release()


def test_a_killed_first_instance_does_not_block_the_next(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication;"
        "from app.ui.single_instance import SingleInstance;"
        "app = QCoreApplication([]); s = SingleInstance(Path(sys.argv[1]));"
        "print(s.claim(), flush=True); sys.stdin.read()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "True"
    assert not SingleInstance(tmp_path).claim()  # held by a live process
    proc.kill()
    proc.communicate(timeout=30)
    after = SingleInstance(tmp_path)
    try:
        assert after.claim()  # its lock is stale now: taken over
    finally:
        after.release()


@pytest.mark.parametrize(
    "raw",
    [b"", b"not json", b"[]", b'{"open": "x"}', b'{"paths": [1]}', b"\xff\xfe", b"[" * 5000],
)
def test_malformed_requests_are_ignored(raw: bytes) -> None:
    assert Request.from_bytes(raw) is None


def test_requests_round_trip() -> None:
    request = Request(open=["abc"], paths=["/tmp/x y.txt"])
    assert Request.from_bytes(request.to_bytes().strip()) == request
