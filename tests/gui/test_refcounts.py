"""PySide6 must not drop references to None, True or False (6.12.0 on CPython 3.11 did).

Each such drop is invisible until CPython frees the singleton and aborts the whole window
("Fatal Python error: none_dealloc"); pyproject.toml keeps affected versions out. This test
would have caught it: the probe runs in its own process, so an abort is a failure here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

ROUNDS = 10_000  # each round makes ~20 Qt calls and emits: 200,000 in all


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None, True and False are immortal from CPython 3.12"
)
def test_thousands_of_qt_calls_and_emits_never_lower_singleton_refcounts() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tests.gui.refcount_probe", str(ROUNDS)],
        cwd=REPO,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, f"the probe died ({run.returncode}): {run.stderr[-2000:]}"
    drift = json.loads(run.stdout.strip().splitlines()[-1])
    # A leak of a few references is harmless; a loss of even a handful is the bug, which
    # loses one or more per call and so shows up in the thousands.
    assert all(change >= 0 for change in drift.values()), drift
