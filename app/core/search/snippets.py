"""Snippets: the best passage of a text around the matched words, marked with ``<b>``.

Matching is exactly the index's French matching (``analysis.matching_spans``, computed by
``word_spans`` faster), so a snippet marks ``négocié`` for the query ``negociations`` just as
the index matched it.
"""

from __future__ import annotations

import html

from app.core.search.word_spans import word_spans

SNIPPET_CHARS = 220
SPAN_LIMIT = 40  # the best passage is chosen among the first hits: long texts cost no more


def _best_window(spans: list[tuple[int, int]], text: str, width: int) -> int:
    """The window of ``width`` characters holding the most distinct matched words."""
    best_start, best_score = spans[0][0], -1
    j = 0
    for i, (start, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] - start <= width:
            j += 1
        distinct = len({text[a:b].lower() for a, b in spans[i : j + 1]})
        score = distinct * 10 + (j - i)
        if score > best_score:
            best_start, best_score = start, score
    return best_start


def _expand(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen to whole words, not past a paragraph break where possible."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def make_snippet(text: str, terms: set[str], width: int = SNIPPET_CHARS) -> str:
    """HTML-escaped passage with matched words in ``<b>``; the opening when nothing matches."""
    return snippet_and_offset(text, terms, width)[0]


def snippet_and_offset(
    text: str, terms: set[str] | frozenset[str], width: int = SNIPPET_CHARS
) -> tuple[str, int]:
    """The snippet (see ``make_snippet``) and the offset of its first matched word (else 0)."""
    spans = word_spans(text, frozenset(terms), limit=SPAN_LIMIT)
    if not spans:
        start, end = _expand(text, 0, min(len(text), width))
        snippet = html.escape(" ".join(text[start:end].split()))
        return snippet + ("…" if end < len(text) else ""), 0
    first = _best_window(spans, text, width)
    # Centre the matches a little: some context before the first one reads better.
    lead = min(width // 4, first)
    start, end = _expand(text, first - lead, min(len(text), first - lead + width))
    parts: list[str] = []
    pos = start
    for a, b in spans:
        if a < start or b > end:
            continue
        parts.append(html.escape(text[pos:a]))
        parts.append(f"<b>{html.escape(text[a:b])}</b>")
        pos = b
    parts.append(html.escape(text[pos:end]))
    body = " ".join("".join(parts).split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else ""), first
