"""'Did you mean': a spelling suggestion from the library's own words, offered only when
it is a real improvement (every wanted word found, more documents with all of them).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from whoosh import query as wq
from whoosh.searching import Searcher

from app.core.library.store import Library
from app.core.search.analysis import fold, index_variants, query_term
from app.core.search.query import QueryBuilder, count_matches, plain_words

MIN_CORRECTED_STEM = 4  # shorter words are not corrected: one edit makes any other word
TWO_EDITS_STEM = 6  # stems this long may be two edits away from the word meant
SPELLING_DOCS = 3  # documents read to find how a suggested word is really written
_FIELD_NAME = re.compile(r"\b\w+:")
_EXCLUDED_WORD = re.compile(r"(?:^|(?<=[\s(]))-\S+")


def suggest(
    text: str, searcher: Searcher, library: Library, builder: QueryBuilder, all_words: int
) -> str | None:
    """'Did you mean': each unknown word replaced by the closest word of the library.

    Offered only when it is a real improvement: every wanted word of the suggestion is
    in the library (a word with no close match means no suggestion at all), and the
    suggested query finds more documents with all its words than the query did
    (``all_words``: ``paquet debain`` finds a document about packages, ``paquet
    debian`` the ones about both).
    Closeness is measured between stems (the index's terms), nearest first, then most
    frequent; the stem found is turned back into the real word, the one nearest what
    was typed among those a few documents use.
    """
    reader = searcher.reader()
    corrector = searcher.corrector("content")
    suggestion = text
    for word in _wanted_plain_words(text):
        stem = query_term(word)
        if reader.doc_frequency("content", stem) > 0:
            continue
        found = _closest_term(corrector, stem)
        if found is None:
            return None  # this word would still find nothing: not an improvement
        real = _spelling_for(word, found, searcher, library)
        if real != word.lower():
            suggestion = _replace_word(suggestion, word, real)
    if suggestion == text:
        return None
    suggested = builder.parse(suggestion)
    if suggested is wq.NullQuery or count_matches(suggested, searcher) <= all_words:
        return None
    return suggestion


def _wanted_plain_words(text: str) -> list[str]:
    """The plain words a query wants found: not field names, nor excluded ``-words``."""
    return plain_words(_FIELD_NAME.sub(" ", _EXCLUDED_WORD.sub(" ", text)))


def _closest_term(corrector: Any, stem: str) -> str | None:
    """The library term nearest ``stem``, most frequent among equally near; None if far.

    Whoosh ranks everything within ``maxdist`` by frequency alone (``genevv`` gave the
    frequent ``gener`` before ``genev``): ask for one edit first, then two. Short stems
    allow fewer edits: two edits turn most four-letter words into some other word.
    """
    if len(stem) < MIN_CORRECTED_STEM:
        return None
    for maxdist in (1, 2) if len(stem) >= TWO_EDITS_STEM else (1,):
        options = corrector.suggest(stem, limit=1, maxdist=maxdist, prefix=1)
        if options:
            return str(options[0])
    return None


def _replace_word(text: str, word: str, new: str) -> str:
    return re.sub(rf"(?i)\b{re.escape(word)}\b", new, text, count=1)


def _spelling_for(typed: str, stem: str, searcher: Searcher, library: Library) -> str:
    """The real word for ``stem`` nearest what was typed, from a few documents that have it.

    ``genevv`` gives the stem ``genev``, written *Genève* in most articles and *Geneva* in
    one: the reader who typed ``Genevve`` meant *Genève*.
    """
    counts: Counter[str] = Counter()
    postings = searcher.reader().postings("content", stem)
    for _ in range(SPELLING_DOCS):
        text = library.text(searcher.stored_fields(postings.id())["id"])
        counts.update(_surface_words(text, stem))
        postings.next()
        if not postings.is_active():
            break
    if not counts:
        return stem
    folded = fold(typed.lower())
    return min(counts, key=lambda w: (_edit_distance(folded, fold(w)), -counts[w], w))


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (words are short: the plain two-row table is enough)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _surface_words(text: str, stem: str) -> Counter[str]:
    """The words of ``text`` (lower-cased) that the index turns into ``stem``, counted."""
    # Count every word first (C speed), then analyse each distinct word once: a 1 MB book
    # has ~100,000 words but ~10,000 distinct ones (67 -> 20 ms).
    counts = Counter(re.findall(r"\w+", text.lower()))
    return Counter({w: n for w, n in counts.items() if stem in index_variants(w)})


def surface_word(text: str, stem: str) -> str:
    """The most frequent word of ``text`` that the index turns into ``stem``."""
    counts = _surface_words(text, stem)
    return counts.most_common(1)[0][0] if counts else stem
