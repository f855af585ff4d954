"""ReaderView: comfortable reading of one document, with its notes, search hits and find.

The widget keeps no storage: it shows what it is given and reports what the reader does
through signals (``highlightRequested``, ``noteClicked``, ``positionChanged``...).

Offsets in its API are Python ``str`` offsets into the document's normalised text, the
same as note anchors; ``py_to_qt`` / ``qt_to_py`` convert to QTextDocument positions.

Keys: while the focus is inside the reader it claims Ctrl+F (find), Ctrl+Shift+H and
Ctrl+Shift+N (highlight the selection, with a note) and, while the find bar is open, F3,
Shift+F3 and Esc, so a window binding the same keys never makes them ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.core.library import DocumentRecord
from app.core.notes import Note
from app.core.query_terms import Phrase
from app.core.structure import Block
from app.ui.reader_browser import ReaderBrowser
from app.ui.reader_find import FindBar, FindController
from app.ui.reader_hits import HitsBar, hit_spans
from app.ui.reader_marks import Marks
from app.ui.reader_render import palette_for, set_column_margins
from app.ui.reader_text import TextLayout, snap_to_words
from app.ui.reader_typeset import Typesetter
from app.ui.themes import THEME_NAMES, THEMES, Theme

MIN_FONT_SIZE = 10.0
MAX_FONT_SIZE = 32.0
DEFAULT_FONT_SIZE = 15.0
POSITION_DEBOUNCE_MS = 300
_HIGHLIGHT_KEYS = {"Ctrl+Shift+H": False, "Ctrl+Shift+N": True}
# A jump waits until the text this far past its target is typeset, so it can reach the top.
_JUMP_LOOKAHEAD = 6_000
MESSAGES = {
    "no_selection": "Nothing to highlight: select a passage in the text first, then press {keys}.",
}


class ReaderView(QWidget):
    noteClicked = Signal(str)
    highlightRequested = Signal(int, int, bool)  # start, end (Python offsets), with_note
    zoomChanged = Signal(float)
    themeChanged = Signal(str)
    positionChanged = Signal(int)  # Python offset of the first visible character
    statusMessage = Signal(str)  # why a command did nothing, for the status bar
    typesetFinished = Signal()  # the whole text is laid out (long books take a moment)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reader")
        self.text = ""
        self._record: DocumentRecord | None = None
        self._layout = TextLayout("")
        self._body_start = 0
        self._font_size = DEFAULT_FONT_SIZE
        self._theme_name = "light"
        self._theme = THEMES["light"]
        self._marks = Marks()
        self._anchor = 0  # reading position, kept while the view reflows
        self._hold = 0  # >0 while the view reflows: scroll moves are not the reader's
        self._emitted_position = -1
        self._typesetting = False
        self._blocks: tuple[Block, ...] = ()
        self._typesetter = Typesetter(self)
        self._typesetter.progressed.connect(self._typeset_progressed)
        self._typesetter.finished.connect(self._typeset_finished)
        # A jump asked for before its text was typeset: (offset, action), run when it is.
        self._pending: tuple[int, Callable[[], None]] | None = None
        self._marked_to = 0  # Python offset up to which marks were drawn on typeset text

        self.browser = ReaderBrowser(self)
        self.browser.setAccessibleName("Document text")
        self._empty = QLabel("Choose a document to read", self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._empty)
        self._stack.addWidget(self.browser)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.hits_bar = HitsBar(self)
        self.hits_bar.hide()
        self.hits_bar.nextRequested.connect(lambda: self._step_search_hit(1))
        self.hits_bar.previousRequested.connect(lambda: self._step_search_hit(-1))
        self.hits_bar.closeRequested.connect(lambda: self.set_search_terms(set()))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._stack, 1)
        column.addWidget(self.hits_bar)
        column.addWidget(self.find_bar)
        self.setFocusProxy(self.browser)
        self.setAutoFillBackground(True)

        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_DEBOUNCE_MS)
        self._position_timer.timeout.connect(self._emit_position)
        self._build_actions()
        self.browser.characterClicked.connect(self._character_clicked)
        self.browser.anchorClicked.connect(open_link)
        self.browser.zoomRequested.connect(lambda step: self.set_font_size(self._font_size + step))
        self.browser.aboutToReflow.connect(self._begin_hold)
        self.browser.reflowed.connect(self._reflowed)
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.browser.selectionChanged.connect(self._update_actions)
        self._finder = FindController(self.find_bar, self._marks.finds, lambda: self._anchor, self)
        self._finder.changed.connect(self._refresh_marks)
        self._finder.revealRequested.connect(self._reveal_offset)
        self.find_bar.closeRequested.connect(self.close_find)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self._apply_palette()
        self.clear()

    def _build_actions(self) -> None:
        # Shortcuts are shown in menus but claimed through ShortcutOverride (see event()):
        # registered here they would clash with a window binding the same keys.
        def action(text: str, keys: str | QKeySequence.StandardKey = "") -> QAction:
            act = QAction(text, self)
            if keys:
                act.setShortcut(QKeySequence(keys))
            return act

        self.highlight_action = action("Highlight", "Ctrl+Shift+H")
        self.highlight_action.triggered.connect(lambda: self.request_highlight(False))
        self.highlight_with_note_action = action("Highlight with Note…", "Ctrl+Shift+N")
        self.highlight_with_note_action.triggered.connect(lambda: self.request_highlight(True))
        self.find_action = action("Find in Document…", QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.open_find)
        self.zoom_in_action = action("Zoom In")
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.zoom_out_action = action("Zoom Out")
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.zoom_reset_action = action("Actual Size")
        self.zoom_reset_action.triggered.connect(self.zoom_reset)
        self.browser.menu_actions = [self.highlight_action, self.highlight_with_note_action]
        self._update_actions()

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
        self._marks.hits.set([])
        self._marks.notes, self._marks.current_note = [], None
        self._update_hits_bar()
        self._anchor = 0
        self._finder.set_text(text, self._layout.is_hidden)
        self._stack.setCurrentWidget(self.browser)
        self._typeset()

    def clear(self) -> None:
        """The empty state: no document, a friendly hint."""
        self._typesetter.cancel()
        self._pending = None
        self._record = None
        self.text = ""
        self._layout = TextLayout("")
        self._marks.reset()
        self._update_hits_bar()
        self._anchor = 0
        self.close_find()
        self._finder.set_text("")
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

    def py_to_qt(self, offset: int) -> int:
        """QTextDocument position of Python offset ``offset`` in the text."""
        return self._body_start + self._layout.to_qt(offset)

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
                viewport_width=self.browser.viewport().width(),
            )
            self._typesetting = False
            # Inserting text pushed the browser's caret to the end, where QTextEdit would
            # scroll on showing: park it at the top until the reading position is there.
            self.browser.setTextCursor(QTextCursor(self.browser.document()))
            self._marked_to = 0
            self._refresh_marks()
            self._restore_anchor()
        finally:
            self._typesetting = False
            self._end_hold()
        self._update_actions()
        if self._typesetter.is_done():
            self.typesetFinished.emit()

    def _typeset_progressed(self) -> None:
        if self._marks_beyond(self._marked_to):
            self._refresh_marks()
        if self._pending is not None and self._is_written(self._pending[0]):
            self._run_pending()

    def _typeset_finished(self) -> None:
        self._refresh_marks()
        if self._pending is not None:
            self._run_pending()
        self.typesetFinished.emit()

    def _is_written(self, offset: int) -> bool:
        if self._typesetter.is_done():
            return True
        return self._layout.to_qt(offset) + _JUMP_LOOKAHEAD <= self._typesetter.written_to()

    def _when_written(self, offset: int, action: Callable[[], None]) -> None:
        """Run ``action`` now if the text at ``offset`` is typeset, else once it is."""
        self._pending = (offset, action)
        if self._is_written(offset):
            self._run_pending()

    def _run_pending(self) -> None:
        if self._pending is None:
            return
        action = self._pending[1]
        self._pending = None
        self._begin_hold()
        try:
            action()
        finally:
            self._end_hold()

    def _restore_anchor(self) -> None:
        anchor = self._anchor

        def jump() -> None:
            caret = QTextCursor(self.browser.document())
            caret.setPosition(self.py_to_qt(anchor) if anchor else 0)
            self.browser.setTextCursor(caret)
            self._scroll_to_offset(anchor)

        self._when_written(anchor, jump)

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
            anchor = self._anchor
            self._when_written(anchor, lambda: self._scroll_to_offset(anchor))

    def _begin_hold(self) -> None:
        self._hold += 1

    def _end_hold(self) -> None:
        self._hold -= 1

    def _reflowed(self) -> None:
        # While typesetting, the scroll bar coming and going resizes the viewport of a
        # half-built document: _typeset places the column and the position when done.
        if self._record is not None and not self._typesetting:
            set_column_margins(
                self.browser.document(), self.browser.viewport().width(), self._font_size
            )
            if self._pending is None:
                self._scroll_to_offset(self._anchor)
        self._end_hold()

    def _scrolled(self) -> None:
        # While a jump waits for its text, the reading position is the jump's target.
        if self._hold or self._record is None or self._pending is not None:
            return
        self._anchor = self._top_offset()
        self._position_timer.start()

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
        resolved = _system_theme() if name == "system" else THEMES[name]
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
        bar = QPalette(page)
        bar.setColor(QPalette.ColorRole.Window, QColor(t.panel))
        self.find_bar.setPalette(bar)

    # -- marks: notes, search hits, find -----------------------------------------------

    def set_note_highlights(self, notes: Sequence[Note]) -> None:
        """Draw the anchored, non-orphan ``notes`` over their spans."""
        self._marks.set_notes(notes, len(self.text))
        self._refresh_marks()

    def select_note(self, note_id: str) -> bool:
        """Make a note's highlight current and scroll to it; False if it is not drawn.

        A note inside a span the view hides scrolls to the nearest visible place.
        """
        span = self._marks.note(note_id)
        self._marks.current_note = span.id if span else None
        self._refresh_marks()
        if span is not None:
            self._reveal_offset(span.start)
        return span is not None

    def _reveal_offset(self, offset: int) -> None:
        self._when_written(offset, lambda: self.browser.reveal_position(self.py_to_qt(offset)))

    def _character_clicked(self, position: int) -> None:
        if position < self._body_start:
            return
        note = self._marks.note_at(self.qt_to_py(position))
        if note is not None:
            self._marks.current_note = note.id
            self._refresh_marks()
            self.noteClicked.emit(note.id)

    def set_search_terms(self, terms: Iterable[str], phrases: Iterable[Phrase] = ()) -> None:
        """Mark what the index matched and go to the first match.

        ``terms`` are marked word by word; each of ``phrases`` (the analysed terms of a
        quoted phrase, from ``app.core.query_terms.query_phrases``) is marked, counted and
        stepped through as one match.
        """
        spans = hit_spans(self._layout, terms, phrases) if self._record else []
        self._marks.hits.set(spans)
        self._refresh_marks()
        self._update_hits_bar()
        if spans:
            self._go_to_hit()

    def hit_count(self) -> int:
        return len(self._marks.hits.spans)

    def current_hit_index(self) -> int:
        """0-based index of the current search hit, -1 without hits."""
        return self._marks.hits.index

    def current_hit(self) -> str:
        """The text of the current search hit ('' without hits)."""
        span = self._marks.hits.current()
        return self.text[span[0] : span[1]] if span else ""

    def next_hit(self) -> None:
        """Next search hit (F3); while the find bar is open, the next find match."""
        self._step_hit(1)

    def previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, delta: int) -> None:
        if self.find_bar.isVisible() and self._marks.finds.spans:
            self._finder.step(delta)
        else:
            self._step_search_hit(delta)

    def _step_search_hit(self, delta: int) -> None:
        if self._marks.hits.step(delta) is not None:
            self._update_hits_bar()
            self._go_to_hit()

    def _update_hits_bar(self) -> None:
        self.hits_bar.set_count(self._marks.hits.index + 1, len(self._marks.hits.spans))

    def _go_to_hit(self) -> None:
        span = self._marks.hits.current()
        if span is None:
            return
        self._refresh_marks()

        def jump() -> None:
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(self.py_to_qt(span[0]))
            self.browser.setTextCursor(cursor)  # Shift+arrows then select from the hit
            self.browser.reveal_position(cursor.position())

        self._when_written(span[0], jump)

    def open_find(self) -> None:
        """Open the find bar (Ctrl+F), seeded with a short selection."""
        if self._record is not None:
            self._finder.open(self.browser.textCursor().selectedText())

    def close_find(self) -> None:
        """Close the find bar and clear its marks (Esc)."""
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.find_bar.isAncestorOf(focus)
        self._finder.close()
        if had_focus:
            self.browser.setFocus()

    def is_find_open(self) -> bool:
        return self.find_bar.isVisible()

    def find_count(self) -> int:
        return len(self._marks.finds.spans)

    def current_find_index(self) -> int:
        """0-based index of the current find match, -1 without matches."""
        return self._marks.finds.index

    def find_next(self) -> None:
        self._finder.step(1)

    def find_previous(self) -> None:
        self._finder.step(-1)

    def _refresh_marks(self) -> None:
        if self._record is None:
            self.browser.setExtraSelections([])
            return
        # Marks past the typeset text are clamped to its end, and drawn again as it grows.
        written = self._body_start + self._typesetter.written_to()
        self._marked_to = (
            self.qt_to_py(written) if not self._typesetter.is_done() else len(self.text)
        )

        def to_qt(offset: int) -> int:
            return min(self.py_to_qt(offset), written)

        self.browser.setExtraSelections(
            self._marks.selections(self.browser.document(), to_qt, self._theme)
        )

    def _marks_beyond(self, offset: int) -> bool:
        return any(end > offset for _start, end in self._marks.all_spans())

    # -- highlighting the selection ----------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """Python span of the selected text, trimmed of surrounding whitespace and grown to
        whole words: a highlight never ends in the middle of a word."""
        cursor = self.browser.textCursor()
        if self._record is None or not cursor.hasSelection():
            return None
        start = max(cursor.selectionStart(), self._body_start)
        end = cursor.selectionEnd()
        if end <= start:
            return None
        s, e = self.qt_to_py(start), self.qt_to_py(end)
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return snap_to_words(self.text, s, e) if s < e else None

    def request_highlight(self, with_note: bool) -> None:
        """Ask to highlight the selection; without one, say why nothing happens."""
        span = self.selected_span()
        if span is None:
            keys = self.highlight_with_note_action if with_note else self.highlight_action
            self.statusMessage.emit(
                MESSAGES["no_selection"].format(keys=keys.shortcut().toString())
            )
            return
        self.highlightRequested.emit(span[0], span[1], with_note)
        # Drop the selection so the new highlight's colour shows instead of the selection's.
        cursor = self.browser.textCursor()
        cursor.clearSelection()
        self.browser.setTextCursor(cursor)

    def _update_actions(self) -> None:
        # Enabled with nothing selected too: triggering then says what to do.
        has = self._record is not None
        self.highlight_action.setEnabled(has)
        self.highlight_with_note_action.setEnabled(has)
        self.find_action.setEnabled(has)

    # -- keys --------------------------------------------------------------------------

    def _claims(self, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.Find):
            return self._record is not None
        combo = QKeySequence(event.keyCombination()).toString()
        if combo in _HIGHLIGHT_KEYS:
            return self.selected_span() is not None
        if self.find_bar.isVisible():
            return event.key() in (Qt.Key.Key_F3, Qt.Key.Key_Escape)
        return False

    def event(self, event: QEvent) -> bool:
        # A claimed key is delivered to us as a key press instead of firing a shortcut.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._claims(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._claims(event):
            super().keyPressEvent(event)
            return
        combo = QKeySequence(event.keyCombination()).toString()
        if event.matches(QKeySequence.StandardKey.Find):
            self.open_find()
        elif combo in _HIGHLIGHT_KEYS:
            self.request_highlight(_HIGHLIGHT_KEYS[combo])
        elif event.key() == Qt.Key.Key_Escape:
            self.close_find()
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_previous()
        else:
            self.find_next()
        event.accept()


def open_link(url: QUrl) -> None:
    """Open a clicked link in the browser: http and https only, never files or others."""
    if url.scheme().lower() in ("http", "https") and url.host():
        QDesktopServices.openUrl(url)


def _system_theme() -> Theme:
    scheme = QGuiApplication.styleHints().colorScheme()
    return THEMES["dark" if scheme == Qt.ColorScheme.Dark else "light"]
