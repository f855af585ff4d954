"""Search in notes with the same French analysis as documents (accents, elisions, stems).

A few thousand notes fit in memory: each note's analysed terms are cached by (id, updated),
so a search is a set intersection per note and snippets are built for the hits shown only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.notes.model import Note
from app.core.search.analysis import TOKEN_PATTERN, index_variants, matching_spans, query_terms

SNIPPET_CHARS = 200
_WORD = re.compile(TOKEN_PATTERN)


@dataclass(frozen=True)
class NoteHit:
    note: Note
    score: float
    snippet: str  # HTML-escaped, matched words in <b>…</b>


@dataclass(frozen=True)
class NoteResults:
    hits: list[NoteHit]
    """One page of the ranking."""
    total: int
    """How many notes match in all, whatever the page."""


def _fields(note: Note) -> list[str]:
    quote = note.anchor.quote if note.anchor else ""
    return [note.text, " ".join(note.tags), quote]


def _terms_of(note: Note) -> frozenset[str]:
    terms: set[str] = set()
    for field in _fields(note):
        for m in _WORD.finditer(field):
            terms.update(index_variants(m.group().lower()))
    return frozenset(terms)


class NoteSearcher:
    """Holds the per-note term cache between searches."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, frozenset[str]]] = {}

    def _terms(self, note: Note) -> frozenset[str]:
        cached = self._cache.get(note.id)
        if cached is not None and cached[0] == note.updated:
            return cached[1]
        terms = _terms_of(note)
        self._cache[note.id] = (note.updated, terms)
        return terms

    def search(
        self, notes: Sequence[Note], query: str, limit: int = 20, offset: int = 0
    ) -> NoteResults:
        """Ranked notes ``[offset:offset + limit]`` and how many match in all.

        Notes with most query words first, then most recent; any text is a valid query.
        Snippets are made for the returned page only.
        """
        terms = query_terms(query)
        if not terms:
            return NoteResults([], 0)
        scored: list[tuple[float, str, Note]] = []
        for note in notes:
            matched = len(terms & self._terms(note))
            if matched:
                scored.append((matched / len(terms), note.updated, note))
        # Forget notes that are gone, so the cache cannot grow without bound.
        live = {n.id for n in notes}
        for stale in self._cache.keys() - live:
            del self._cache[stale]
        # A stable sort on a fixed input order: the same ranking for every page.
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        offset, limit = max(0, offset), max(0, limit)
        page = scored[offset : offset + limit]
        hits = [NoteHit(n, score, snippet(n, terms)) for score, _u, n in page]
        return NoteResults(hits, len(scored))


def snippet(note: Note, terms: set[str], width: int = SNIPPET_CHARS) -> str:
    """A window of the first field with a match (body, then tags, then quote), hits in <b>."""
    text, spans = note.text, []
    for field in _fields(note):
        spans = matching_spans(field, terms)
        if spans:
            text = field
            break
    if not spans:
        return html.escape(text[:width])
    start = max(0, spans[0][0] - width // 3)
    while start > 0 and text[start - 1].isalnum():  # do not cut the first word
        start -= 1
    end = min(len(text), start + width)
    while end < len(text) and text[end].isalnum():
        end += 1
    parts = ["…" if start > 0 else ""]
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        parts += [html.escape(text[pos:s]), "<b>", html.escape(text[s:e]), "</b>"]
        pos = e
    parts += [html.escape(text[pos:end]), "…" if end < len(text) else ""]
    return "".join(parts)
