"""The passages a search result shows: several with page and section for a long document,
the one snippet for a short document (as before passages existed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from whoosh.searching import Searcher

from app.core.documents.toc import TocEntry, page_at, page_starts
from app.core.errors import DocumentNotFound
from app.core.library.store import Library
from app.core.search.passages import find_passages, snippet_within
from app.core.search.results import Passage
from app.core.search.snippets import snippet_and_offset


def hit_passages(
    searcher: Searcher,
    docnum: int,
    stored: Mapping[str, Any],
    text: str,
    *,
    terms: set[str] | frozenset[str],
    library: Library,
) -> tuple[Passage, ...]:
    """The result's passages, best first (never empty: a short text gets its snippet)."""
    marks = stored.get("marks")
    if marks:
        content = f"{stored['title']}\n\n{text}"
        spans = find_passages(searcher, docnum, content, marks, terms)
        if spans:
            in_text = spans_in_text(spans, content, text)
            return _long_passages(text, stored["id"], in_text, terms, library)
    snippet, offset = snippet_and_offset(text, terms)
    return (Passage(snippet, page_at(text, offset), None, offset),)


def spans_in_text(spans: Sequence[Any], content: str, text: str) -> list[tuple[int, int]]:
    """Content offsets (title first) as offsets in the document's text."""
    shift = len(content) - len(text)
    return [(max(0, s.start - shift), max(0, s.end - shift)) for s in spans]


def _long_passages(
    text: str,
    doc_id: str,
    spans: list[tuple[int, int]],
    terms: set[str] | frozenset[str],
    library: Library,
) -> tuple[Passage, ...]:
    try:
        toc = library.toc(doc_id)
    except DocumentNotFound:  # removed since the search began: its passages still stand
        toc = ()
    return placed_passages(text, spans, terms, toc)


def placed_passages(
    text: str,
    spans: Sequence[tuple[int, int]],
    terms: set[str] | frozenset[str],
    toc: Sequence[TocEntry],
) -> tuple[Passage, ...]:
    """Each ``(start, end)`` of ``text`` as a passage: its snippet, page, section, offset."""
    starts = page_starts(text)
    out = []
    for start, end in spans:
        snippet, offset = snippet_within(text, terms, start, end)
        out.append(Passage(snippet, page_at(text, offset, starts), section_at(toc, offset), offset))
    return tuple(out)


def section_at(toc: Sequence[TocEntry], offset: int) -> str | None:
    """The title of the nearest contents entry at or before ``offset``."""
    best: TocEntry | None = None
    for entry in toc:
        if entry.offset <= offset and (best is None or entry.offset >= best.offset):
            best = entry
    return best.title if best else None
