"""What the vectorised evaluator will compute for a Whoosh query tree, or None when it can't.

The plan mirrors how Whoosh's own matchers score each form (see ``whoosh/query``): a term
scores BM25F times its boost; an And or an Or adds its parts' scores and applies its
boost; AndMaybe adds the optional part where it matches; AndNot and Require score their
first part only; a phrase adds its words' scores. Prefixes are expanded here, to the same
bounded set of terms ``BoundedPrefix`` chooses. Anything else (fuzzy terms, wildcards,
``Not``, ranges, slop other than 1) is unsupported: the caller keeps Whoosh's own path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from whoosh import query as wq
from whoosh.reading import IndexReader

SCORED_FIELDS = frozenset({"content", "title", "source"})  # text fields with BM25F scoring


class Unsupported(Exception):
    """A query form the evaluator leaves to Whoosh."""


@dataclass(frozen=True)
class TermNode:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class PhraseNode:
    """Words at consecutive positions (Whoosh's ``Phrase`` with slop 1)."""

    field: str
    words: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class AllNode:
    """Every part matches (``And``); the parts' scores are added."""

    parts: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class AnyNode:
    """At least one part matches (``Or``); the matching parts' scores are added."""

    parts: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class ButNotNode:
    """``AndNot``: documents of ``a`` without those of ``b``, scored as ``a``."""

    a: Node
    b: Node


@dataclass(frozen=True)
class MaybeNode:
    """``AndMaybe``: documents of ``a``; ``b``'s score is added where it matches too."""

    a: Node
    b: Node


@dataclass(frozen=True)
class RequireNode:
    """``Require``: documents of both, scored as ``a``."""

    a: Node
    b: Node


@dataclass(frozen=True)
class NothingNode:
    """Matches no document (Whoosh's ``NullQuery``, an empty prefix expansion)."""


Node = Union[  # noqa: UP007 - the recursive alias needs the runtime Union
    TermNode, PhraseNode, AllNode, AnyNode, ButNotNode, MaybeNode, RequireNode, NothingNode
]

NOTHING = NothingNode()


def plan(q: wq.Query, reader: IndexReader) -> Node | None:
    """The plan for ``q``, or None when some part of it is a form left to Whoosh."""
    try:
        return _plan(q, reader)
    except Unsupported:
        return None


def _text(text: object) -> str:
    return text.decode("utf-8") if isinstance(text, bytes) else str(text)


def _field(fieldname: str | None) -> str:
    if fieldname not in SCORED_FIELDS:
        raise Unsupported(f"field {fieldname!r}")
    return fieldname


def _plan(q: wq.Query, reader: IndexReader) -> Node:
    if isinstance(q, type(wq.NullQuery)):
        return NOTHING
    # Exact classes: a subclass (FuzzyTerm is a Term, Wildcard a PatternQuery) may match
    # or score differently.
    kind = type(q)
    if kind is wq.Term:
        return TermNode(_field(q.fieldname), _text(q.text), float(q.boost))
    if kind is wq.Phrase:
        if q.slop != 1 or not q.words:
            raise Unsupported("phrase slop")
        return PhraseNode(_field(q.fieldname), tuple(_text(w) for w in q.words), float(q.boost))
    if isinstance(q, wq.Prefix) and kind.__name__ in ("Prefix", "BoundedPrefix"):
        return _prefix(q, reader)
    if kind is wq.And:
        return AllNode(tuple(_plan(s, reader) for s in q.subqueries), float(q.boost))
    if kind is wq.Or:
        if q.scale is not None or q.minmatch:
            raise Unsupported("scaled or")
        return AnyNode(tuple(_plan(s, reader) for s in q.subqueries), float(q.boost))
    # Binary queries: Whoosh's matchers ignore their boost, so the plan does too.
    if kind is wq.AndNot:
        return ButNotNode(_plan(q.a, reader), _plan(q.b, reader))
    if kind is wq.AndMaybe:
        return MaybeNode(_plan(q.a, reader), _plan(q.b, reader))
    if kind is wq.Require:
        return RequireNode(_plan(q.a, reader), _plan(q.b, reader))
    raise Unsupported(kind.__name__)


def _prefix(q: wq.Prefix, reader: IndexReader) -> Node:
    field = _field(q.fieldname)
    # The very expansion Whoosh's matcher would search (bounded for BoundedPrefix).
    texts = [_text(t) for t in q._btexts(reader) if t]
    boost = float(q.boost)
    if not texts:
        return NOTHING
    if len(texts) == 1:
        return TermNode(field, texts[0], boost)
    # Scored as an Or of its terms: Whoosh does so above 5,000 documents; below, it may
    # give every document the same score (see the equivalence test).
    return AnyNode(tuple(TermNode(field, t) for t in texts), boost)
