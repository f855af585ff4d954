"""The real window under storage faults: a full disk, a read-only data dir, a CLI beside it.

What is asserted is what the reader sees: the text stays in the editor, the status bar and
the editor say why it is not saved, and it is saved once writing works again.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.core.notes import database
from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.core.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.conftest import CORPUS
from tests.faults.scenarios import carnet
from tests.faults.windows import TIMEOUT, window_on
from tests.unit.notes.conftest import FaultyConnection, sqlite_error

SQLITE_FULL = 13


@pytest.fixture
def window(qtbot: QtBot, indexed: DataPaths) -> Iterator[MainWindow]:
    with window_on(qtbot, indexed) as w:
        w.open_document(w.library.all()[0].id)
        yield w


def _saved_text(data: DataPaths, note_id: str) -> str:
    with NotesStore(data, read_only=True) as other:
        return other.get(note_id).text


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        sqlite_error("database or disk is full", SQLITE_FULL),
    ],
    ids=["ENOSPC", "SQLITE_FULL"],
)
def test_full_disk_keeps_the_text_in_the_editor_and_saves_it_later(
    qtbot: QtBot, window: MainWindow, indexed: DataPaths, error: BaseException
) -> None:
    panel = window.notes_panel
    window.actions_.new_note.trigger()
    note = panel.current_note()
    assert note is not None
    store = window.notes
    real = store._conn
    store._conn = FaultyConnection(real, lambda sql: sql.startswith("BEGIN"), error)  # type: ignore[assignment]
    panel.autosaver.retry_timer.setInterval(100)
    with qtbot.waitSignal(panel.saveFailed, timeout=TIMEOUT):
        panel.editor.body.setPlainText("Une idée à ne pas perdre.")
    # What the reader sees: the text, and why it is not saved, in the editor and status bar.
    assert panel.editor.body.toPlainText() == "Une idée à ne pas perdre."
    assert "disk" in panel.editor.status_label.text() and "full" in panel.editor.status_label.text()
    assert panel.editor.status_label.text().startswith("Not saved")
    assert "full" in window.statusBar().currentMessage()
    assert _saved_text(indexed, note.id) == ""
    # Writing works again: the retry saves it without the user doing anything.
    store._conn = real
    qtbot.waitUntil(lambda: _saved_text(indexed, note.id) == "Une idée à ne pas perdre.")
    assert panel.editor.status_label.text() == "Saved"


def test_read_only_data_dir_opens_reads_searches_and_says_why_it_cannot_save(
    qtbot: QtBot, indexed: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = Workspace(indexed, corpus_dir=CORPUS).library.all()[0].id
    with NotesStore(indexed) as store:
        store.add(doc_id, "Note écrite avant.")
    # Tests run as root, whom permission bits do not stop: the store's own probe says no.
    monkeypatch.setattr(database, "probe_writable", lambda root: False)
    with window_on(qtbot, indexed) as window:
        assert window.notes.read_only
        assert window.notes_label.text() == "Notes: read-only"
        assert "read-only" in window.statusBar().currentMessage()
        window.open_document(doc_id)
        assert window.reader.text  # reading works
        assert [n.text for n in window.notes_panel.model.notes()] == ["Note écrite avant."]
        with qtbot.waitSignal(window.searchAnswered, timeout=TIMEOUT):
            window.search_edit.setText("negociation")
        assert window.library_pane.results_model.rowCount() >= 2  # search works
        window.statusBar().clearMessage()  # the startup message said read-only already
        assert "Not saved" not in window.notes_panel.editor.status_label.text()
        window.actions_.new_note.trigger()  # saving says why it can't
        assert "read-only" in window.statusBar().currentMessage()
        assert "Not saved" in window.notes_panel.editor.status_label.text()


def test_cli_note_added_beside_an_open_window_is_not_clobbered(
    qtbot: QtBot, window: MainWindow, indexed: DataPaths
) -> None:
    doc_id = window.current_document()
    assert doc_id is not None
    window.actions_.new_note.trigger()
    mine = window.notes_panel.current_note()
    assert mine is not None
    window.notes_panel.editor.body.setPlainText("Tapé dans la fenêtre")  # pending autosave
    added = carnet(indexed.root, "notes", "add", doc_id, "--text", "Ajoutée en ligne de commande")
    assert added.returncode == 0, added.stderr
    assert window.notes_panel.flush()  # the window writes after the CLI
    window.notes_panel.set_document(doc_id, window.reader.text)  # and reloads its list
    with NotesStore(indexed, read_only=True) as store:
        texts = sorted(n.text for n in store.list(doc_id))
    assert texts == ["Ajoutée en ligne de commande", "Tapé dans la fenêtre"]
    shown = sorted(n.text for n in window.notes_panel.model.notes())
    assert shown == texts
    assert sqlite3.connect(indexed.notes_db).execute("PRAGMA integrity_check").fetchone() == ("ok",)
