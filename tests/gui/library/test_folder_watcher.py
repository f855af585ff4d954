"""Watched folders: what is saved, deleted or moved in an imported folder reaches the library
and the search by itself, as Refresh Library would bring it."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.index_messages import IndexReport
from app.core.paths import DataPaths
from app.ui.main_window import MainWindow
from tests.gui.window_support import INDEXING_TIMEOUT, TIMEOUT, open_window, search


@pytest.fixture
def library_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "premier.txt").write_text("Premier article\n\nSur les phares de Bretagne.\n", "utf-8")
    return folder


@pytest.fixture
def watching(qtbot: QtBot, data: DataPaths, library_folder: Path) -> Iterator[MainWindow]:
    """The window with ``library_folder`` imported (and so watched)."""
    window = open_window(qtbot, data)
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        window.start_import([str(library_folder)])
    qtbot.waitUntil(lambda: str(library_folder) in watcher(window).watched(), timeout=TIMEOUT)
    yield window
    window.close()


def watcher(window: MainWindow):  # type: ignore[no-untyped-def]
    return window.import_controller.watcher


def save(path: Path, text: str) -> None:
    """Save as editors do: a temporary file beside it, renamed over it."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


def wait_report(qtbot: QtBot, window: MainWindow, what: str) -> IndexReport:
    """The next report that says something about ``what`` (added, missing…)."""
    with qtbot.waitSignal(
        window.indexer.finished,
        timeout=INDEXING_TIMEOUT,
        check_params_cb=lambda report: bool(getattr(report, what)),
    ) as blocker:
        pass
    report = blocker.args[0]
    assert isinstance(report, IndexReport)
    return report


def settled(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: watcher(window).idle() and not window.indexer.is_busy(), timeout=INDEXING_TIMEOUT
    )


def titles(window: MainWindow) -> list[str]:
    return sorted(r.title for r in window.library.all())


def test_a_file_saved_in_an_imported_folder_is_in_the_library_and_found(
    qtbot: QtBot, watching: MainWindow, library_folder: Path
) -> None:
    window = watching
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker:
        save(library_folder / "zanzibar.txt", "Carnet de Zanzibar\n\nLes épices de l'île.\n")
    assert len(blocker.args[0].added) == 1
    assert "Carnet de Zanzibar" in titles(window)
    assert window.statusBar().currentMessage() == "1 document added to your library."
    search(qtbot, window, "zanzibar")
    assert window.library_pane.top_result().title == "Carnet de Zanzibar"


def test_a_deleted_file_is_kept_as_missing_as_a_refresh_would(
    qtbot: QtBot, watching: MainWindow, library_folder: Path
) -> None:
    window = watching
    (record,) = [r for r in window.library.all() if r.title == "Premier article"]
    search(qtbot, window, "phares")
    assert window.library_pane.top_result().title == "Premier article"
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker:
        (library_folder / "premier.txt").unlink()
    assert blocker.args[0].missing == (record.id,)
    assert window.library.get(record.id).missing  # kept, with its notes, as missing
    assert "1 document missing" in window.statusBar().currentMessage()
    search(qtbot, window, "phares")
    assert window.library_pane.top_result() is None


def test_a_new_subfolder_is_watched_and_a_folder_moved_in_is_read(
    qtbot: QtBot, watching: MainWindow, library_folder: Path, tmp_path: Path
) -> None:
    window = watching
    sub = library_folder / "2025"
    sub.mkdir()
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker:
        save(sub / "janvier.txt", "Notes de janvier\n\nLes marées de janvier.\n")
    assert len(blocker.args[0].added) == 1 and "Notes de janvier" in titles(window)

    outside = tmp_path / "dossier"
    (outside / "profond").mkdir(parents=True)
    (outside / "profond" / "fevrier.txt").write_text("Notes de février\n\nLa neige.\n", "utf-8")
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker:
        os.rename(outside, library_folder / "dossier")
    assert len(blocker.args[0].added) == 1 and "Notes de février" in titles(window)

    # Its deeper folder is watched too: a save there comes in.
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker:
        save(library_folder / "dossier" / "profond" / "mars.txt", "Notes de mars\n\nLe vent.\n")
    assert len(blocker.args[0].added) == 1 and "Notes de mars" in titles(window)


def test_a_folder_moved_away_takes_its_subfolders_documents_with_it(
    qtbot: QtBot, watching: MainWindow, library_folder: Path, tmp_path: Path
) -> None:
    window = watching
    deep = library_folder / "haut" / "bas"
    deep.mkdir(parents=True)
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        save(deep / "avril.txt", "Notes d'avril\n\nLes giboulées.\n")
    settled(qtbot, window)
    (record,) = [r for r in window.library.all() if r.title == "Notes d'avril"]
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker:
        os.rename(library_folder / "haut", tmp_path / "ailleurs")
    assert blocker.args[0].missing == (record.id,)
    assert window.library.get(record.id).missing


def test_a_file_appended_to_in_place_is_read_again_and_its_notes_follow(
    qtbot: QtBot, watching: MainWindow, library_folder: Path
) -> None:
    """Editors that write in place (nano, ``cp`` over a file, ``echo >>``) change no folder
    entry: the file's close after writing is what says it changed."""
    window = watching
    path = library_folder / "premier.txt"
    (record,) = [r for r in window.library.all() if r.title == "Premier article"]
    note = window.notes.add_for_quote(record.id, window.library.text(record.id), "phares", "Vu")
    inode = path.stat().st_ino
    with (
        qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker,
        path.open("a", encoding="utf-8") as f,
    ):
        f.write("\nEt des goélands de Molène.\n")
    assert blocker.args[0].updated == (record.id,)
    search(qtbot, window, "goélands")
    assert window.library_pane.top_result().title == "Premier article"

    # Rewritten in place with a line on top: the note's quote moves, its anchor follows.
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker:
        text = path.read_text("utf-8")
        path.write_text(text.replace("\n\n", "\n\nMis à jour ce matin.\n\n", 1), "utf-8")
    assert path.stat().st_ino == inode  # the same file: no rename told anyone
    assert blocker.args[0].updated == (record.id,)
    (kept,) = window.notes.list(record.id)
    assert kept.id == note.id and kept.anchor is not None and not kept.orphan
    assert window.library.text(record.id)[kept.anchor.start : kept.anchor.end] == "phares"


def test_a_file_saved_over_by_a_rename_is_read_again(
    qtbot: QtBot, watching: MainWindow, library_folder: Path
) -> None:
    window = watching
    (record,) = [r for r in window.library.all() if r.title == "Premier article"]
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker:
        save(
            library_folder / "premier.txt", "Premier article\n\nSur les phares et les sémaphores.\n"
        )
    assert blocker.args[0].updated == (record.id,)
    search(qtbot, window, "sémaphores")
    assert window.library_pane.top_result().title == "Premier article"


def test_an_unreadable_file_says_why_and_loses_nothing(
    qtbot: QtBot, watching: MainWindow, library_folder: Path
) -> None:
    window = watching
    before = titles(window)
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT) as blocker:
        (library_folder / "abime.pdf").write_bytes(b"%PDF-1.4 not really a PDF")
    (skipped,) = blocker.args[0].skipped
    assert skipped.path == str(library_folder / "abime.pdf")
    message = window.statusBar().currentMessage()
    assert message.startswith(f"1 file skipped: abime.pdf ({skipped.reason}")
    assert titles(window) == before
    search(qtbot, window, "phares")
    assert window.library_pane.top_result().title == "Premier article"


def test_saving_the_same_file_again_and_again_is_one_import(
    qtbot: QtBot, watching: MainWindow, library_folder: Path
) -> None:
    window = watching
    reports: list[IndexReport] = []
    window.indexer.finished.connect(reports.append)
    draft = library_folder / "brouillon.txt"
    with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
        for n in range(5):  # an editor's autosave, several times in a row
            save(draft, f"Brouillon du jour\n\nVersion {n} du brouillon.\n")
    settled(qtbot, window)
    added = [doc for report in reports for doc in report.added]
    updated = [doc for report in reports for doc in report.updated]
    assert len(added) == 1 and updated == []
    assert len(reports) <= 2  # the saves arrive as one change (a slow machine: two at most)
    assert "Version 4" in window.library.text(added[0])

    # Saved again with the same text: nothing to say, nothing re-indexed.
    reports.clear()
    save(draft, "Brouillon du jour\n\nVersion 4 du brouillon.\n")
    qtbot.waitUntil(lambda: bool(reports), timeout=INDEXING_TIMEOUT)
    settled(qtbot, window)
    assert all(not r.added and not r.updated and r.indexed == 0 for r in reports)
    assert titles(window).count("Brouillon du jour") == 1


def test_a_folder_the_system_refuses_to_watch_is_reported(
    qtbot: QtBot, data: DataPaths, library_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """inotify's per-user limit reached: the window is told (it then refreshes the library
    when activated, ``ImportController._watch_incomplete``) instead of missing saves."""
    from watchdog.observers import Observer  # noqa: PLC0415 - the class the watcher uses

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(Observer, "schedule", refuse)
    window = open_window(qtbot, data)
    with qtbot.waitSignal(watcher(window).incomplete, timeout=INDEXING_TIMEOUT):
        window.start_import([str(library_folder)])
    assert watcher(window).unwatched == 1 and watcher(window).watched() == []
    window.close()
