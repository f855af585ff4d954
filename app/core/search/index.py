"""The Whoosh full-text index: a cache of the library that can always be rebuilt from it.

A version stamp detects schema or analyzer changes; an index that fails to open (truncated
table of contents, garbled segment) is thrown away and rebuilt. Writes go through one
writer at a time; another process holding the lock makes the update wait for later.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import query as wq
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.index import Index, LockError
from whoosh.searching import Searcher

from app.core.errors import IndexBusyError, SearchIndexError
from app.core.library.store import Cancelled, Library, Progress
from app.core.search.analysis import (
    ANALYSIS_VERSION,
    FrenchPositions,
    folding_analyzer,
    french_analyzer,
)
from app.core.search.query import (
    QueryBuilder,
    clean_query_text,
    count_matches,
    relaxed,
    with_title_boost,
)
from app.core.search.snippets import make_snippet
from app.core.search.spelling import suggest, surface_word

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3  # 2: no spelling field, fast positions; 3: title inside content
INDEX_VERSION = f"{SCHEMA_VERSION}.{ANALYSIS_VERSION}"
STAMP_FILE = "carnet-index.json"
SEARCH_FIELDS = frozenset({"title", "content"})
FEW_RESULTS = 3  # below this many results, a spelling suggestion is offered
PARALLEL_MIN = 400  # documents to index before a multiprocess writer pays for itself
PARALLEL_PROCS = max(1, min(2, os.cpu_count() or 1))


def _french_text(*, stored: bool = False) -> TEXT:
    field = TEXT(analyzer=french_analyzer(), stored=stored)
    field.format = FrenchPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    # No spelling field: Whoosh re-checks the disk for its missing lengths on every
    # posting (a quarter of indexing time); "did you mean" uses the content terms instead.
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED,
        title=_french_text(stored=True),
        source=TEXT(analyzer=folding_analyzer(), stored=True),
        date=ID(stored=True),
        words=STORED,
        content=_french_text(),
    )


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    path: str
    source: str | None
    date: str | None
    score: float
    snippet: str
    kind: str = "document"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "source": self.source,
            "date": self.date,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    suggestion: str | None
    hits: list[SearchHit]
    took_ms: float
    terms: frozenset[str] = field(default_factory=frozenset)
    """Analysed terms that matched, for marking hits in the reader."""

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "took_ms": round(self.took_ms, 2),
            "results": [h.to_json() for h in self.hits],
        }


@dataclass
class IndexUpdate:
    indexed: int = 0
    removed: int = 0
    cancelled: bool = False


class SearchIndex:
    """Opens (or rebuilds) the index in one directory and searches it."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._ix: Index | None = None
        self._searcher: Searcher | None = None
        self._builder: QueryBuilder | None = None
        self.message: str | None = None
        """Set when the index had to be rebuilt: what happened, for the user."""

    # ---- opening -------------------------------------------------------------------

    def open(self, *, rebuild: bool = True) -> bool:
        """Open the index, creating it afresh when missing, outdated or damaged.

        Returns True when the index is new and empty: every document must be (re)indexed.
        With ``rebuild=False`` (readers beside another process that writes), a missing or
        damaged index raises SearchIndexError instead of being replaced.
        """
        self.close()
        stamp = self._read_stamp()
        if not rebuild and stamp != INDEX_VERSION:
            raise SearchIndexError("The search index is being built; try again in a moment.")
        if stamp is None:
            return self.reset(None)  # first use (or a stamp lost with the rest): build it
        if stamp != INDEX_VERSION:
            return self.reset("The search index was made by another version; rebuilding it.")
        # Whoosh leaves files open when it fails half-way through a damaged index; they are
        # released when the traceback goes, which must not count as our own leak.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            opened = self._try_open()
            gc.collect()
        if isinstance(opened, str):
            if not rebuild:
                raise SearchIndexError("The search index is damaged; it is being rebuilt.")
            return self.reset(f"The search index was damaged ({opened}); rebuilding it.")
        ix, searcher = opened
        self._ix, self._searcher = ix, searcher
        self._builder = QueryBuilder(ix.schema)
        return False

    def _try_open(self) -> tuple[Index, Searcher] | str:
        """The opened index, or the name of the error a damaged one raised."""
        try:
            ix = windex.open_dir(str(self.index_dir))
            searcher = ix.searcher()
            searcher.doc_count()
        except Exception as exc:  # noqa: BLE001 - a damaged index raises anything (pickle, EOF…)
            log.warning("search index at %s is damaged: %s", self.index_dir, repr(exc))
            return type(exc).__name__
        return ix, searcher

    def _read_stamp(self) -> str | None:
        try:
            data = json.loads((self.index_dir / STAMP_FILE).read_text("utf-8"))
            return str(data["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def reset(self, message: str | None = None) -> bool:
        """Throw the index away and create it empty (callers then re-index everything)."""
        self.message = message
        if self.index_dir.exists():
            shutil.rmtree(self.index_dir, ignore_errors=True)
        try:
            self.index_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            ix = windex.create_in(str(self.index_dir), build_schema())
            tmp = self.index_dir / (STAMP_FILE + ".tmp")
            tmp.write_text(json.dumps({"version": INDEX_VERSION}), "utf-8")
            tmp.replace(self.index_dir / STAMP_FILE)
        except OSError as exc:
            raise SearchIndexError(
                f"Cannot create the search index in {self.index_dir}: {exc.strerror or exc}"
            ) from exc
        self._ix, self._searcher = ix, ix.searcher()
        self._builder = QueryBuilder(ix.schema)
        return True

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._ix = self._searcher = None

    @property
    def ix(self) -> Index:
        if self._ix is None:
            self.open()
        assert self._ix is not None
        return self._ix

    def searcher(self) -> Searcher:
        """The long-lived searcher, refreshed to see the latest commit."""
        if self._searcher is not None and self._searcher.up_to_date():
            return self._searcher
        # Searcher.refresh() crashes when the old reader was empty (whoosh bug), and opening
        # a searcher on the few segments we keep is cheap: just open a new one.
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = self.ix.searcher()
        return self._searcher

    def doc_count(self) -> int:
        return int(self.searcher().doc_count())

    # ---- writing -------------------------------------------------------------------

    def update(
        self,
        library: Library,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        lock_timeout: float = 10.0,
    ) -> IndexUpdate:
        """Write what the library journal says is not in the index yet, in one commit."""
        report = IndexUpdate()
        removals = library.pending_removals()
        total = library.unindexed_count()
        if not removals and not total:
            return report
        # Many documents: Whoosh's multiprocess writer uses both cores (~2x); for a few, its
        # process start-up would cost more than it saves.
        parallel = {"procs": PARALLEL_PROCS, "multisegment": True} if total >= PARALLEL_MIN else {}
        try:
            writer = self.ix.writer(timeout=lock_timeout, limitmb=128, **parallel)
        except LockError as exc:
            raise IndexBusyError(
                "Another Carnet is updating the search index; the changes will be indexed later."
            ) from exc
        fresh = self.doc_count() == 0
        shas: dict[str, str] = {}
        try:
            for doc_id in removals:
                writer.delete_by_term("id", doc_id)
            for n, (record, text) in enumerate(library.unindexed()):
                if cancelled is not None and cancelled():
                    _cancel(writer)
                    report.cancelled = True
                    return report
                fields = {
                    "id": record.id,
                    "path": record.path,
                    "title": record.title,
                    "source": record.source or "",
                    "date": record.date or "",
                    "words": record.words,
                    # The title goes into the content too: one field to match (fast), and a
                    # word found only in an HTML <title> still finds its document.
                    "content": f"{record.title}\n\n{text}",
                }
                if fresh:
                    writer.add_document(**fields)
                else:
                    writer.update_document(**fields)
                shas[record.id] = record.sha256
                if progress is not None and n % 50 == 0:
                    progress(n, total, record.title)
            writer.commit()
        except BaseException:
            _cancel(writer)
            raise
        library.mark_indexed(shas, shas)
        library.clear_removals(removals)
        report.indexed, report.removed = len(shas), len(removals)
        if progress is not None:
            progress(total, total, "")
        return report

    # ---- reading -------------------------------------------------------------------

    def search(
        self, text: str, library: Library, limit: int = 10, offset: int = 0
    ) -> SearchResults:
        """One page of ranked results with snippets; documents with all the words come first.

        ``hits`` are the ranked hits ``[offset:offset + limit]`` (snippets are made for those
        only); ``total`` is the number of all matching documents, the same for every page.
        """
        began = time.perf_counter()
        text = clean_query_text(text)
        limit, offset = max(0, limit), max(0, offset)
        builder = self._builder or QueryBuilder(self.ix.schema)
        q = builder.parse(text)
        searcher = self.searcher()
        ranked, total, all_words = self._ranked(q, searcher, offset + limit)
        hits = ranked[offset : offset + limit]
        terms = self._terms(q, searcher)
        suggestion = (
            suggest(text, searcher, library, builder, all_words) if total < FEW_RESULTS else None
        )
        stored = [searcher.stored_fields(d) for d, _ in hits]
        texts = library.texts(s["id"] for s in stored)
        out = [
            SearchHit(
                id=s["id"],
                title=s["title"],
                path=s["path"],
                source=s["source"] or None,
                date=s["date"] or None,
                score=score,
                snippet=make_snippet(texts.get(s["id"], ""), set(terms)),
            )
            for s, (_, score) in zip(stored, hits, strict=True)
        ]
        took = (time.perf_counter() - began) * 1000
        return SearchResults(text, total, suggestion, out, took, frozenset(terms))

    @staticmethod
    def _ranked(
        q: wq.Query, searcher: Searcher, upto: int
    ) -> tuple[list[tuple[int, float]], int, int]:
        """The first ``upto`` (docnum, score) in ranking order; how many documents match;
        how many have all the words.

        Documents with all the words come first, then those with any of them (the relaxed
        query, a superset): the total is the relaxed count whenever there is one, so that it
        does not depend on the page asked for.
        """
        if q is wq.NullQuery:
            return [], 0, 0
        # Whoosh's block-max skipping is slower than plain collection in pure Python,
        # and leaves the total to a second pass: collect everything once (4x faster).
        strict = searcher.search(with_title_boost(q), limit=max(1, upto), optimize=False)
        hits = [(h.docnum, h.score) for h in strict][:upto]
        wider = relaxed(q)
        if wider is None:
            return hits, len(strict), len(strict)
        if len(strict) >= upto:
            # The page lies within the all-words documents: the others only need counting,
            # which unscored matching does without computing a score per document.
            return hits, count_matches(wider, searcher), len(strict)
        # Enough of the relaxed ranking to fill the page once the all-words ones are skipped.
        more = searcher.search(with_title_boost(wider), limit=upto + len(strict), optimize=False)
        seen = {d for d, _ in hits}
        hits += [(h.docnum, h.score) for h in more if h.docnum not in seen][: upto - len(hits)]
        return hits, len(more), len(strict)

    @staticmethod
    def _terms(q: wq.Query, searcher: Searcher) -> set[str]:
        if q is wq.NullQuery:
            return set()
        found: set[str] = set()
        for fieldname, btext in q.existing_terms(searcher.reader(), expand=True):
            if fieldname in SEARCH_FIELDS:
                found.add(btext.decode("utf-8") if isinstance(btext, bytes) else str(btext))
        return found

    def more_like(self, doc_id: str, library: Library, limit: int = 5) -> list[SearchHit]:
        """Documents about the same things as ``doc_id`` (more-like-this on its key terms)."""
        searcher = self.searcher()
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

    def key_terms(self, doc_id: str, library: Library, count: int = 10) -> list[str]:
        """The words that characterise a document, as real words (not stems)."""
        text = library.text(doc_id)
        searcher = self.searcher()
        stems = [t for t, _ in searcher.key_terms_from_text("content", text, numterms=count)]
        return [surface_word(text, stem) for stem in stems]


def _cancel(writer: Any) -> None:
    """Cancel a writer, and make sure a multiprocess writer's helpers are gone.

    Left to themselves after an error they can wait on their queue forever, and the
    interpreter then waits for them at exit: the indexing process never ends.
    """
    try:
        writer.cancel()
    finally:
        for task in getattr(writer, "tasks", ()):
            if task.is_alive():
                task.terminate()
            task.join(5)
