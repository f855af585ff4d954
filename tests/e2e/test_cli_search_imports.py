"""A search from the command line imports only what a search uses (issue 12: start-up time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.e2e.test_cli import _run_in_process, carnet

# What only imports, watched folders and index writes need: a search on an up-to-date
# index reads no file, watches no folder and writes nothing.
NOT_FOR_A_SEARCH = {
    "multiprocessing",
    "concurrent.futures.process",
    "app.core.library.read_ahead",
    "app.core.library.folder_changes",
    "app.core.search.index_writer",
    "app.core.search.bulk_writer_processes",
    "app.core.search.segment_merge",
}


def test_a_search_does_not_import_the_importer_or_the_writer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert carnet(data, "search", "Lavrov").returncode == 0  # the bundled articles indexed
    loaded, output = _run_in_process(["--data-dir", str(data), "search", "Genève"])
    assert "results for 'Genève'" in output  # it did search
    assert not NOT_FOR_A_SEARCH & loaded


def test_an_index_with_work_pending_still_loads_the_writer(tmp_path: Path) -> None:
    """The other side: a fresh data dir must index before searching, so the writer loads."""
    loaded, output = _run_in_process(["--data-dir", str(tmp_path / "data"), "search", "Genève"])
    assert "results for 'Genève'" in output
    assert "app.core.search.index_writer" in loaded


def test_a_count_below_a_thousand_needs_no_babel() -> None:
    """'4 results' in a search header: no digit grouping, so Babel's locale data stays out
    (a search whose hits have dates still loads Babel for the dates)."""
    code = (
        "import sys\n"
        "from app.core.i18n import set_language\n"
        "from app.core.i18n.formats import number\n"
        "set_language('fr')\n"
        "print(number(4), number(999), 'babel' in {m.split('.')[0] for m in sys.modules})\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert run.stdout.split() == ["4", "999", "False"], run.stderr
