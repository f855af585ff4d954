"""Querying the index: one page of ranked hits with snippets, a total, and "did you mean".

Documents with all the words come first, then those with any of them; the total does not
depend on the page asked for, so the window can load pages as the list scrolls.
"""

from __future__ import annotations

import time

from whoosh import query as wq
from whoosh.collectors import Collector, FilterCollector, TopCollector
from whoosh.searching import Results, Searcher

from app.core.library.store import Library
from app.core.search import evaluator
from app.core.search.query import (
    QueryBuilder,
    clean_query_text,
    count_matches,
    relaxed,
    with_title_boost,
)
from app.core.search.restrict import Restriction, restriction_for
from app.core.search.result_passages import hit_passages
from app.core.search.results import SearchHit, SearchResults
from app.core.search.schema import SEARCH_FIELDS
from app.core.search.spelling import suggest

FEW_RESULTS = 3  # below this many results, a spelling suggestion is offered


def search_page(
    searcher: Searcher,
    builder: QueryBuilder,
    text: str,
    library: Library,
    *,
    limit: int = 10,
    offset: int = 0,
    vectorised: bool = True,
    only: frozenset[str] | None = None,
) -> SearchResults:
    """One page of ranked results with snippets; documents with all the words come first.

    ``hits`` are the ranked hits ``[offset:offset + limit]`` (snippets are made for those
    only); ``total`` is the number of all matching documents, the same for every page.
    ``only``: the ids of the documents to search within (a collection); the results are
    the whole library's without the others. ``vectorised=False`` ranks with Whoosh's
    matchers only (for comparison and benchmarks).
    """
    began = time.perf_counter()
    text = clean_query_text(text)
    limit, offset = max(0, limit), max(0, offset)
    q = builder.parse(text)
    restriction = restriction_for(searcher, only) if only is not None else None
    ranked, total, all_words = _ranked(
        q, searcher, offset + limit, vectorised=vectorised, restriction=restriction
    )
    hits = ranked[offset : offset + limit]
    terms = _terms(q, searcher)
    # "Did you mean" looks at the whole index; within no document at all, nothing helps.
    wanted = total < FEW_RESULTS and not (restriction is not None and restriction.empty)
    suggestion = suggest(text, searcher, library, builder, all_words) if wanted else None
    stored = [searcher.stored_fields(d) for d, _ in hits]
    texts = library.texts(s["id"] for s in stored)
    out = []
    for s, (docnum, score) in zip(stored, hits, strict=True):
        passages = hit_passages(
            searcher, docnum, s, texts.get(s["id"], ""), terms=terms, library=library
        )
        out.append(
            SearchHit(
                id=s["id"],
                title=s["title"],
                path=s["path"],
                source=s["source"] or None,
                date=s["date"] or None,
                score=score,
                snippet=passages[0].snippet,
                passages=passages,
            )
        )
    took = (time.perf_counter() - began) * 1000
    return SearchResults(text, total, suggestion, out, took, frozenset(terms))


def _ranked(
    q: wq.Query,
    searcher: Searcher,
    upto: int,
    *,
    vectorised: bool = True,
    restriction: Restriction | None = None,
) -> evaluator.Ranked:
    """The first ``upto`` (docnum, score) in ranking order; how many documents match;
    how many have all the words (of those ``restriction`` allows, when given).

    The vectorised evaluator answers the forms it knows (it gives the documents Whoosh
    would); fuzzy terms, wildcards and rarer forms go through Whoosh's matchers.
    """
    if q is wq.NullQuery or (restriction is not None and restriction.empty):
        return [], 0, 0
    if vectorised:
        found = evaluator.ranked(q, searcher, upto, restriction)
        if found is not None:
            return found
    return whoosh_ranked(q, searcher, upto, restriction)


def whoosh_ranked(
    q: wq.Query, searcher: Searcher, upto: int, restriction: Restriction | None = None
) -> evaluator.Ranked:
    """``_ranked`` computed by Whoosh's own matchers (the collector leaves out the
    documents ``restriction`` does not allow, before scoring them).

    Documents with all the words come first, then those with any of them (the relaxed
    query, a superset): the total is the relaxed count whenever there is one, so that it
    does not depend on the page asked for. The all-words count is exact below ``upto``;
    from ``upto`` on it may be short (it only says the page lies within them).
    """
    if q is wq.NullQuery or (restriction is not None and restriction.empty):
        return [], 0, 0
    allowed = restriction.whoosh_filter() if restriction is not None else {}
    wider = relaxed(q)
    # Without a relaxed query, the all-words count is the total: it must be exact.
    strict = _top(searcher, with_title_boost(q), max(1, upto), allowed, exact=wider is None)
    hits = [(h.docnum, h.score) for h in strict][:upto]
    if wider is None:
        return hits, len(strict), len(strict)
    if len(strict) >= upto:
        # The page lies within the all-words documents: the others only need counting,
        # which unscored matching does without computing a score per document.
        return hits, count_matches(wider, searcher, restriction), len(strict)
    # Enough of the relaxed ranking to fill the page once the all-words ones are skipped.
    limit = upto + len(strict)
    more = _top(searcher, with_title_boost(wider), limit, allowed, exact=True)
    seen = {d for d, _ in hits}
    hits += [(h.docnum, h.score) for h in more if h.docnum not in seen][: upto - len(hits)]
    return hits, len(more), len(strict)


def _top(
    searcher: Searcher, q: wq.Query, limit: int, allowed: dict[str, set[int]], *, exact: bool
) -> Results:
    """Whoosh's top ``limit`` for ``q``, scored in full (no block-max skipping: slower than
    plain collection in pure Python, and it leaves the count to a second pass).

    ``exact``: ``len()`` of the results is the true count. Once its top is full, Whoosh's
    collector replaces the matcher with one that skips documents unable to enter it, and
    counts short (110 of 122 for ``administration~ verra``: the total changed with the
    page asked for); without replacement every match is visited, in the same one pass.
    """
    if not exact or limit >= searcher.doc_count():  # all of them: Whoosh counts them all
        return searcher.search(q, limit=limit, optimize=False, **allowed)
    collector: Collector = TopCollector(limit, usequality=False, replace=0)
    if allowed:
        collector = FilterCollector(collector, allowed.get("filter"), allowed.get("mask"))
    searcher.search_with_collector(q, collector)
    return collector.results()


def _terms(q: wq.Query, searcher: Searcher) -> set[str]:
    if q is wq.NullQuery:
        return set()
    found: set[str] = set()
    for fieldname, btext in q.existing_terms(searcher.reader(), expand=True):
        if fieldname in SEARCH_FIELDS:
            found.add(btext.decode("utf-8") if isinstance(btext, bytes) else str(btext))
    return found
