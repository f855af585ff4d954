"""Security pass: private files, nothing fetched or run from a document, links on click only."""

from __future__ import annotations

import json
import stat
from dataclasses import replace as _replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.core.workspace import Workspace
from app.ui.errors import show_error
from app.ui.library.model import DocumentListModel
from app.ui.notes.model import NotesListModel
from app.ui.notes.panel import NotesPanel
from app.ui.notes.service import NotesService
from tests.conftest import CORPUS
from tests.faults.scenarios import carnet
from tests.faults.windows import INDEXING_TIMEOUT, window_on

HOSTILE_HTML = """<html><head><title>Page piégée</title>
<link rel="stylesheet" href="http://evil.example/s.css">
<script src="http://evil.example/x.js"></script><script>fetch('http://evil.example/')</script>
<style>body { background: url(http://evil.example/bg.png) }</style></head>
<body><h1>Page piégée</h1>
<p>Texte <img src="http://evil.example/pixel.png"> et <img src="file:///etc/hostname">.</p>
<iframe src="http://evil.example/frame"></iframe>
<p>Lien : https://example.org/article et file:///etc/passwd et javascript:alert(1).</p>
<p>&lt;img src="file:///etc/hostname"&gt; écrit en toutes lettres.</p>
</body></html>"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_dir_and_everything_in_it_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    doc = json.loads(carnet(data, "list", "--json").stdout)[0]["id"]
    assert carnet(data, "notes", "add", doc, "--text", "privé").returncode == 0
    assert carnet(data, "search", "negociation").returncode == 0
    with NotesStore(DataPaths(data)) as store:  # a second open takes the day's backup
        store.backup_now()
    assert _mode(data) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.name == "notes.sqlite3" for p in files)
    assert any(p.parent.name == "backups" for p in files)
    assert any(p.parent.name == "index" for p in files)
    loose = {str(p.relative_to(data)): oct(_mode(p)) for p in files if _mode(p) & 0o077}
    assert loose == {}  # library, index, notes, -wal/-shm, backups: owner-only
    dirs = [p for p in data.rglob("*") if p.is_dir()]
    assert all(_mode(d) & 0o077 == 0 for d in dirs)


def test_library_db_is_private_even_without_the_process_umask(tmp_path: Path) -> None:
    """Workspace used as a library (tests, scripts) still creates its databases 0600."""
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        _ = ws.notes
    assert _mode(tmp_path / "data") == 0o700
    assert _mode(tmp_path / "data" / "library.sqlite3") == 0o600
    assert _mode(tmp_path / "data" / "notes.sqlite3") == 0o600


def test_reader_fetches_nothing_runs_nothing_and_opens_links_only_on_click(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()))
    )
    page = tmp_path / "piege.html"
    page.write_text(HOSTILE_HTML, "utf-8")
    data = DataPaths(tmp_path / "data")
    with window_on(qtbot, data) as window:
        with qtbot.waitSignal(window.indexer.finished, timeout=INDEXING_TIMEOUT):
            window.start_import([str(page)])
        doc = next(r for r in window.library.all() if r.path == str(page))
        window.open_document(doc.id)
        QApplication.processEvents()
        browser = window.reader.browser
        shown = browser.toPlainText()
        assert "écrit en toutes lettres" in shown
        assert '<img src="file:///etc/hostname">' in shown  # markup in the text stays text
        assert "fetch(" not in shown and "background" not in shown  # scripts, styles dropped
        assert browser.resource_requests == []  # no image, stylesheet or frame asked for
        assert browser.document().allFormats()  # (a real document was laid out)
        assert opened == []  # nothing opened by reading
        # Clicks: http(s) goes to the system browser; file: and javascript: go nowhere.
        for url in ("file:///etc/passwd", "javascript:alert(1)", "https://example.org/article"):
            browser.anchorClicked.emit(QUrl(url))
        assert opened == ["https://example.org/article"]


def test_titles_quotes_and_messages_are_shown_as_text(qtbot: QtBot, tmp_path: Path) -> None:
    """Tooltips and message boxes would render HTML (and load local images): escaped."""
    evil = '<img src="file:///etc/hostname"><b>gras</b>'
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        record = ws.library.all()[0]
        note = ws.notes.add_for_quote(record.id, ws.library.text(record.id), "Lavrov", evil)
    docs = DocumentListModel()
    docs.set_records([_replace(record, title=evil)], {})
    tip = docs.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip
    quotes = NotesListModel()
    assert note.anchor is not None
    quotes.set_notes([_replace(note, anchor=_replace(note.anchor, quote=evil))])
    tip = quotes.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip
    store = NotesStore(DataPaths(tmp_path / "data"))
    panel = NotesPanel(NotesService(store))
    qtbot.addWidget(panel)
    panel.set_document(record.id, "Lavrov")
    panel.select_note(note.id)
    assert panel.editor.body.toPlainText() == evil  # a QPlainTextEdit: never HTML
    assert panel.editor.quote_label.textFormat() == Qt.TextFormat.PlainText
    store.close()
    box = show_error(None, evil)  # type: ignore[arg-type]
    assert box.textFormat().name == "PlainText" and box.text() == evil
    box.close()
