"""The page a note's passage starts on, for notes on paged documents (PDF).

One place computes it, so ``notes list --json`` and the Markdown export cite the same page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from app.core.documents.toc import PAGE_BREAK, page_at, page_starts
from app.core.notes.model import Note

TextsOf = Callable[[Iterable[str]], Mapping[str, str]]
"""The texts of some documents by id (``Library.paged_texts`` fits: only paged ones matter);
ids left out are documents without pages."""


class NotePages:
    """Note → page, reading each document's page starts once through ``texts_of``.

    The window keeps one for its note cards; ``remember`` gives it a document's text as
    the reader opens it, so a re-imported text is never judged by its old pages.
    """

    def __init__(self, texts_of: TextsOf) -> None:
        self._texts_of = texts_of
        self._starts: dict[str, list[int] | None] = {}  # None: a text without pages

    def remember(self, doc_id: str, text: str) -> None:
        self._starts[doc_id] = page_starts(text) if PAGE_BREAK in text else None

    def load(self, doc_ids: Iterable[str]) -> None:
        """Read the page starts of the documents not known yet, in one query."""
        wanted = {d for d in doc_ids if d not in self._starts}
        texts = self._texts_of(wanted) if wanted else {}
        for doc_id in wanted:
            self.remember(doc_id, texts.get(doc_id, ""))

    def page_of(self, note: Note) -> int | None:
        """The page a note's passage starts on; None for free, orphan or unpaged notes.

        An orphan's offsets no longer point at its passage, so it has no page.
        """
        if note.anchor is None or note.orphan:
            return None
        self.load((note.doc_id,))
        starts = self._starts[note.doc_id]
        return None if starts is None else page_at("", note.anchor.start, starts)


def note_pages(notes: Sequence[Note], texts_of: TextsOf) -> dict[str, int]:
    """Note id → page of its anchor's start, for anchored notes on paged documents."""
    pages = NotePages(texts_of)
    pages.load(n.doc_id for n in notes if n.anchor is not None and not n.orphan)
    found = {note.id: pages.page_of(note) for note in notes}
    return {note_id: page for note_id, page in found.items() if page is not None}
