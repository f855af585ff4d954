"""The real window opens a 1 MB book and quits with Ctrl+Q, session after session.

With PySide6 6.12.0 on Python 3.11 every such session aborted ("Fatal Python error:
none_dealloc", exit 134) while typesetting the book or on quit; this runs the whole
program in its own process, so an abort is a failed exit code here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, REPO
from tests.e2e.test_cli import carnet

SESSIONS = 4  # CI-sized; each one typesets the whole book
BOOK_BYTES = 1024 * 1024


def write_book(path: Path) -> None:
    """A French plain-text book of 1 MB: the bundled articles as chapters, over and over."""
    articles = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    parts = ["Un livre d'un mégaoctet\n"]
    size, chapter = 0, 0
    while size < BOOK_BYTES:
        chapter += 1
        part = f"\nChapitre {chapter}\n\n{articles[chapter % len(articles)]}\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
    path.write_text("".join(parts), "utf-8")


def test_a_1mb_book_is_opened_and_quit_again_and_again(tmp_path: Path) -> None:
    book, data = tmp_path / "livre.txt", tmp_path / "data"
    write_book(book)
    assert book.stat().st_size >= BOOK_BYTES
    imported = carnet(data, "index", str(book), "--json")
    assert imported.returncode == 0, imported.stderr
    (doc,) = [
        d for d in json.loads(carnet(data, "list", "--json").stdout) if d["path"] == str(book)
    ]
    chars = len(carnet(data, "show", doc["id"]).stdout.rstrip("\n"))
    for session in range(SESSIONS):
        run = subprocess.run(
            [sys.executable, "-m", "tests.e2e.window_session", "--data-dir", str(data), doc["id"]],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert run.returncode == 0, f"session {session} exited {run.returncode}: {run.stderr}"
        assert "Fatal Python error" not in run.stderr
        shown = run.stdout.split()
        assert shown[:2] == ["typeset", doc["id"]], run.stdout
        assert abs(int(shown[2]) - chars) <= 1  # the whole book was in the reader
