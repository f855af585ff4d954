"""The vectorised evaluator: a query plan run on posting arrays with numpy.

It returns the documents Whoosh's matchers would, scored with the same BM25F (the
equivalence test holds it to that), and ranks them as ``ranking`` wants: documents with
all the words first, then those with any. Postings are read through ``open_postings``, so
a faster posting format makes this faster without a change here.
"""

from __future__ import annotations

import weakref

import numpy as np
import numpy.typing as npt
from whoosh import query as wq
from whoosh import scoring
from whoosh.searching import Searcher

from app.core.search.evaluator_plan import (
    AllNode,
    AnyNode,
    ButNotNode,
    MaybeNode,
    Node,
    NothingNode,
    PhraseNode,
    RequireNode,
    TermNode,
    plan,
)
from app.core.search.postings import (
    DocArray,
    JoinedPositions,
    PostingSource,
    TermPostings,
    WeightArray,
    open_postings,
)
from app.core.search.query import relaxed, with_title_boost
from app.core.search.restrict import Restriction

Ranked = tuple[list[tuple[int, float]], int, int]

_NO_DOCS: DocArray = np.zeros(0, dtype=np.int64)
_NO_SCORES: WeightArray = np.zeros(0, dtype=np.float64)

# One source per searcher: it caches field lengths and the live mask, which a searcher
# (a fixed generation of the index) never changes.
_SOURCES: weakref.WeakKeyDictionary[Searcher, PostingSource] = weakref.WeakKeyDictionary()


class Matches:
    """Matching documents (global docnums, ascending, unique) and their scores."""

    __slots__ = ("docs", "scores")

    def __init__(self, docs: DocArray, scores: WeightArray) -> None:
        self.docs = docs
        self.scores = scores

    def __len__(self) -> int:
        return len(self.docs)


NO_MATCHES = Matches(_NO_DOCS, _NO_SCORES)


def source_for(searcher: Searcher) -> PostingSource:
    """The posting source of ``searcher``, opened once per searcher."""
    source = _SOURCES.get(searcher)
    if source is None:
        source = _SOURCES[searcher] = open_postings(searcher)
    return source


class Evaluator:
    """Evaluates plans against one searcher; term postings and scores are read once.

    With a ``restriction``, each term's postings are cut to the documents it allows: every
    node combines documents one by one, so this gives what filtering the results would,
    with the same scores (BM25F's statistics are the whole index's), and phrases read
    positions of the allowed documents only.
    """

    def __init__(self, searcher: Searcher, restriction: Restriction | None = None) -> None:
        weighting = searcher.weighting
        if type(weighting) is not scoring.BM25F:
            raise TypeError("the evaluator scores with BM25F only")
        self._weighting: scoring.BM25F = weighting
        self._searcher = searcher
        self._source = source_for(searcher)
        self._restriction = restriction
        self._terms: dict[tuple[str, str], Matches] = {}

    def evaluate(self, node: Node) -> Matches:
        if isinstance(node, TermNode):
            m = self._term(node.field, node.text)
            return _boosted(m, node.boost)
        if isinstance(node, PhraseNode):
            return _boosted(self._phrase(node), node.boost)
        if isinstance(node, AllNode):
            return _boosted(_all([self.evaluate(p) for p in node.parts]), node.boost)
        if isinstance(node, AnyNode):
            return _boosted(_any([self.evaluate(p) for p in node.parts]), node.boost)
        if isinstance(node, ButNotNode):
            a = self.evaluate(node.a)
            keep = ~np.isin(a.docs, self.evaluate(node.b).docs, assume_unique=True)
            return Matches(a.docs[keep], a.scores[keep])
        if isinstance(node, MaybeNode):
            return _maybe(self.evaluate(node.a), self.evaluate(node.b))
        if isinstance(node, RequireNode):
            a = self.evaluate(node.a)
            keep = np.isin(a.docs, self.evaluate(node.b).docs, assume_unique=True)
            return Matches(a.docs[keep], a.scores[keep])
        assert isinstance(node, NothingNode)
        return NO_MATCHES

    def _term(self, field: str, text: str) -> Matches:
        """The term's documents with their BM25F scores, as Whoosh's ``BM25FScorer``."""
        key = (field, text)
        found = self._terms.get(key)
        if found is not None:
            return found
        postings = self._source.postings(field, text)
        if self._restriction is not None and len(postings):
            keep = self._restriction.within(postings.docnums)
            postings = TermPostings(postings.docnums[keep], postings.weights[keep])
        if not len(postings):
            found = NO_MATCHES
        else:
            btext = text.encode("utf-8")
            idf = self._searcher.idf(field, btext)
            avgfl = self._searcher.avg_field_length(field) or 1
            b = self._weighting._field_B.get(field, self._weighting.B)
            k1 = self._weighting.K1
            tf = postings.weights
            fl = self._source.field_lengths(field)[postings.docnums]
            scores = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
            found = Matches(postings.docnums, scores)
        self._terms[key] = found
        return found

    def _phrase(self, node: PhraseNode) -> Matches:
        """Documents with the words at consecutive positions; positions are read for the
        documents that have every word only, and each word narrows those the next reads."""
        parts = [self._term(node.field, w) for w in node.words]
        candidates = _all(parts)
        if len(node.words) == 1 or not len(candidates):
            return candidates
        # Key each occurrence by (document, where the phrase would end): the phrase is
        # there when every word gives the same key. The rarest word goes first: what it
        # leaves is often a small part of the candidates, and later words read only that.
        n = len(node.words)
        reader = self._searcher.reader()
        order = sorted(range(n), key=lambda k: reader.frequency(node.field, node.words[k]))
        docs = candidates.docs
        keys = _NO_DOCS
        for step, k in enumerate(order):
            joined = self._source.joined_positions(node.field, node.words[k], docs)
            word_keys = _start_keys(joined, docs, n - k)
            keys = word_keys if step == 0 else keys[_contains(word_keys, keys)]
            if not len(keys):
                return NO_MATCHES
            docs = _docs_of(keys)
        found = np.isin(candidates.docs, docs, assume_unique=True)
        return Matches(candidates.docs[found], candidates.scores[found])


def _start_keys(joined: JoinedPositions, docs: DocArray, shift: int) -> DocArray:
    """``document << 32 | position + shift`` for every position, ascending."""
    keys = (np.repeat(docs, joined.counts) << 32) | (joined.positions + shift)
    # Ascending already when each document's positions are (as Whoosh stores them).
    if len(keys) > 1 and not bool((keys[1:] >= keys[:-1]).all()):
        keys.sort()
    return keys


def _docs_of(sorted_keys: DocArray) -> DocArray:
    """The distinct documents of ascending keys (no sort: they are grouped already)."""
    docs = sorted_keys >> 32
    first = np.ones(len(docs), dtype=np.bool_)
    first[1:] = docs[1:] != docs[:-1]
    return docs[first]


def _contains(sorted_keys: DocArray, keys: DocArray) -> npt.NDArray[np.bool_]:
    """Which of ``keys`` are in ``sorted_keys`` (a binary search each, no sorting)."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=np.bool_)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return np.asarray(sorted_keys[at] == keys)


def _boosted(m: Matches, boost: float) -> Matches:
    return m if boost == 1.0 else Matches(m.docs, m.scores * boost)


def _all(parts: list[Matches]) -> Matches:
    if not parts:
        return NO_MATCHES
    result = parts[0]
    for part in sorted(parts[1:], key=len):
        if not len(result):
            return NO_MATCHES
        docs, ia, ib = np.intersect1d(result.docs, part.docs, True, return_indices=True)
        result = Matches(docs, result.scores[ia] + part.scores[ib])
    return result


def _any(parts: list[Matches]) -> Matches:
    parts = [p for p in parts if len(p)]
    if not parts:
        return NO_MATCHES
    if len(parts) == 1:
        return parts[0]
    docs, where = np.unique(np.concatenate([p.docs for p in parts]), return_inverse=True)
    weights = np.concatenate([p.scores for p in parts])
    scores = np.bincount(where, weights=weights).astype(np.float64, copy=False)
    return Matches(docs, scores)


def _maybe(a: Matches, b: Matches) -> Matches:
    _, ia, ib = np.intersect1d(a.docs, b.docs, True, return_indices=True)
    scores = a.scores.copy()
    scores[ia] += b.scores[ib]
    return Matches(a.docs, scores)


def top(m: Matches, k: int, exclude: DocArray = _NO_DOCS) -> list[tuple[int, float]]:
    """The ``k`` best (docnum, score), best first, ties by docnum as Whoosh's collector."""
    docs, scores = m.docs, m.scores
    if len(exclude):
        keep = ~np.isin(docs, exclude, assume_unique=True)
        docs, scores = docs[keep], scores[keep]
    n = len(docs)
    if k <= 0 or not n:
        return []
    if k < n:
        # Only the documents scoring at least the k-th best need sorting (ties included).
        kth = np.partition(scores, n - k)[n - k]
        idx = np.flatnonzero(scores >= kth)
        docs, scores = docs[idx], scores[idx]
    order = np.lexsort((docs, -scores))[:k]
    return list(zip(docs[order].tolist(), scores[order].tolist(), strict=True))


def ranked(
    q: wq.Query, searcher: Searcher, upto: int, restriction: Restriction | None = None
) -> Ranked | None:
    """What ``ranking._ranked`` returns, computed on arrays; None when ``q`` has a form
    the evaluator leaves to Whoosh. With a ``restriction``, the documents it leaves out
    are not there (the others keep their scores and order)."""
    if type(searcher.weighting) is not scoring.BM25F:
        return None
    reader = searcher.reader()
    strict_plan = plan(with_title_boost(q), reader)
    wider = relaxed(q)
    wider_plan = plan(with_title_boost(wider), reader) if wider is not None else None
    if strict_plan is None or (wider is not None and wider_plan is None):
        return None
    evaluator = Evaluator(searcher, restriction)
    strict = evaluator.evaluate(strict_plan)
    hits = top(strict, upto)
    if wider_plan is None:
        return hits, len(strict), len(strict)
    more = evaluator.evaluate(wider_plan)
    if len(hits) < upto:
        hits += top(more, upto - len(hits), exclude=strict.docs)
    return hits, len(more), len(strict)
