"""``carnet FILE...`` (what the file manager runs) opens the files as ``carnet open`` does."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import app.launch
from app.cli import main
from tests.conftest import REPO

Launch = tuple[str | None, list[str], list[str], list[str]]


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> list[Launch]:
    """What the window would have been asked to do; no window is started."""
    calls: list[Launch] = []

    def fake_launch(
        data_dir: str | None,
        qt_args: list[str],
        open_ids: Sequence[str] = (),
        import_paths: Sequence[str] = (),
    ) -> int:
        calls.append((data_dir, list(qt_args), list(open_ids), list(import_paths)))
        return 0

    monkeypatch.setattr(app.launch, "launch_window", fake_launch)
    return calls


def test_files_given_alone_are_opened_in_the_window(
    tmp_path: Path, launches: list[Launch], monkeypatch: pytest.MonkeyPatch
) -> None:
    one = tmp_path / "un fichier.txt"
    two = tmp_path / "deux.md"
    one.write_text("Bonjour", "utf-8")
    two.write_text("# Titre", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--data-dir", str(tmp_path / "data"), one.name, str(two)]) == 0
    assert launches == [(str(tmp_path / "data"), [], [], [str(one), str(two)])]


def test_a_command_name_stays_the_command_beside_a_file_of_that_name(
    tmp_path: Path, launches: list[Launch], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "open").write_text("un fichier nommé comme la commande", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["open"]) == 0
    assert launches == [(None, [], [], [])]  # the command, with nothing to open


def test_no_argument_still_opens_the_window(launches: list[Launch]) -> None:
    assert main([]) == 0
    assert launches == [(None, [], [], [])]


def test_an_unknown_word_that_is_no_file_is_still_an_error(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(tmp_path), "frobnicate"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert "invalid choice: 'frobnicate'" in run.stderr
    assert not (tmp_path / "library.sqlite").exists()
