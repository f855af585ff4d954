"""ReaderPage: one document laid out for reading, and where the reader is in it.

It typesets the text (in slices, see ``typeset``), maps Python offsets to Qt
positions, keeps the reading position across zoom, themes and resizing, and runs a jump
(to a note, a hit, a position) once the text it needs has been typeset. What the reader
does on the text (notes, search hits, find, highlighting, keys) is ``ReaderView``'s.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.core.documents.layout import TextLayout
from app.core.documents.structure import Block
from app.core.i18n import tr
from app.core.library.store import DocumentRecord
from app.ui.reader.browser import ReaderBrowser
from app.ui.reader.desktop import open_link, system_theme
from app.ui.reader.jump import JUMP_LOOKAHEAD, PendingJump, place_caret, show_room_above
from app.ui.reader.render import palette_for, set_column_margins, warm_fonts
from app.ui.reader.typeset import Typesetter
from app.ui.themes import THEME_NAMES, THEMES

MIN_FONT_SIZE = 10.0
MAX_FONT_SIZE = 32.0
DEFAULT_FONT_SIZE = 15.0
POSITION_DEBOUNCE_MS = 300


class ReaderPage(QWidget):
    """The document view; subclasses add what is done on the text through the hooks
    ``_document_changed``, ``_refresh_marks``, ``_update_actions`` and ``_palette_changed``."""

    zoomChanged = Signal(float)
    themeChanged = Signal(str)
    positionChanged = Signal(int)  # Python offset of the first visible character
    typesetFinished = Signal()  # the whole text is laid out (long books take a moment)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self._record: DocumentRecord | None = None
        self._layout = TextLayout("")
        self._body_start = 0
        self._font_size = DEFAULT_FONT_SIZE
        self._theme_name = "light"
        self._theme = THEMES["light"]
        self._anchor = 0  # reading position, kept while the view reflows
        self._hold = 0  # >0 while the view reflows: scroll moves are not the reader's
        self._emitted_position = -1
        self._typesetting = False
        self._blocks: tuple[Block, ...] = ()
        self._typesetter = Typesetter(self)
        self._typesetter.progressed.connect(self._typeset_progressed)
        self._typesetter.finished.connect(self._typeset_finished)
        self._jump = PendingJump(self._is_written)  # a jump asked for before its text is in

        self.browser = ReaderBrowser(self)
        # Asked once, here: PySide6's first viewport() call sets up ~40 widget enum types
        # (25-30 ms), which otherwise lands in the first document's opening, mid-import.
        self._viewport = self.browser.viewport()
        self.browser.setAccessibleName(tr("Document text"))
        self._empty = QLabel(tr("Choose a document to read"), self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._empty)
        self._stack.addWidget(self.browser)
        self._column = QVBoxLayout(self)  # subclasses add their bars below the text
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self._stack, 1)
        self.setFocusProxy(self.browser)
        self.setAutoFillBackground(True)

        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_DEBOUNCE_MS)
        self._position_timer.timeout.connect(self._emit_position)
        self.browser.anchorClicked.connect(open_link)
        self.browser.zoomRequested.connect(lambda step: self.set_font_size(self._font_size + step))
        self.browser.aboutToReflow.connect(self._begin_hold)
        self.browser.reflowed.connect(self._reflowed)
        self.browser.edgeRequested.connect(self.go_to_edge)
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    # -- hooks -------------------------------------------------------------------------

    def _document_changed(self) -> None:
        """A new text (or none): drop what was marked on the previous one."""

    def _refresh_marks(self) -> None:
        """Draw the marks again (the text moved or more of it arrived)."""

    def _update_actions(self) -> None:
        """Enable what can be done now."""

    def _text_arrived(self) -> None:
        """Another slice of the text is in the view."""

    def _palette_changed(self, page: QPalette) -> None:
        """Recolour what subclasses added for the theme's ``page`` palette."""

    def _view_moved(self, by_reader: bool) -> None:
        """The view may show another part of the text; ``by_reader``: the reader moved it
        (scroll, keys, a jump asked for), not the opening, a restore, a zoom or a resize."""

    # -- document --------------------------------------------------------------------

    def show_document(
        self, record: DocumentRecord, text: str, blocks: Sequence[Block] = ()
    ) -> None:
        """Show ``text`` (the normalised text) of ``record`` from the top.

        ``blocks`` give its structure (headings, lists…; hidden kinds are left out of
        view). Notes and search hits of the previous document are dropped; an open find bar
        searches the new text. A long text is typeset in slices: the first screen shows at
        once, ``typesetFinished`` says when the rest is in.
        """
        self._record = record
        self.text = text
        self._blocks = tuple(blocks)
        self._layout = TextLayout(text, self._blocks)
        self._anchor = 0
        self._document_changed()
        self._stack.setCurrentWidget(self.browser)
        self._typeset()

    def show_page(self) -> None:
        """Put the text page up, blank, ahead of a document opened in the next turn.

        The browser's first show and the fonts' loading (several ms) then land in a turn of
        their own, not in the document's typesetting turn (the first document of an import).
        """
        if self._record is None:
            self._stack.setCurrentWidget(self.browser)
            warm_fonts(self._font_size)

    def clear(self) -> None:
        """The empty state: no document, a friendly hint."""
        self._typesetter.cancel()
        self._jump.cancel()
        self._record = None
        self.text = ""
        self._layout = TextLayout("")
        self._anchor = 0
        self.browser.page_marks.set([])
        self._document_changed()
        self._begin_hold()
        self.browser.document().clear()
        self._end_hold()
        self.browser.setExtraSelections([])
        self._stack.setCurrentWidget(self._empty)
        self._update_actions()

    def document_id(self) -> str | None:
        return self._record.id if self._record else None

    def record(self) -> DocumentRecord | None:
        return self._record

    def is_typeset(self) -> bool:
        """True once the whole text is in the view (marks and jumps wait for it otherwise)."""
        return self._typesetter.is_done()

    def py_to_qt(self, offset: int, end: bool = False) -> int:
        """QTextDocument position of Python offset ``offset`` in the text (``end``: as the
        end of a span, see ``TextLayout.to_qt``)."""
        return self._body_start + self._layout.to_qt(offset, end)

    def qt_to_py(self, position: int) -> int:
        """Python offset in the text of QTextDocument ``position`` (header -> 0)."""
        return self._layout.to_py(max(position - self._body_start, 0))

    def _typeset(self) -> None:
        """Lay the document out again (zoom, theme), keeping the reading position."""
        if self._record is None:
            return
        self._begin_hold()
        self._typesetting = True
        try:
            self._body_start = self._typesetter.start(
                self.browser.document(),
                self._record,
                self._layout,
                theme=self._theme,
                point_size=self._font_size,
                viewport_width=self._viewport.width(),
            )
            self._typesetting = False
            self.browser.page_marks.set(
                [(self._body_start + r.qt_start, r.page) for r in self._layout.page_marks()]
            )
            # Inserting text pushed the browser's caret to the end, where QTextEdit would
            # scroll on showing: park it at the top until the reading position is there.
            self.browser.setTextCursor(QTextCursor(self.browser.document()))
            self._refresh_marks()
            self._restore_anchor()
        finally:
            self._typesetting = False
            self._end_hold()
        self._update_actions()
        self._view_moved(False)
        if self._typesetter.is_done():
            self.typesetFinished.emit()

    def _typeset_progressed(self) -> None:
        self._jump.text_arrived()
        self._text_arrived()  # after a jump, so marks reach the text it went to

    def _typeset_finished(self) -> None:
        self._refresh_marks()
        self._jump.run()
        self._view_moved(False)  # the end may be in view now, without the reader moving
        self.typesetFinished.emit()

    def _is_written(self, offset: int) -> bool:
        if self._typesetter.is_done():
            return True
        return self._layout.to_qt(offset) + JUMP_LOOKAHEAD <= self._typesetter.written_to()

    def _restore_anchor(self) -> None:
        """Bring the reading position back to the top of the view, once it is typeset."""
        anchor = self._anchor

        def jump() -> None:
            # Held: the top line starts at or before the anchor, which must not drift there.
            # Other jumps (to a hit, a note) are not held: where they land is the new
            # reading position, which a zoom or a theme change then keeps.
            self._begin_hold()
            try:
                place_caret(self.browser, self.py_to_qt(anchor) if anchor else 0)
                self._scroll_to_offset(anchor)
            finally:
                self._end_hold()

        self._jump.when_written(anchor, jump)

    # -- reading position --------------------------------------------------------------

    def reading_position(self) -> int:
        """Python offset of the first character visible at the top of the text.

        An offset rather than a scroll fraction: it survives zoom, resizing and themes.
        """
        return self._anchor

    def restore_position(self, value: float) -> None:
        """Scroll so the line holding offset ``value`` is at the top (0 = the header)."""
        self._anchor = max(0, min(int(value), len(self.text)))
        if self._record is not None:
            self._restore_anchor()

    def go_to_offset(self, offset: int) -> None:
        """Put the text at ``offset`` (a page start, a contents entry) at the top of the view.

        An offset between two shown lines goes to the next one; the room above a page or a
        heading stays in view, so its marker is seen. It becomes the reading position.
        """
        if self._record is None:
            return
        target = self._layout.first_shown(max(0, min(offset, len(self.text))))
        self._anchor = target

        def jump() -> None:
            self._begin_hold()
            try:
                position = self.py_to_qt(target)
                place_caret(self.browser, position)
                self._scroll_to_offset(target)
                show_room_above(self.browser, position)  # a page's marker in view
            finally:
                self._end_hold()
            self._position_timer.start()
            self._view_moved(True)  # held above, but the reader asked for this move

        self._jump.when_written(target, jump)

    def go_to_edge(self, end: bool) -> None:
        """Home / End: the top of the document, or its very end once it is all typeset."""
        if self._record is None:
            return

        def jump() -> None:
            self.browser.scroll_to_edge(end)
            self._view_moved(True)  # even when already there: the reader went to the end

        self._jump.when_written(len(self.text) if end else 0, jump)

    def _begin_hold(self) -> None:
        self._hold += 1

    def _end_hold(self) -> None:
        self._hold -= 1

    def _reflowed(self) -> None:
        # While typesetting, the scroll bar coming and going resizes the viewport of a
        # half-built document: _typeset places the column and the position when done.
        if self._record is not None and not self._typesetting:
            set_column_margins(self.browser.document(), self._viewport.width(), self._font_size)
            if not self._jump.is_waiting():
                self._scroll_to_offset(self._anchor)
        self._end_hold()
        self._view_moved(False)

    def _scrolled(self) -> None:
        # While a jump waits for its text, the reading position is the jump's target.
        if not (self._hold or self._record is None or self._jump.is_waiting()):
            self._anchor = self._top_offset()
            self._position_timer.start()
        self._view_moved(self._hold == 0)

    def _emit_position(self) -> None:
        if self._record is not None and self._anchor != self._emitted_position:
            self._emitted_position = self._anchor
            self.positionChanged.emit(self._anchor)

    def _top_offset(self) -> int:
        position = self.browser.top_position()
        if position < self._body_start or self.browser.verticalScrollBar().value() == 0:
            return 0  # the header, or the very top
        return self.qt_to_py(position)

    def _scroll_to_offset(self, offset: int) -> None:
        if offset <= 0:
            self.browser.verticalScrollBar().setValue(0)
        else:
            self.browser.scroll_to_position(self.py_to_qt(offset))

    # -- zoom --------------------------------------------------------------------------

    def font_size(self) -> float:
        return self._font_size

    def set_font_size(self, point_size: float) -> None:
        size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, round(float(point_size) * 2) / 2))
        if size == self._font_size:
            return
        self._font_size = size
        self._typeset()
        self.zoomChanged.emit(size)

    def zoom_in(self) -> None:
        self.set_font_size(self._font_size + 1)

    def zoom_out(self) -> None:
        self.set_font_size(self._font_size - 1)

    def zoom_reset(self) -> None:
        self.set_font_size(DEFAULT_FONT_SIZE)

    # -- themes ------------------------------------------------------------------------

    def theme(self) -> str:
        """The theme asked for: "light", "sepia", "dark" or "system"."""
        return self._theme_name

    def effective_theme(self) -> str:
        """The theme drawn: "system" resolved to "light" or "dark"."""
        return self._theme.name

    def set_theme(self, name: str) -> None:
        if name != "system" and name not in THEME_NAMES:
            raise ValueError(f"unknown theme {name!r}: use {', '.join(THEME_NAMES)} or system")
        resolved = system_theme() if name == "system" else THEMES[name]
        changed = name != self._theme_name
        self._theme_name = name
        if resolved is not self._theme:
            self._theme = resolved
            self._apply_palette()
            self._typeset()
        if changed:
            self.themeChanged.emit(name)

    def _system_scheme_changed(self) -> None:
        if self._theme_name == "system":
            self._theme_name = ""  # force a re-resolve
            self.set_theme("system")

    def _apply_palette(self) -> None:
        t = self._theme
        page = palette_for(t, self.palette())
        self.setPalette(page)
        self.browser.setPalette(page)
        empty = QPalette(page)
        empty.setColor(QPalette.ColorRole.WindowText, QColor(t.muted))
        self._empty.setPalette(empty)
        self._palette_changed(page)
