"""Pages and contents of a document's text: form feeds between pages, a table of contents.

A paged document (PDF) keeps its pages in the library text as form feeds (``\\f``, as
``pdftotext`` writes them), so every offset — of a note, a search passage, a contents
entry — can name its page without a second table. Contents entries point at offsets in
the same text; formats that have no contents of their own get one from their headings.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.documents.structure import Block

PAGE_BREAK = "\f"


@dataclass(frozen=True)
class TocEntry:
    """One line of the contents: ``title`` at nesting ``level`` (1 = top), at ``offset``."""

    title: str
    level: int
    offset: int

    def to_json(self, text: str) -> dict[str, object]:
        """The ``toc --json`` form: title, level, offset and the page (or null)."""
        return {
            "title": self.title,
            "level": self.level,
            "offset": self.offset,
            "page": page_at(text, self.offset),
        }


def page_starts(text: str) -> list[int]:
    """The offset where each page begins (``[0]`` for a text without pages)."""
    starts = [0]
    at = text.find(PAGE_BREAK)
    while at != -1:
        starts.append(at + 1)
        at = text.find(PAGE_BREAK, at + 1)
    return starts


def page_count(text: str) -> int | None:
    """How many pages the text has; None when it is not paged (no form feed at all)."""
    return text.count(PAGE_BREAK) + 1 if PAGE_BREAK in text else None


def page_at(text: str, offset: int, starts: Sequence[int] | None = None) -> int | None:
    """The 1-based page ``offset`` falls on; None for a text without pages.

    Pass ``starts`` (from ``page_starts``) when asking for many offsets of one long text.
    """
    if starts is None:
        if PAGE_BREAK not in text:
            return None
        starts = page_starts(text)
    elif len(starts) < 2:
        return None
    return bisect.bisect_right(starts, max(offset, 0))


def toc_from_blocks(text: str, blocks: Sequence[Block]) -> tuple[TocEntry, ...]:
    """Contents made of the visible headings (HTML, Markdown), in reading order."""
    entries = []
    for block in blocks:
        if block.kind == "heading" and not block.hidden:
            title = " ".join(text[block.start : block.end].lstrip("#").split())
            if title:
                entries.append(TocEntry(title, max(block.level, 1), block.start))
    return tuple(entries)


def toc_to_json(entries: Sequence[TocEntry]) -> str:
    """The stored form of a document's own contents (PDF outline, EPUB navigation)."""
    return json.dumps([[e.title, e.level, e.offset] for e in entries], ensure_ascii=False)


def toc_from_json(stored: str | None, text_length: int) -> tuple[TocEntry, ...]:
    """Contents read back; entries that no longer fit the text (or are garbled) are dropped."""
    if not stored:
        return ()
    try:
        rows = json.loads(stored)
    except ValueError:
        return ()
    entries = []
    for row in rows if isinstance(rows, list) else ():
        try:
            title, level, offset = row
        except (TypeError, ValueError):
            continue
        well_formed = isinstance(title, str) and isinstance(level, int)
        if well_formed and isinstance(offset, int) and 0 <= offset <= text_length:
            entries.append(TocEntry(title, level, offset))
    return tuple(entries)
