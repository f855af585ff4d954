"""Why a file was left out: English where it is a contract, the reader's language when shown."""

from __future__ import annotations

from pathlib import Path

from app.core.i18n import set_language
from app.core.library.store import Library


def test_a_path_that_does_not_exist_is_said_in_both_languages(tmp_path: Path) -> None:
    absent = tmp_path / "absent.txt"
    with Library(tmp_path / "lib.sqlite3", tmp_path / "corpus") as library:
        report = library.add_paths([absent])
    (skipped,) = report.skipped
    assert skipped.path == str(absent)
    assert skipped.reason == "no such file or folder"  # import --json and the logs
    assert skipped.shown_reason == "no such file or folder"
    set_language("fr")
    assert skipped.reason == "no such file or folder"
    assert skipped.shown_reason == "fichier ou dossier introuvable"
