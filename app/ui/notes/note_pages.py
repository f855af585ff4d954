"""Which page a note's passage is on ("p. 12"), for the note cards and the editor.

The cards and the editor are built by the notes panel and see notes, not texts: the
reader's controller tells this one table the pages of each document it opens, and they
look a note up here. A document without pages (no form feed) names no page.
"""

from __future__ import annotations

from app.core.documents.toc import page_at, page_starts
from app.core.notes import Note


class NotePages:
    """Page starts of the documents opened so far, by document id."""

    def __init__(self) -> None:
        self._starts: dict[str, list[int]] = {}

    def remember(self, doc_id: str, text: str) -> None:
        """The text now shown for ``doc_id`` (it may have changed since it was last seen)."""
        self._starts[doc_id] = page_starts(text)

    def forget_all(self) -> None:
        """Another library (a window closed, a new one opened): nothing seen is valid."""
        self._starts.clear()

    def page_of(self, note: Note) -> int | None:
        """The page a note's passage starts on; None for free, orphan or unpaged notes."""
        if note.anchor is None or note.orphan:
            return None
        starts = self._starts.get(note.doc_id)
        if starts is None:
            return None
        return page_at("", note.anchor.start, starts)

    def label(self, note: Note) -> str:
        """ "p. 12", or "" when the note names no page."""
        page = self.page_of(note)
        return f"p. {page}" if page is not None else ""


# One table for the window's notes views; the reader controller fills it as documents open.
NOTE_PAGES = NotePages()


def with_page(note: Note, quote: str) -> str:
    """A passage line as the cards and the editor show it: "p. 12 · “quote”"."""
    page = NOTE_PAGES.label(note)
    return f"{page} · {quote}" if page and quote else quote
