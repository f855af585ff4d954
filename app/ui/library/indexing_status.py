"""What the status bar shows while documents are imported and indexed, and after.

The indexing child process reports progress and a final report; this turns them into a
progress bar and plain sentences, shows the files that could not come in when the user
asked for them, and asks for one rebuild when searches find the index damaged.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressBar

from app.core.i18n import tr, tr_noop
from app.core.i18n.formats import number
from app.core.index_messages import IndexProgress, IndexReport, SkippedFile
from app.ui.library.import_status import import_summary, importing, skipped_heading
from app.ui.plain_text import tooltip
from app.ui.workers.index_runner import IndexRunner

SUMMARY_MS = 10_000
FAILURE_MS = 15_000
DAMAGED = tr_noop("The search index is damaged; rebuilding it…")


class IndexingStatus(QObject):
    def __init__(self, window: QMainWindow, indexer: IndexRunner) -> None:
        super().__init__(window)
        self._window = window
        self._indexer = indexer
        self._import_requested = False
        self._rebuilding = False
        self.skipped_box: QMessageBox | None = None
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        window.statusBar().addPermanentWidget(self.progress)
        indexer.progress.connect(self._progress)
        indexer.finished.connect(self._finished)
        indexer.failed.connect(self._failed)
        indexer.busyChanged.connect(self._busy)

    def start_import(self, paths: list[str]) -> None:
        """Import files and folders in the indexing process; say so until it reports."""
        self._import_requested = True
        self._window.statusBar().showMessage(importing(len(paths)))
        self._indexer.start(paths=paths)

    def rebuild_damaged_index(self) -> None:
        if self._rebuilding or self._indexer.is_busy():
            # One rebuild answers every failed search while it runs; a running job opens
            # the index for writing, which rebuilds it if it is damaged or outdated.
            return
        self._rebuilding = True
        self._window.statusBar().showMessage(tr(DAMAGED))
        self._indexer.start(rebuild=True)

    def detach(self) -> None:
        """A report arriving while the window closes is not shown."""
        self._indexer.finished.disconnect(self._finished)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.progress.setFormat(tr("Preparing…"))

    def _progress(self, step: IndexProgress) -> None:
        self.progress.setRange(0, max(step.total, 1))
        self.progress.setValue(step.done)
        # Written out rather than Qt's %v/%m: the counts grouped as the language groups them.
        if step.phase == "reading":
            label = tr("Reading {done} of {total}…")
        else:
            label = tr("Indexing {done} of {total}…")
        self.progress.setFormat(label.format(done=number(step.done), total=number(step.total)))
        self.progress.setToolTip(tooltip(step.what))

    def _finished(self, report: IndexReport) -> None:
        self._rebuilding = False
        summary = import_summary(report)
        if summary:  # a refresh that found nothing new says nothing
            self._window.statusBar().showMessage(summary, SUMMARY_MS)
        if report.skipped and self._import_requested:
            self._show_skipped(report.skipped)
        self._import_requested = False

    def _show_skipped(self, skipped: tuple[SkippedFile, ...]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            tr("Some files were not imported"),
            skipped_heading(len(skipped)),
            parent=self._window,
        )
        each = tr("{path}: {reason}")
        box.setDetailedText(
            "\n".join(each.format(path=s.path, reason=s.shown_reason) for s in skipped)
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.skipped_box = box

    def _failed(self, message: str) -> None:
        self._rebuilding = False
        self._window.statusBar().showMessage(message, FAILURE_MS)
