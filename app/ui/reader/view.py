"""ReaderView: comfortable reading of one document, with its notes, search hits and find.

The widget keeps no storage: it shows what it is given and reports what the reader does
through signals (``highlightRequested``, ``noteClicked``, ``positionChanged``...).

Offsets in its API are Python ``str`` offsets into the document's normalised text, the
same as note anchors; ``py_to_qt`` / ``qt_to_py`` convert to QTextDocument positions.

Keys: while the focus is inside the reader it claims Ctrl+F, Ctrl+Shift+H/N and, with the
find bar open, F3, Shift+F3 and Esc (see ``app.ui.reader.keys``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from app.core.documents.layout import snap_to_words
from app.core.documents.toc import page_at, page_starts
from app.core.i18n import tr, tr_noop
from app.core.notes import Note
from app.core.search.query_terms import Phrase
from app.ui.reader.desktop import open_link
from app.ui.reader.find import FindBar, FindController
from app.ui.reader.hits import HitsBar, hit_spans
from app.ui.reader.jump import place_caret
from app.ui.reader.keys import claimed_command
from app.ui.reader.marks import Marks
from app.ui.reader.page import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE, ReaderPage
from app.ui.reader.progress import ProgressLabel, ReadingProgress, fraction_read

__all__ = ["DEFAULT_FONT_SIZE", "MAX_FONT_SIZE", "MIN_FONT_SIZE", "ReaderView", "open_link"]

MESSAGES = {
    "no_selection": tr_noop(
        "Nothing to highlight: select a passage in the text first, then press {keys}."
    ),
}


class ReaderView(ReaderPage):
    noteClicked = Signal(str)
    highlightRequested = Signal(int, int, bool)  # start, end (Python offsets), with_note
    statusMessage = Signal(str)  # why a command did nothing, for the status bar
    progressChanged = Signal(float)  # how far the reader has moved (see progress())
    endReached = Signal(str)  # doc id: once per opening, see app.ui.reader.progress

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Reader"))
        self._marks = Marks()
        self._marked_to = 0  # Python offset up to which marks were drawn on typeset text
        self._page_starts: list[int] = [0]
        self._progress = ReadingProgress(self)
        self._progress.progressChanged.connect(self.progressChanged)
        self._progress.endReached.connect(self.endReached)
        self.progress_label = ProgressLabel(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.hits_bar = HitsBar(self)
        self.hits_bar.hide()
        self.hits_bar.nextRequested.connect(lambda: self._step_search_hit(1))
        self.hits_bar.previousRequested.connect(lambda: self._step_search_hit(-1))
        self.hits_bar.closeRequested.connect(lambda: self.set_search_terms(set()))
        self._column.addWidget(self.progress_label)  # the foot of the page, above the bars
        self._column.addWidget(self.hits_bar)
        self._column.addWidget(self.find_bar)
        self._build_actions()
        self.browser.characterClicked.connect(self._character_clicked)
        self.browser.selectionChanged.connect(self._update_actions)
        self._finder = FindController(self.find_bar, self._marks.finds, lambda: self._anchor, self)
        self._finder.changed.connect(self._refresh_marks)
        self._finder.revealRequested.connect(self._reveal_offset)
        self.find_bar.closeRequested.connect(self.close_find)
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

        self.highlight_action = action(tr("Highlight"), "Ctrl+Shift+H")
        self.highlight_action.triggered.connect(lambda: self.request_highlight(False))
        self.highlight_with_note_action = action(tr("Highlight with Note…"), "Ctrl+Shift+N")
        self.highlight_with_note_action.triggered.connect(lambda: self.request_highlight(True))
        self.find_action = action(tr("Find in Document…"), QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.open_find)
        self.zoom_in_action = action(tr("Zoom In"))
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.zoom_out_action = action(tr("Zoom Out"))
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.zoom_reset_action = action(tr("Actual Size"))
        self.zoom_reset_action.triggered.connect(self.zoom_reset)
        self.browser.menu_actions = [self.highlight_action, self.highlight_with_note_action]
        self._update_actions()

    # -- hooks of ReaderPage -------------------------------------------------------------

    def _document_changed(self) -> None:
        self._progress.opened(self.document_id())
        self._page_starts = page_starts(self.text)
        if self._record is None:
            self.progress_label.forget()
        self._marks.reset()
        self._update_hits_bar()
        if self._record is None:
            self.close_find()
        self._finder.set_text(self.text, self._layout.is_hidden)

    def _text_arrived(self) -> None:
        # Marks past the typeset text are drawn again once the view shows its end (a jump,
        # a scroll) and when the last slice is in, not on every slice: with hundreds of
        # hits in a book that redraw doubled the time it took to typeset.
        if self.is_typeset() or self.qt_to_py(self.browser.bottom_position()) < self._marked_to:
            return
        if any(end > self._marked_to for _start, end in self._marks.all_spans()):
            self._refresh_marks()

    def _palette_changed(self, page: QPalette) -> None:
        bar = QPalette(page)
        bar.setColor(QPalette.ColorRole.Window, QColor(self._theme.panel))
        self.find_bar.setPalette(bar)
        self.hits_bar.setPalette(bar)
        self.progress_label.set_theme(self._theme, page)

    def _view_moved(self, by_reader: bool) -> None:
        if self._record is None or self._typesetting:
            return
        fraction = self.progress()
        count = len(self._page_starts) if len(self._page_starts) > 1 else None
        top = page_at(self.text, self.reading_position(), self._page_starts)
        self.progress_label.show_progress(fraction, top, count)
        self.progress_label.show()
        self._progress.moved(fraction, by_reader)

    # -- progress ----------------------------------------------------------------------

    def progress(self) -> float:
        """How far through the text the view reaches: the offset of the last character
        visible at the bottom over the text's length; exactly 1.0 with the end in view."""
        return fraction_read(self)

    # -- marks: notes, search hits, find -----------------------------------------------

    def set_note_highlights(self, notes: Sequence[Note]) -> None:
        """Draw the anchored, non-orphan ``notes`` over their spans."""
        self._marks.set_notes(notes, len(self.text))
        self._refresh_marks()

    def add_note_highlight(self, note: Note) -> None:
        """Draw one new or changed note (its colour, its return from the trash) in place.

        The other highlights stay as they are; a note without a drawable passage (free,
        orphan) is simply not drawn, as in ``set_note_highlights``.
        """
        # The same rule as a whole set decides what is drawn and how it is clamped.
        one = Marks()
        one.set_notes([note], len(self.text))
        others = [span for span in self._marks.notes if span.id != note.id]
        # Position order, as the store lists them: later spans are drawn over earlier ones.
        self._marks.notes = sorted(others + one.notes, key=lambda span: span.start)
        self._refresh_marks()

    def remove_note_highlight(self, note_id: str) -> None:
        """Stop drawing one note's highlight (it went to the trash)."""
        self._marks.notes = [span for span in self._marks.notes if span.id != note_id]
        if self._marks.current_note == note_id:
            self._marks.current_note = None
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
        self._jump.when_written(offset, lambda: self.browser.reveal_position(self.py_to_qt(offset)))

    def _character_clicked(self, position: int) -> None:
        if position < self._body_start:
            return
        note = self._marks.note_at(self.qt_to_py(position))
        if note is not None:
            self._marks.current_note = note.id
            self._refresh_marks()
            self.noteClicked.emit(note.id)

    def set_search_terms(
        self, terms: Iterable[str], phrases: Iterable[Phrase] = (), at: int = 0
    ) -> None:
        """Mark what the index matched and go to the first match at or after offset ``at``
        (a search result's passage), else the first.

        ``terms`` are marked word by word; each of ``phrases`` (the analysed terms of a
        quoted phrase, from ``app.core.search.query_terms.query_phrases``) is marked, counted and
        stepped through as one match.
        """
        spans = hit_spans(self._layout, terms, phrases) if self._record else []
        first = next((n for n, span in enumerate(spans) if span[0] >= at), 0)
        self._marks.hits.set(spans, first)
        self._refresh_marks()
        self._update_hits_bar()
        if spans:
            self._go_to_hit()

    def hit_count(self) -> int:
        return len(self._marks.hits.spans)

    def current_hit_index(self) -> int:
        """0-based index of the current search hit, -1 without hits."""
        return self._marks.hits.index

    def current_hit_start(self) -> int | None:
        """Where the current search hit starts in the text; None without hits."""
        span = self._marks.hits.current()
        return span[0] if span else None

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
            place_caret(self.browser, self.py_to_qt(span[0]))  # Shift+arrows select from it
            self.browser.reveal_position(self.browser.textCursor().position())

        self._jump.when_written(span[0], jump)

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

        def to_qt(offset: int, end: bool) -> int:
            return min(self.py_to_qt(offset, end), written)

        self.browser.setExtraSelections(
            self._marks.selections(self.browser.document(), to_qt, self._theme)
        )

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
            # The keys as the menus show them (Qt names them in the reader's language).
            shown = keys.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.statusMessage.emit(tr(MESSAGES["no_selection"]).format(keys=shown))
            return
        self.highlightRequested.emit(span[0], span[1], with_note)
        # Drop the selection so the new highlight's colour shows instead of the selection's.
        cursor = self.browser.textCursor()
        cursor.clearSelection()
        self.browser.setTextCursor(cursor)

    def highlight_selection(self, *, with_note: bool = False) -> None:
        """Edit → Highlight (with Note): as the reader's own action, so only with a document."""
        (self.highlight_with_note_action if with_note else self.highlight_action).trigger()

    def focus_chain(self) -> list[QWidget]:
        """The reader's widgets in Tab order, for the window to link into its own."""
        return [self.browser]

    def _update_actions(self) -> None:
        # Enabled with nothing selected too: triggering then says what to do.
        has = self._record is not None
        self.highlight_action.setEnabled(has)
        self.highlight_with_note_action.setEnabled(has)
        self.find_action.setEnabled(has)

    # -- keys (which ones the reader claims: app.ui.reader.keys) --------------------------

    def event(self, event: QEvent) -> bool:
        # A claimed key is delivered to us as a key press instead of firing a shortcut.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and claimed_command(self, event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = claimed_command(self, event)
        if command is None:
            super().keyPressEvent(event)
            return
        command()
        event.accept()
