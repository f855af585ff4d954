"""What the reader marks over the text: note highlights, search hits and find matches.

Spans are Python offsets into the document text; they become QTextEdit extra selections,
which colour the text without changing the document (its text and positions stay exact).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit

from app.core.documents.layout import Span
from app.core.notes import Note
from app.ui.notes.colours import DEFAULT_NOTE_COLOUR, NOTE_COLOURS
from app.ui.themes import Theme, mark_color, note_base_color, note_strengths

# Properties on the formats of extra selections, so a mark can be told apart (tests, debug).
MARK_KIND = QTextFormat.Property.UserProperty + 1
MARK_ID = QTextFormat.Property.UserProperty + 2


@dataclass(frozen=True)
class NoteSpan:
    id: str
    start: int
    end: int
    color: str | None


@dataclass
class Stepper:
    """A list of spans with a current one, stepped through cyclically (-1: none)."""

    spans: list[Span] = field(default_factory=list)
    index: int = -1

    def set(self, spans: list[Span], index: int = 0) -> None:
        self.spans = spans
        self.index = min(index, len(spans) - 1) if spans else -1

    def step(self, delta: int) -> Span | None:
        if not self.spans:
            return None
        self.index = (self.index + delta) % len(self.spans)
        return self.spans[self.index]

    def current(self) -> Span | None:
        return self.spans[self.index] if self.index >= 0 else None


@dataclass
class Marks:
    notes: list[NoteSpan] = field(default_factory=list)
    current_note: str | None = None
    hits: Stepper = field(default_factory=Stepper)
    finds: Stepper = field(default_factory=Stepper)

    def reset(self) -> None:
        self.notes, self.current_note = [], None
        self.hits.set([])
        self.finds.set([])

    def set_notes(self, notes: Sequence[Note], size: int) -> None:
        """Keep the anchored, non-orphan notes, clamped to a text of ``size`` characters."""
        self.notes = [
            NoteSpan(n.id, max(0, n.anchor.start), min(size, n.anchor.end), n.color)
            for n in notes
            if n.anchor is not None and not n.orphan and n.anchor.start < n.anchor.end
        ]
        if self.note(self.current_note) is None:
            self.current_note = None

    def all_spans(self) -> list[Span]:
        """Every span marked: notes, search hits and find matches."""
        return [(n.start, n.end) for n in self.notes] + self.hits.spans + self.finds.spans

    def note(self, note_id: str | None) -> NoteSpan | None:
        return next((n for n in self.notes if n.id == note_id), None)

    def note_at(self, offset: int) -> NoteSpan | None:
        """The innermost note highlight over the character at ``offset``."""
        under = [n for n in self.notes if n.start <= offset < n.end]
        return min(under, key=lambda n: n.end - n.start) if under else None

    def selections(
        self, doc: QTextDocument, to_qt: Callable[[int, bool], int], theme: Theme
    ) -> list[QTextEdit.ExtraSelection]:
        """Extra selections, later ones drawn over earlier: the current marks come last."""

        def mark(span: Span, color: str, kind: str, ident: str = "") -> QTextEdit.ExtraSelection:
            cursor = QTextCursor(doc)
            cursor.setPosition(to_qt(span[0], False))
            cursor.setPosition(to_qt(span[1], True), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(color))
            fmt.setProperty(MARK_KIND, kind)
            if ident:
                fmt.setProperty(MARK_ID, ident)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            return selection

        normal, strong = note_strengths(theme)
        out = [
            mark((n.start, n.end), note_color(theme, n.color, normal), "note", n.id)
            for n in self.notes
            if n.id != self.current_note
        ]
        out += [mark(s, theme.find, "find") for s in self.finds.spans]
        out += [mark(s, theme.hit, "hit") for s in self.hits.spans]
        current = self.note(self.current_note)
        if current is not None:
            chosen = mark(
                (current.start, current.end),
                note_color(theme, current.color, strong),
                "note-current",
                current.id,
            )
            # Colour alone is a weak cue on a dark page: underline it too.
            chosen.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            chosen.format.setUnderlineColor(QColor(theme.accent))
            out.append(chosen)
        if (hit := self.hits.current()) is not None:
            out.append(mark(hit, theme.hit_current, "hit-current"))
        if (found := self.finds.current()) is not None:
            out.append(mark(found, theme.find_current, "find-current"))
        return out


def note_color(theme: Theme, color: str | None, strength: float) -> str:
    """Background of a note highlight, readable under the theme's text."""
    base = note_base_color(theme, color)
    if base is None:  # a colour name Qt knows ("teal"), else the theme's default
        named = QColor(color or "")
        base = named.name() if named.isValid() else note_base_color(theme, None)
    return mark_color(theme, base or NOTE_COLOURS[DEFAULT_NOTE_COLOUR], strength)
