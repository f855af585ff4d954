"""The page a note's passage starts on, for notes on paged documents (PDF).

One place computes it, so ``notes list --json`` and the Markdown export cite the same page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from app.core.documents.toc import PAGE_BREAK, page_at, page_starts
from app.core.notes.model import Note

TextsOf = Callable[[Iterable[str]], Mapping[str, str]]
"""The texts of some documents by id (``Library.texts`` fits); unknown ids are left out."""


def note_pages(notes: Sequence[Note], texts_of: TextsOf) -> dict[str, int]:
    """Note id → page of its anchor's start, for anchored notes on paged documents.

    An orphan's offsets no longer point at its passage, so it has no page.
    """
    anchored = [n for n in notes if n.anchor is not None and not n.orphan]
    texts = texts_of({n.doc_id for n in anchored})
    starts = {doc_id: page_starts(t) for doc_id, t in texts.items() if PAGE_BREAK in t}
    pages: dict[str, int] = {}
    for note in anchored:
        if note.anchor is not None and note.doc_id in starts:
            page = page_at(texts[note.doc_id], note.anchor.start, starts[note.doc_id])
            if page is not None:
                pages[note.id] = page
    return pages
