"""kill -9 of the command line and of the indexing child: no returned note is lost.

After each scenario the next plain start must show every note whose command returned, a
notes DB that passes integrity_check, and a search that finds the whole library without
anyone repairing anything. Longer loops: ``python -m tests.stress``.
"""

from __future__ import annotations

import random
import signal
from pathlib import Path

import pytest

from tests.faults.scenarios import (
    generate_folder,
    kill_import,
    kill_index_worker,
    kill_notes_add,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]


def test_killed_notes_add_loses_no_returned_note(tmp_path: Path) -> None:
    figures = kill_notes_add(tmp_path / "data", 8, random.Random(6001))
    assert figures.problems == []
    assert figures.notes_lost == 0
    assert figures.kills >= 1  # the fault really happened


def test_killed_import_of_hundreds_of_files_then_search_just_works(tmp_path: Path) -> None:
    folder = tmp_path / "gen-import"
    generate_folder(folder, 300, random.Random(6002))
    figures = kill_import(tmp_path / "data", folder, 4, random.Random(6003))
    # The fault really happened: a SIGKILL landed before the import had answered.
    assert figures.cut_short >= 1, figures
    assert figures.problems == []
    assert figures.notes_lost == 0


def test_killed_index_worker_mid_commit_then_search_just_works(tmp_path: Path) -> None:
    figures = kill_index_worker(tmp_path / "data", tmp_path, 4, random.Random(6004))
    # The fault really happened: a SIGKILL landed while the index was being written.
    assert figures.cut_short >= 1, figures
    assert figures.problems == []
    assert figures.notes_lost == 0
