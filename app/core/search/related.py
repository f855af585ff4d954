"""Related documents and key terms: what a document is about, read from the index."""

from __future__ import annotations

from whoosh.searching import Searcher

from app.core.library.store import Library
from app.core.search.results import SearchHit
from app.core.search.spelling import surface_word


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


def key_terms(searcher: Searcher, doc_id: str, library: Library, count: int = 10) -> list[str]:
    """The words that characterise a document, as real words (not stems)."""
    text = library.text(doc_id)
    stems = [t for t, _ in searcher.key_terms_from_text("content", text, numterms=count)]
    return [surface_word(text, stem) for stem in stems]
