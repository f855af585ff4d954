"""Related documents and key terms: what a document is about, read from the index."""

from __future__ import annotations

from whoosh.lang.stopwords import stoplists
from whoosh.searching import Searcher

from app.core.library.store import Library
from app.core.search.analysis import FRENCH_STOPS, fold
from app.core.search.results import SearchHit
from app.core.search.spelling import surface_word

# The index drops French stop words only; a French manual quotes English ("the", "of").
_STOP_WORDS = frozenset(fold(w) for w in FRENCH_STOPS | frozenset(stoplists["en"]) | {"etc"})
# Candidates asked of the index per key term wanted: numbers and stop words are dropped.
_CANDIDATES_PER_TERM = 4


def more_like(searcher: Searcher, doc_id: str, library: Library, limit: int = 5) -> list[SearchHit]:
    """Documents about the same things as ``doc_id`` (more-like-this on its key terms)."""
    docnum = searcher.document_number(id=doc_id)
    if docnum is None:
        return []
    text = library.text(doc_id)
    results = searcher.more_like(docnum, "content", text=text, top=limit)
    out = []
    for hit in results:
        s = hit.fields()
        out.append(
            SearchHit(
                s["id"],
                s["title"],
                s["path"],
                s["source"] or None,
                s["date"] or None,
                hit.score,
                "",
            )
        )
    return out


def is_content_word(word: str) -> bool:
    """A word that can say what a text is about: letters only, two or more, not a stop word."""
    return len(word) >= 2 and word.isalpha() and fold(word.lower()) not in _STOP_WORDS


def key_terms(searcher: Searcher, doc_id: str, library: Library, count: int = 10) -> list[str]:
    """The content words that characterise a document, as real words (not stems)."""
    text = library.text(doc_id)
    wanted = max(0, count) * _CANDIDATES_PER_TERM
    stems = [t for t, _ in searcher.key_terms_from_text("content", text, numterms=wanted)]
    out: list[str] = []
    for stem in stems:
        word = surface_word(text, stem)
        if is_content_word(word) and word not in out:
            out.append(word)
            if len(out) == count:
                break
    return out
