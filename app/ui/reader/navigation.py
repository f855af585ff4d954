"""Moving through the open document: Go to Page and Contents, enabled when they apply."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.core.documents.toc import TocEntry, page_at, page_count, page_starts
from app.core.library.store import DocumentRecord
from app.ui.reader.contents import ContentsDialog
from app.ui.reader.go_to_page import GoToPageDialog
from app.ui.reader.view import ReaderView


class ReaderNavigation(QObject):
    """Runs Go → Go to Page and Go → Contents on the reader; the dialogs open without
    blocking (``dialog`` is the one open, for tests)."""

    def __init__(
        self,
        reader: ReaderView,
        contents_of: Callable[[str], tuple[TocEntry, ...]],
        *,
        go_to_page: QAction,
        contents: QAction,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._contents_of = contents_of
        self._window = parent
        self._go_to_page = go_to_page
        self._contents = contents
        self._entries: tuple[TocEntry, ...] = ()
        self.dialog: GoToPageDialog | ContentsDialog | None = None
        go_to_page.triggered.connect(self.ask_page)
        contents.triggered.connect(self.show_contents)
        self.document_shown(None)

    def document_shown(self, record: DocumentRecord | None) -> None:
        """A document (or none) is in the reader: offer what it has."""
        self._entries = self._contents_of(record.id) if record is not None else ()
        self._go_to_page.setEnabled(record is not None and self.page_count() is not None)
        self._contents.setEnabled(bool(self._entries))

    def page_count(self) -> int | None:
        return page_count(self._reader.text)

    def current_page(self) -> int:
        """The page at the top of the view (1 in a text without pages)."""
        return page_at(self._reader.text, self._reader.reading_position()) or 1

    def go_to_page(self, page: int) -> None:
        starts = page_starts(self._reader.text)
        self._reader.go_to_offset(starts[max(1, min(page, len(starts))) - 1])

    def ask_page(self) -> None:
        count = self.page_count()
        if count is None or self._reader.record() is None:
            return
        dialog = GoToPageDialog(self._window, self.current_page(), count)
        dialog.pageChosen.connect(self.go_to_page)
        self._open(dialog)

    def show_contents(self) -> None:
        if not self._entries or self._reader.record() is None:
            return
        dialog = ContentsDialog(self._window, self._entries, self._reader.text)
        dialog.entryChosen.connect(self._reader.go_to_offset)
        self._open(dialog)

    def _open(self, dialog: GoToPageDialog | ContentsDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QObject) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
