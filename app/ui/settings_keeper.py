"""What the window remembers between launches, put back on opening and written on closing.

Geometry, toolbar state, splitter and library columns, zoom, theme, search scope, the last
document and where the reader was in each. ``UiSettings`` is the file; this is the window
side: which widget each value comes from and goes to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.ui.library.pane import LibraryPane
from app.ui.reader.view import ReaderView
from app.ui.search.controller import SearchController
from app.ui.settings import UiSettings

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
        if s.library_header is not None:
            self._pane.restore_header_state(s.library_header)
        if s.font_size:
            self._reader.set_font_size(s.font_size)
        set_theme(s.theme)
        self._search.set_scope(s.scope)

    def last_document(self) -> str | None:
        return self.settings.last_document

    def document_opened(self, doc_id: str) -> None:
        """Back where the reader left this document; it is the one to open next launch."""
        self._reader.restore_position(self.settings.position(doc_id))
        self.settings.last_document = doc_id

    def remember_position(self) -> None:
        """Where the reader is in the open document, before it leaves the reader."""
        doc_id = self._reader.document_id()
        if doc_id is not None:
            self.settings.set_position(doc_id, self._reader.reading_position())

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
        s.sync()
