"""The phrases of a search query, and where they occur in a text, for marking whole phrases.

The index matches ``"Paul Whelan"`` as a phrase but reports its matched terms one by one;
the reader needs the phrase itself to step from one occurrence to the next. Words are
compared the index's way (folded, stemmed, stop words skipped): ``"contrôle des armes"``
marks *contrôle des armes* and *Contrôles des armes* alike.
"""

from __future__ import annotations

import re

from app.core.search.analysis import indexed_words, query_term_list

Phrase = tuple[str, ...]
"""The analysed terms of a phrase's words, stop words left out."""

# A quoted phrase, with an optional field or a minus before it: -"…" excludes it.
_QUOTED = re.compile(r'(?:^|(?<=\s)|(?<=\())(-?)(?:\w+:)?"([^"]*)"')


def query_phrases(query: str) -> tuple[Phrase, ...]:
    """The phrases of ``query`` of two or more words, excluded ones (``-"…"``) left out."""
    out: list[Phrase] = []
    for m in _QUOTED.finditer(query):
        if m.group(1):
            continue
        terms = tuple(query_term_list(m.group(2)))
        if len(terms) >= 2 and terms not in out:
            out.append(terms)
    return tuple(out)


def phrase_spans(text: str, phrases: tuple[Phrase, ...] | list[Phrase]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of ``text`` where one of ``phrases`` occurs.

    A span runs from the first word of the occurrence to the end of its last; stop words
    in between are skipped, as the index does.
    """
    wanted = [p for p in phrases if p]
    if not wanted:
        return []
    # The text's words that matter, with the terms each stands for (empty: breaks a phrase).
    words = indexed_words(text, phrase_terms(wanted))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for phrase in wanted:
            n = len(phrase)
            if i + n <= len(words) and all(phrase[k] in words[i + k][2] for k in range(n)):
                spans.append((words[i][0], words[i + n - 1][1]))
                i += n
                break
        else:
            i += 1
    return spans


def phrase_terms(phrases: tuple[Phrase, ...] | list[Phrase]) -> frozenset[str]:
    """Every term that belongs to one of ``phrases``."""
    return frozenset(t for p in phrases for t in p)
