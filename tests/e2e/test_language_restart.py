"""View → Language, restart now: Carnet closes and starts again with the same command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_restarting_for_french_relaunches_the_same_command_once_the_data_dir_is_free(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    command = ["-m", "tests.e2e.restart_session", "--data-dir", str(data)]
    session = subprocess.run(
        [sys.executable, *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert session.returncode == 0, session.stderr
    lines = session.stdout.splitlines()
    relaunched = [
        json.loads(line.split(" ", 1)[1]) for line in lines if line.startswith("relaunch ")
    ]
    assert relaunched == [[sys.executable, command]]
    assert "free" in lines
    assert "language=fr" in (data / "settings.ini").read_text("utf-8")
