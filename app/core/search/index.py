"""The Whoosh full-text index: a cache of the library that can always be rebuilt from it.

``SearchIndex`` is the one entry point; its work lives beside it: opening and resetting
(``index_files``), writing (``index_writer``), querying (``ranking``), related documents
and key terms (``related``), and what counts as damage (``damage``).
"""

from __future__ import annotations

from app.core.library.store import Cancelled, Library, Progress
from app.core.search import related
from app.core.search.index_files import IndexFiles
from app.core.search.index_update import IndexUpdate
from app.core.search.ranking import search_page
from app.core.search.results import SearchHit, SearchResults
from app.core.search.schema import INDEX_VERSION, STAMP_FILE

__all__ = [
    "INDEX_VERSION",
    "STAMP_FILE",
    "IndexUpdate",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
]


class SearchIndex(IndexFiles):
    """Opens (or rebuilds) the index in one directory, updates it and searches it."""

    def update(
        self,
        library: Library,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        lock_timeout: float = 10.0,
    ) -> IndexUpdate:
        """Write what the library journal says is not in the index yet, in one commit."""
        if not library.unindexed_count() and not library.pending_removals():
            # Nothing to write (every search on an up-to-date index): the writer's modules,
            # its bulk writer and multiprocessing among them, are not even imported.
            return IndexUpdate()
        from app.core.search.index_writer import update_index  # noqa: PLC0415

        return update_index(self, library, progress, cancelled, lock_timeout)

    def search(
        self,
        text: str,
        library: Library,
        limit: int = 10,
        offset: int = 0,
        *,
        only: frozenset[str] | None = None,
    ) -> SearchResults:
        """One page of ranked results (see ``ranking.search_page``); with ``only``, within
        those documents (ids; None: the whole library)."""
        return search_page(
            self.searcher(), self.builder, text, library, limit=limit, offset=offset, only=only
        )

    def more_like(self, doc_id: str, library: Library, limit: int = 5) -> list[SearchHit]:
        """Documents about the same things as ``doc_id`` (more-like-this on its key terms)."""
        return related.more_like(self.searcher(), doc_id, library, limit)

    def key_terms(self, doc_id: str, library: Library, count: int = 10) -> list[str]:
        """The words that characterise a document, as real words (not stems)."""
        return related.key_terms(self.searcher(), doc_id, library, count)
