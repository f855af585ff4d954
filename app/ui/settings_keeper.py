"""What the window remembers between launches, put back on opening and written on closing.

Geometry, toolbar state, splitter and library columns, zoom, theme, search scope and the
last document. ``UiSettings`` is the file; this is the window side: which widget each value
comes from and goes to. Where the reader was in each document is the notes store's (its
``ReadingRecord``), written when a document is left and on closing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.ui.library.pane import LibraryPane
from app.ui.reader.view import ReaderView
from app.ui.search.controller import SearchController
from app.ui.settings import UiSettings

if TYPE_CHECKING:
    from app.ui.reader.reading_record import ReadingRecord

# Library, reader, notes: the list wide enough for two-line titles beside the source and
# date (~210 px of title at 1400 px, ~350 at 1920), the reader a comfortable column.
PANE_SHARES = (0.34, 0.42, 0.24)
MAX_DEFAULT_SIZE = QSize(1800, 1150)  # on big screens a window, not a wall


def default_size(screen: QSize) -> QSize:
    """The first window: most of the screen, leaving the desktop visible around it."""
    return QSize(
        min(round(screen.width() * 0.94), MAX_DEFAULT_SIZE.width()),
        min(round(screen.height() * 0.92), MAX_DEFAULT_SIZE.height()),
    )


class SettingsKeeper:
    def __init__(
        self,
        settings: UiSettings,
        window: QMainWindow,
        *,
        splitter: QSplitter,
        pane: LibraryPane,
        reader: ReaderView,
        search: SearchController,
    ) -> None:
        self.settings = settings
        self._window = window
        self._splitter = splitter
        self._pane = pane
        self._reader = reader
        self._search = search
        self._reading: ReadingRecord | None = None
        reader.zoomChanged.connect(self._remember_zoom)
        search.scopeChanged.connect(self._remember_scope)

    def restore(self, set_theme: Callable[[str], None]) -> None:
        """Put the window back as it was left; ``set_theme`` themes the whole window."""
        s, window = self.settings, self._window
        if s.geometry is not None:
            window.restoreGeometry(s.geometry)
        else:
            window.resize(default_size(window.screen().availableGeometry().size()))
        if s.window_state is not None:
            window.restoreState(s.window_state)
        if s.splitter is not None:
            self._splitter.restoreState(s.splitter)
        else:
            width = window.width()
            self._splitter.setSizes([round(width * share) for share in PANE_SHARES])
        if s.library_splitter is not None:
            self._pane.restore_split(s.library_splitter)
        if s.library_header is not None:
            self._pane.restore_header_state(s.library_header)
        if s.font_size:
            self._reader.set_font_size(s.font_size)
        set_theme(s.theme)
        self._search.set_scope(s.scope)

    def last_document(self) -> str | None:
        return self.settings.last_document

    def keep_positions_in(self, reading: ReadingRecord) -> None:
        """Positions go to ``reading`` from now on; those an earlier Carnet wrote in the
        settings file move there once and leave the file (kept while it cannot be written)."""
        self._reading = reading
        legacy = self.settings.legacy_positions()
        if legacy and reading.carry_over(legacy):
            self.settings.forget_legacy_positions()

    def document_opened(self, doc_id: str) -> None:
        """Back where the reader left this document; it is the one to open next launch."""
        if self._reading is not None:
            self._reader.restore_position(self._reading.position(doc_id))
        self.settings.last_document = doc_id

    def remember_position(self) -> None:
        """Where the reader is in the open document, before it leaves the reader."""
        if self._reading is not None:
            self._reading.leave()

    def remember_theme(self, name: str) -> None:
        self.settings.theme = name

    def _remember_zoom(self, size: float) -> None:
        self.settings.font_size = size

    def _remember_scope(self, scope: str) -> None:
        self.settings.scope = scope

    def save(self) -> None:
        """On closing: the reading position and the window's shape, written now."""
        self.remember_position()
        s, window = self.settings, self._window
        s.geometry = window.saveGeometry()
        s.window_state = window.saveState()
        s.splitter = self._splitter.saveState()
        s.library_header = self._pane.header_state()
        s.library_splitter = self._pane.splitter.saveState()
        s.sync()
